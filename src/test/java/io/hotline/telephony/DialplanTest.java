package io.hotline.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shipped dialplan puts the caller in the queue Hotline chose")
class DialplanTest {
    private final Dialplan dialplan = Dialplan.shipped();

    @Test
    @DisplayName("over FastAGI a queue Hotline set wins whatever AGISTATUS says; the fallback queue only without a hand-off")
    void agi() {
        assertThat(dialplan.queueAfter("hotline", "100", Map.of("AGISTATUS", "SUCCESS", "HOTLINE_QUEUE", "fraud")))
                .contains("fraud");
        // one STREAM FILE of a missing file ends the session as FAILURE (res_agi handle_streamfile)
        assertThat(dialplan.queueAfter("hotline", "100", Map.of("AGISTATUS", "FAILURE", "HOTLINE_QUEUE", "fraud")))
                .contains("fraud");
        assertThat(dialplan.queueAfter("hotline", "100", Map.of("AGISTATUS", "FAILURE"))).contains("general-support");
        assertThat(dialplan.queueAfter("hotline", "100", Map.of("AGISTATUS", "NOTFOUND"))).contains("general-support");
        assertThat(dialplan.queueAfter("hotline", "100", Map.of("AGISTATUS", "SUCCESS"))).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("over ARI the same: a named queue wins, a Stasis that failed goes to the fallback queue, else hang up")
    void ari() {
        assertThat(dialplan.queueAfter("hotline", "200", Map.of("STASISSTATUS", "SUCCESS", "HOTLINE_QUEUE", "fraud")))
                .contains("fraud");
        assertThat(dialplan.queueAfter("hotline", "200", Map.of("STASISSTATUS", "FAILED", "HOTLINE_QUEUE", "fraud")))
                .contains("fraud");
        assertThat(dialplan.queueAfter("hotline", "200", Map.of("STASISSTATUS", "FAILED"))).contains("general-support");
        assertThat(dialplan.queueAfter("hotline", "200", Map.of("STASISSTATUS", "SUCCESS"))).isEqualTo(Optional.empty());
    }
}
