package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.call.CallInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The agi_ block")
class AgiRequestTest {

    @Test
    @DisplayName("the recorded block gives the flow, the caller's number, the language and the call id")
    void recordedBlock() {
        List<String> block = Transcripts.load("agi-basic.txt").get("A").block();
        assertThat(block).hasSize(22);
        CallInfo info = AgiRequest.parse(block).toCallInfo("fallback");
        assertThat(info.flowId()).isEqualTo("main");
        assertThat(info.ani()).isEqualTo("13800138000");
        assertThat(info.language()).isEqualTo("en");
        assertThat(info.callId()).isEqualTo("1795393722.5");
        assertThat(info.transport()).isEqualTo("agi");
        assertThat(info.dialed()).isEqualTo("100");
        assertThat(info.extra())
                .containsEntry("channel", "Local/100@hotline-00000002;2")
                .containsEntry("callerName", "Wallet Customer");
    }

    @Test
    @DisplayName("a query string and AGI arguments are tolerated and kept")
    void queryAndArguments() {
        List<String> block = Transcripts.load("agi-basic.txt").get("B").block();
        assertThat(block).hasSize(24);
        AgiRequest request = AgiRequest.parse(block);
        assertThat(request.flowId()).isEqualTo("main");
        assertThat(request.query()).containsEntry("lang", "en").containsEntry("x", "1");
        assertThat(request.arguments()).containsExactly("first arg", "second");
        CallInfo info = request.toCallInfo("f");
        assertThat(info.extra()).containsEntry("query.lang", "en").containsEntry("arg.1", "first arg");
    }

    @Test
    @DisplayName("without agi_network_script the flow comes from agi_request's path")
    void fromRequestUrl() {
        AgiRequest r = AgiRequest.parse(List.of(
                "agi_request: agi://10.0.0.1:4573/stolen-account?x=1", "agi_callerid: unknown", "agi_language: zh"));
        assertThat(r.flowId()).isEqualTo("stolen-account");
        CallInfo info = r.toCallInfo("agi-7");
        assertThat(info.callId()).isEqualTo("agi-7");
        assertThat(info.ani()).isEmpty();
        assertThat(info.language()).isEqualTo("zh");
    }

    @Test
    @DisplayName("an empty accountcode line is a variable with an empty value")
    void emptyValue() {
        assertThat(AgiRequest.parse(List.of("agi_network_script: main", "agi_accountcode: "))
                        .get("accountcode"))
                .isEmpty();
        assertThat(AgiRequest.parse(List.of("agi_network_script: main", "agi_accountcode:"))
                        .get("accountcode"))
                .isEmpty();
    }

    @Test
    @DisplayName("lines that are not agi_ variables, or a block without a script, are refused")
    void malformed() {
        List<String> block =
                new ArrayList<>(Transcripts.load("agi-basic.txt").get("A").block());
        block.add(5, "GET / HTTP/1.1");
        assertThatThrownBy(() -> AgiRequest.parse(block))
                .isInstanceOf(AgiProtocolException.class)
                .hasMessageContaining("GET / HTTP/1.1");
        assertThatThrownBy(() -> AgiRequest.parse(List.of("agi_callerid: 1"))).isInstanceOf(AgiProtocolException.class);
        assertThatThrownBy(() -> AgiRequest.parse(List.of())).isInstanceOf(AgiProtocolException.class);
        assertThatThrownBy(() -> AgiRequest.parse(List.of("agi_: x", "agi_network_script: main")))
                .isInstanceOf(AgiProtocolException.class);
    }
}
