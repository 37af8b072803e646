package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.emulator.agi.AgiEmulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The emulated Asterisk's agi_ block")
class AgiEmulatorBlockTest {

    @Test
    @DisplayName("is session A's block of the recorded transcript, line for line, with the call's details put in")
    void sessionA() {
        AgiEmulator call = AgiEmulator.call(4573)
                .script("main")
                .language("en")
                .uniqueId("1795393722.5")
                .callerId("13800138000");
        assertThat(call.agiBlock())
                .containsExactlyElementsOf(
                        Transcripts.load("agi-basic.txt").get("A").block());
        assertThat(AgiEmulator.call(4573)
                        .script("main?x=1")
                        .args("first arg", "second")
                        .agiBlock())
                .contains(
                        "agi_network_script: main?x=1",
                        "agi_request: agi://127.0.0.1:4573/main?x=1",
                        "agi_arg_1: first arg",
                        "agi_arg_2: second");
    }
}
