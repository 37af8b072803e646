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
        // Each callback notes whether the marker file existed when it ran. The marker is written only after
        // the burst's callback: so the burst gave exactly one callback when the next one is the marker's
        // (waiting on the callbacks, not on a time without one). No timing is asserted beyond the quiet
        // period the watcher guarantees itself, which is long against three small writes even on a
        // loaded machine.
        Path marker = dir.resolve("marker.yaml");
        BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        try (FlowWatcher w = FlowWatcher.start(dir, Duration.ofSeconds(2), () -> changes.add(Files.exists(marker)))) {
            long t0 = System.nanoTime();
            Files.writeString(dir.resolve("main.yaml"), "id: main\n");
            Files.writeString(dir.resolve("stolen.yaml"), "id: stolen\n");
            Files.writeString(dir.resolve("main.yaml"), "id: main # edited\n");
            assertThat(changes.poll(10, TimeUnit.SECONDS))
                    .as("the burst was noticed, before the marker")
                    .isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .as("after the quiet period")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            Files.writeString(marker, "id: marker\n");
            assertThat(changes.poll(10, TimeUnit.SECONDS))
                    .as("the next callback is the marker's, not a second one " + "for the burst")
                    .isTrue();

            Files.delete(dir.resolve("stolen.yaml"));
            assertThat(changes.poll(10, TimeUnit.SECONDS))
                    .as("a removed flow is a change")
                    .isNotNull();
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
            assertThat(changes.poll(10, TimeUnit.SECONDS))
                    .as("a .yml file, so lint can say it is not loaded")
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
