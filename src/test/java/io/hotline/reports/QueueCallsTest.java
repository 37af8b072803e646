package io.hotline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Calls folded from queue_log rows as Asterisk 22's app_queue and the shipped dialplan write them. */
class QueueCallsTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private static QueueLogEntry row(int second, String queue, String agent, String event, String... data) {
        return new QueueLogEntry(
                T0.plusSeconds(second), "1795393812.15", queue, agent, event, List.of(data), "asterisk");
    }

    @Test
    @DisplayName(
            "a caller given to Desk B: left fraud after 12 s (WITHDRAW), answered by Desk B in account (hotline-agent's HOTLINE row)")
    void givenToOneAgent() {
        var calls = QueueCalls.fold(List.of(
                row(0, "fraud", "NONE", "HOTLINE", "T-482915", "en", "fraud"),
                row(0, "fraud", "NONE", "ENTERQUEUE", "", "13700137000", "1"),
                row(12, "fraud", "NONE", "WITHDRAW", "1", "1", "12", "5"),
                row(12, "hotline-agent", "NONE", "HOTLINE", "T-482915", "en", "fraud", "account"),
                row(12, "hotline-agent", "NONE", "ENTERQUEUE", "", "13700137000", "1"),
                row(14, "hotline-agent", "Desk B", "CONNECT", "2", "1795393813.16", "2"),
                row(54, "hotline-agent", "Desk B", "COMPLETECALLER", "2", "40", "1")));
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.ticket()).isEqualTo("T-482915");
            assertThat(c.segments()).extracting(QueueCall.Segment::queue).containsExactly("fraud", "account");
            assertThat(c.segments().get(0).outcome()).isEqualTo(QueueCall.Outcome.LEFT);
            assertThat(c.segments().get(0).waitSeconds()).isEqualTo(12);
            assertThat(c.segments().get(1).outcome()).isEqualTo(QueueCall.Outcome.ANSWERED);
            assertThat(c.segments().get(1).agent()).isEqualTo("Desk B");
            assertThat(c.segments().get(1).talkSeconds()).isEqualTo(40);
        });
    }
}
