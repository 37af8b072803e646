package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Asterisk (or anyone reaching the FastAGI port) sends, as arbitrary text: the {@code agi_} request
 * block parses or fails with {@link AgiProtocolException} (the one clear error, on which the server closes
 * the connection); a reply line parses or is not a reply; nothing else is thrown, and every derived value
 * is well-formed. Seeds: {@code src/test/resources/io/hotline/telephony/agi/AgiParsingFuzzTestInputs/}.
 */
class AgiParsingFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void requestBlock(FuzzedDataProvider data) {
        List<String> lines = new ArrayList<>();
        int n = data.consumeInt(0, AgiRequest.MAX_LINES);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            // mostly agi_ lines, as a real peer sends, sometimes anything
            String line = data.consumeBoolean() ? "agi_" + data.consumeString(60) : data.consumeString(80);
            lines.add(line.replace("\n", "").replace("\r", ""));
        }
        AgiRequest request;
        try {
            request = AgiRequest.parse(lines);
        } catch (AgiProtocolException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        // parse -> format -> parse gives the same request
        List<String> formatted = new ArrayList<>();
        request.variables().forEach((name, value) -> formatted.add("agi_" + name + ": " + value));
        assertThat(AgiRequest.parse(formatted)).isEqualTo(request);
        assertThat(request.flowId()).doesNotContain("?");
        assertThat(request.arguments()).isNotNull();
        var info = request.toCallInfo("fuzz-1");
        assertThat(info.callId()).isNotBlank();
        assertThat(info.maskedAni()).doesNotContainPattern("[0-9]{5,}");
    }

    @FuzzTest(maxDuration = "2m")
    void replyLine(String line) {
        Optional<AgiReply> reply = AgiReply.parse(line);
        if (reply.isEmpty()) {
            return;
        }
        AgiReply r = reply.get();
        assertThat(r.status()).isBetween(100, 599);
        // parse -> format -> parse: a reply written back from its parts reads as the same reply
        StringBuilder again = new StringBuilder(Integer.toString(r.status()));
        if (r.isSuccess()) {
            again.append(" result=").append(r.result());
            if (!r.data().isEmpty()) {
                again.append(" (").append(r.data()).append(')');
            }
            r.attributes()
                    .forEach((k, v) -> again.append(' ').append(k).append('=').append(v));
        } else {
            again.append(' ').append("text");
        }
        AgiReply reparsed = AgiReply.parse(again.toString()).orElseThrow(() -> new AssertionError(again));
        assertThat(List.of(reparsed.status(), reparsed.result(), reparsed.data(), reparsed.attributes()))
                .isEqualTo(List.of(r.status(), r.result(), r.data(), r.attributes()));
        // what is derived from the parts agrees with them
        assertThat(r.isMinusOne()).isEqualTo(r.code().orElse(0) == -1);
        assertThat(r.isTimeout()).isEqualTo(r.data().equals("timeout"));
        r.key().ifPresent(k -> assertThat(r.code()).isPresent().get().isNotEqualTo(-1));
        assertThat(r.endpos())
                .isGreaterThanOrEqualTo(-1L)
                .satisfiesAnyOf(
                        e -> assertThat(e).isEqualTo(-1L),
                        e -> assertThat(r.attributes().get("endpos")).isEqualTo(Long.toString(e)));
        assertThat(AgiRequest.printable(line)).doesNotContainPattern("[0-9]{5,}");
    }
}
