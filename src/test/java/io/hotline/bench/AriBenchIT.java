package io.hotline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.Hotline;
import io.hotline.db.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The ARI benchmark")
class AriBenchIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    @DisplayName("a short run completes every journey through the engine and reports turn times")
    void shortRun() throws Exception {
        try (Hotline hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone())) {
            AriBench.Result r = AriBench.run(call -> hotline.engine().run(call), 40, 10, 10, System.out);
            System.out.println(r.render());
            assertThat(r.errors()).isZero();
            assertThat(r.calls()).isEqualTo(40);
            assertThat(r.p99()).isPositive().isGreaterThanOrEqualTo(r.p50());
            assertThat(r.peakConcurrent()).isLessThanOrEqualTo(10);
        }
    }
}
