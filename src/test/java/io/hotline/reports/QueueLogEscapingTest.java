package io.hotline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("queue_log text as res_config_pgsql stores it")
class QueueLogEscapingTest {
    @Test
    @DisplayName("a Local channel's uniqueid comes back with its ';' (stored as ^3B)")
    void semicolon() {
        assertThat(QueueLogStore.decode("pbx-agi-2-77492^3B2")).isEqualTo("pbx-agi-2-77492;2");
        assertThat(QueueLogStore.encode("pbx-agi-2-77492;2")).isEqualTo("pbx-agi-2-77492^3B2");
    }

    @Test
    @DisplayName("a '^' survives the round trip and a stray '^' is left as it is")
    void caret() {
        assertThat(QueueLogStore.decode(QueueLogStore.encode("a^b;c"))).isEqualTo("a^b;c");
        assertThat(QueueLogStore.decode("50^")).isEqualTo("50^");
        assertThat(QueueLogStore.decode("^zz")).isEqualTo("^zz");
    }
}
