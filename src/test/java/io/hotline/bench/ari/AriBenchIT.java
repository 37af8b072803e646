package io.hotline.bench.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.PromptPart;
import io.hotline.db.TestDatabase;
import io.hotline.server.Hotline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The ARI benchmark's machinery")
class AriBenchIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final List<AriBench.Journey> BOTH = List.of(
            AriBench.journey("stolen", Duration.ofMillis(350)), AriBench.journey("recharge", Duration.ofMillis(350)));

    @Test
    @DisplayName("a short run completes every journey through the engine and reports turn times")
    void shortRun() throws Exception {
        try (Hotline hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone())) {
            AriBench.Figures f =
                    AriBench.run("hotline over ARI", call -> hotline.engine().run(call), BOTH, 30, 10, 6, null);
            System.out.print(f.render());
            assertThat(f.errors()).as("%s", f.sampleErrors()).isZero();
            assertThat(f.calls()).isEqualTo(30);
            assertThat(f.turns()).isGreaterThan(30L * 5);
            assertThat(f.p99Millis()).isPositive().isGreaterThanOrEqualTo(f.p50Millis());
            assertThat(f.peakCalls()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    @DisplayName("a journey that does not reach its queue is counted as an error")
    void wrongEnding() throws Exception {
        AriBench.Figures f = AriBench.run(
                "bye",
                call -> call.play(List.of(new PromptPart.Recorded("bye", "Bye")), "en", ""),
                BOTH,
                4,
                2,
                0,
                null);
        assertThat(f.errors()).isEqualTo(4);
        assertThat(f.sampleErrors())
                .anyMatch(e -> e.contains("ended 'hangup without") && e.contains("expected 'queued:"));
    }
}
