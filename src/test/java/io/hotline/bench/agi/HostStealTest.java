package io.hotline.bench.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The bench's reading of CPU time stolen by the host")
class HostStealTest {

    @Test
    @DisplayName("the share stolen between two /proc/stat readings, as recorded on this machine on 2026-11-23")
    void shareBetweenReadings() {
        // five seconds apart on a 2-core virtual machine whose host was busy: 347 of 1,102 jiffies stolen
        HostSteal before = HostSteal.parse("cpu  148749 0 71940 885339 756 0 15329 42542 0 0");
        HostSteal after = HostSteal.parse("cpu  148813 0 72130 885776 756 0 15393 42889 0 0");
        assertThat(HostSteal.shareSince(before, after)).isCloseTo(347.0 / 1102, within(1e-9));
    }

    @Test
    @DisplayName("no figure rather than a wrong one when a reading is missing or time did not move")
    void noFigure() {
        HostSteal one = HostSteal.parse("cpu  1 0 1 1 0 0 0 0 0 0");
        assertThat(HostSteal.shareSince(null, one)).isEqualTo(-1);
        assertThat(HostSteal.shareSince(one, one)).isEqualTo(-1);
        assertThat(HostSteal.parse("cpu  10 0 10 10").steal()).isZero(); // kernels without the steal column
    }
}
