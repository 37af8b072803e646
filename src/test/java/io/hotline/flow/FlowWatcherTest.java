package io.hotline.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Watching the flows directory")
class FlowWatcherTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a burst of flow-file changes is handled once, after it settled")
    void burstIsHandledOnce() throws Exception {
        BlockingQueue<Long> changes = new LinkedBlockingQueue<>();
        try (FlowWatcher w = FlowWatcher.start(dir, Duration.ofMillis(300), () -> changes.add(System.nanoTime()))) {
            long t0 = System.nanoTime();
            Files.writeString(dir.resolve("main.yaml"), "id: main\n");
            Files.writeString(dir.resolve("stolen.yaml"), "id: stolen\n");
            Files.writeString(dir.resolve("main.yaml"), "id: main # edited\n");
            Long at = changes.poll(10, TimeUnit.SECONDS);
            assertThat(at).as("the change was noticed").isNotNull();
            assertThat(Duration.ofNanos(at - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(changes.poll(700, TimeUnit.MILLISECONDS)).as("a second callback for the same burst").isNull();

            Files.delete(dir.resolve("stolen.yaml"));
            assertThat(changes.poll(10, TimeUnit.SECONDS)).as("a removed flow is a change").isNotNull();
        }
    }

    @Test
    @DisplayName("editor swap files, other files and subdirectories such as tests/ are not flow changes")
    void otherFilesAreIgnored() throws Exception {
        BlockingQueue<Long> changes = new LinkedBlockingQueue<>();
        Files.createDirectories(dir.resolve("tests"));
        try (FlowWatcher w = FlowWatcher.start(dir, Duration.ofMillis(50), () -> changes.add(System.nanoTime()))) {
            Files.writeString(dir.resolve(".main.yaml.swp"), "x");
            Files.writeString(dir.resolve("notes.txt"), "x");
            Files.writeString(dir.resolve("tests/main.yaml"), "cases: []\n");
            assertThat(changes.poll(600, TimeUnit.MILLISECONDS)).isNull();
            Files.writeString(dir.resolve("main.yml"), "x");
            assertThat(changes.poll(10, TimeUnit.SECONDS)).as("a .yml file, so lint can say it is not loaded")
                    .isNotNull();
        }
    }

    @Test
    @DisplayName("a callback that throws does not stop the watching")
    void survivesFailingCallback() throws Exception {
        BlockingQueue<Long> changes = new LinkedBlockingQueue<>();
        try (FlowWatcher w = FlowWatcher.start(dir, Duration.ofMillis(50), () -> {
            changes.add(System.nanoTime());
            throw new IllegalStateException("boom");
        })) {
            Files.writeString(dir.resolve("a.yaml"), "x");
            assertThat(changes.poll(10, TimeUnit.SECONDS)).isNotNull();
            Files.writeString(dir.resolve("b.yaml"), "x");
            assertThat(changes.poll(10, TimeUnit.SECONDS)).isNotNull();
        }
    }
}
