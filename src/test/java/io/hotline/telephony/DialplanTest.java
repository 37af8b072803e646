package io.hotline.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shipped dialplan puts the caller in the queue Hotline chose")
class DialplanTest {
    private final Dialplan dialplan = Dialplan.shipped();

    @Test
    @DisplayName(
            "over FastAGI a queue Hotline set wins whatever AGISTATUS says; a caller still on the line without one goes to the fallback queue")
    void agi() {
        assertThat(dialplan.queueAfter("hotline", "100", Map.of("AGISTATUS", "SUCCESS", "HOTLINE_QUEUE", "fraud")))
                .contains("fraud");
        // one STREAM FILE of a missing file ends the session as FAILURE (res_agi handle_streamfile)
        assertThat(dialplan.queueAfter("hotline", "100", Map.of("AGISTATUS", "FAILURE", "HOTLINE_QUEUE", "fraud")))
                .contains("fraud");
        assertThat(dialplan.queueAfter("hotline", "100", Map.of("AGISTATUS", "FAILURE")))
                .contains("general-support");
        assertThat(dialplan.queueAfter("hotline", "100", Map.of("AGISTATUS", "NOTFOUND")))
                .contains("general-support");
        // a live channel without a hand-off: Hotline went away mid-call (the real tier's PbxServerStopIT
        // measured AGISTATUS=SUCCESS when the server closes the socket); a goodbye hangs the channel up
        assertThat(dialplan.queueAfter("hotline", "100", Map.of("AGISTATUS", "SUCCESS")))
                .contains("general-support");
    }

    @Test
    @DisplayName(
            "over ARI the same: a named queue wins; without one, a caller still on the line goes to the fallback queue")
    void ari() {
        assertThat(dialplan.queueAfter("hotline", "200", Map.of("STASISSTATUS", "SUCCESS", "HOTLINE_QUEUE", "fraud")))
                .contains("fraud");
        assertThat(dialplan.queueAfter("hotline", "200", Map.of("STASISSTATUS", "FAILED", "HOTLINE_QUEUE", "fraud")))
                .contains("fraud");
        assertThat(dialplan.queueAfter("hotline", "200", Map.of("STASISSTATUS", "FAILED")))
                .contains("general-support");
        // Hotline's WebSocket closed mid-call: Asterisk lets the channel out with STASISSTATUS=SUCCESS
        assertThat(dialplan.queueAfter("hotline", "200", Map.of("STASISSTATUS", "SUCCESS")))
                .contains("general-support");
    }
}
