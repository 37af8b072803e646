package io.hotline.telephony.queue;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.QueueHandoff;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A queue hand-off as Asterisk channel variables")
class ChannelVariablesTest {

    @Test
    @DisplayName("a channel variable's name is the same with or without Asterisk's one or two inheritance marks")
    void baseName() {
        assertThat(ChannelVariables.baseName("__HOTLINE_QUEUE")).isEqualTo("HOTLINE_QUEUE");
        assertThat(ChannelVariables.baseName("_HOTLINE_QUEUE")).isEqualTo("HOTLINE_QUEUE");
        assertThat(ChannelVariables.baseName("HOTLINE_QUEUE")).isEqualTo("HOTLINE_QUEUE");
        assertThat(ChannelVariables.baseName("___X")).isEqualTo("_X");
        assertThat(ChannelVariables.baseName("__")).isEmpty();
    }

    @Test
    @DisplayName("what the pop needs is inherited by the agent's leg; the queue and app_queue's priority come last")
    void handoff() {
        var vars = ChannelVariables.of(new QueueHandoff("fraud", 7, "T-1", "fraud", "A-9", true, "zh", ""));
        assertThat(vars)
                .containsExactly(
                        entry("__HOTLINE_ACCOUNT", "A-9"),
                        entry("__HOTLINE_CATEGORY", "fraud"),
                        entry("__HOTLINE_LANG", "zh"),
                        entry("__HOTLINE_PRIORITY", "7"),
                        entry("__HOTLINE_TICKET", "T-1"),
                        entry("__HOTLINE_VERIFIED", "yes"),
                        entry("__HOTLINE_QUEUE", "fraud"),
                        entry("QUEUE_PRIO", "7"));
    }

    @Test
    @DisplayName("without a ticket the hand-off carries what the IVR did instead")
    void noTicket() {
        var vars = ChannelVariables.of(
                new QueueHandoff("fraud", 0, "", "fraud", "", false, "en", "freeze_account=frozen:F-1"));
        assertThat(vars)
                .doesNotContainKey("__HOTLINE_TICKET")
                .containsEntry("__HOTLINE_ACTIONS", "freeze_account=frozen:F-1")
                .containsEntry("__HOTLINE_VERIFIED", "no");
    }
}
