package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.Key;
import io.hotline.emulator.agi.AgiEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("AGI reply parser")
class AgiReplyTest {

    static List<String> everyReplyLine() {
        List<String> all = new ArrayList<>(Transcripts.repliesIn("agi-basic.txt"));
        all.addAll(Transcripts.repliesIn("agi-queue.txt"));
        return all;
    }

    @Test
    @DisplayName("every line Asterisk sent in the recorded sessions is either HANGUP or a reply we understand")
    void everyTranscriptLineParses() {
        List<String> lines = everyReplyLine();
        assertThat(lines).hasSizeGreaterThan(100);
        for (String line : lines) {
            Optional<AgiReply> reply = AgiReply.parse(line);
            if (line.equals("HANGUP")) {
                assertThat(reply).as(line).isEmpty();
                continue;
            }
            assertThat(reply).as(line).isPresent();
            AgiReply r = reply.get();
            assertThat(r.status()).as(line).isIn(200, 510, 511);
            assertThat(r.text()).isEqualTo(line);
            if (r.isSuccess()) {
                // every 200 in the transcripts has a numeric result except GET DATA's empty one
                assertThat(r.code().isPresent() || r.result().isEmpty())
                        .as(line)
                        .isTrue();
            }
        }
    }

    @Test
    @DisplayName("a key that stopped a STREAM FILE comes back as its ASCII code with the sample offset")
    void keyWithEndpos() {
        AgiReply r = AgiReply.parse("200 result=53 endpos=21760").orElseThrow();
        assertThat(r.key()).contains(Key.of('5'));
        assertThat(r.endpos()).isEqualTo(21760);
        assertThat(AgiReply.parse("200 result=35").orElseThrow().key()).contains(Key.of('#'));
        assertThat(AgiReply.parse("200 result=57").orElseThrow().key()).contains(Key.of('9'));
        assertThat(AgiReply.parse("200 result=42").orElseThrow().key()).contains(Key.of('*'));
    }

    @Test
    @DisplayName("result=0 is no key, result=-1 is a hang-up and no key at all")
    void noneAndHangup() {
        AgiReply played = AgiReply.parse("200 result=0 endpos=11234").orElseThrow();
        assertThat(played.key()).contains(Key.NONE);
        assertThat(played.isMinusOne()).isFalse();
        AgiReply gone = AgiReply.parse("200 result=-1 endpos=42400").orElseThrow();
        assertThat(gone.isMinusOne()).isTrue();
        assertThat(gone.key()).isEmpty();
        assertThat(gone.endpos()).isEqualTo(42400);
        assertThat(AgiReply.parse("200 result=-1").orElseThrow().endpos()).isEqualTo(-1);
    }

    @Test
    @DisplayName("GET DATA's timeout marker is read with and without digits")
    void timeouts() {
        AgiReply nothing = AgiReply.parse("200 result= (timeout)").orElseThrow();
        assertThat(nothing.result()).isEmpty();
        assertThat(nothing.isTimeout()).isTrue();
        assertThat(nothing.code()).isEmpty();
        AgiReply some = AgiReply.parse("200 result=42 (timeout)").orElseThrow();
        assertThat(some.result()).isEqualTo("42");
        assertThat(some.isTimeout()).isTrue();
        assertThat(AgiReply.parse("200 result=1234").orElseThrow().isTimeout()).isFalse();
    }

    @Test
    @DisplayName("variable values keep their spaces, slashes and parentheses")
    void variableValues() {
        assertThat(AgiReply.parse("200 result=1 (Agent Fraud 1)").orElseThrow().data())
                .isEqualTo("Agent Fraud 1");
        assertThat(AgiReply.parse("200 result=1 (13800138000/T-0001)")
                        .orElseThrow()
                        .data())
                .isEqualTo("13800138000/T-0001");
        assertThat(AgiReply.parse("200 result=1 (a (b) c)").orElseThrow().data())
                .isEqualTo("a (b) c");
        assertThat(AgiReply.parse("200 result=0").orElseThrow().data()).isEmpty();
    }

    @Test
    @DisplayName("510, 511 and 520 are replies with their status")
    void errorStatuses() {
        assertThat(AgiReply.parse(AgiEmulator.UNKNOWN).orElseThrow().status()).isEqualTo(510);
        AgiReply dead = AgiReply.parse(AgiEmulator.DEAD).orElseThrow();
        assertThat(dead.isDeadChannel()).isTrue();
        assertThat(dead.key()).isEmpty();
        assertThat(AgiReply.parse("520-Invalid command syntax.  Proper usage follows:")
                        .orElseThrow()
                        .status())
                .isEqualTo(520);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "HANGUP",
                "",
                "hello",
                "200",
                "200 result",
                "200 result=0 trailing junk",
                "20 result=1",
                "agi_network: yes",
                "600 result=0",
                "200 result=1 (unclosed"
            })
    @DisplayName("anything else is not a reply")
    void garbage(String line) {
        assertThat(AgiReply.parse(line)).isEmpty();
    }

    @Test
    @DisplayName("a result that is not a DTMF code is not taken for a key")
    void strangeCodes() {
        assertThat(AgiReply.parse("200 result=1").orElseThrow().key()).isEmpty();
        assertThat(AgiReply.parse("200 result=999").orElseThrow().key()).isEmpty();
        assertThat(AgiReply.parse("200 result=abc").orElseThrow().code()).isEmpty();
    }
}
