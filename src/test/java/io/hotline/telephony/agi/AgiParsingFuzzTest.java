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
        assertThat(request.flowId()).isNotNull();
        assertThat(request.query()).isNotNull();
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
        r.isSuccess();
        r.isDeadChannel();
        r.code();
        r.isMinusOne();
        r.isTimeout();
        r.endpos();
        r.key();
        assertThat(r.toString()).isNotNull();
        assertThat(AgiRequest.printable(line)).doesNotContainPattern("[0-9]{5,}");
    }
}
