package io.hotline.telephony.ari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.emulator.ari.AriTranscript;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ARI events as Asterisk 22 really sends them")
class AriEventTest {
    private final AriTranscript transcript = AriTranscript.load();

    @Test
    @DisplayName("every frame of the recorded sessions is understood")
    void everyRecordedFrameParses() {
        List<JsonObject> frames = transcript.frames();
        assertThat(frames).hasSizeGreaterThan(30);
        for (JsonObject f : frames) {
            AriEvent e = AriEvent.parse(f.encode());
            assertThat(e.channelId()).as(f.getString("type")).isNotNull();
        }
    }

    @Test
    @DisplayName("StasisStart gives the channel, the caller's number, the language and the arguments")
    void stasisStart() {
        AriEvent e = AriEvent.parse(transcript.event("StasisStart").encode());
        assertThat(e).isInstanceOfSatisfying(AriEvent.StasisStarted.class, s -> {
            assertThat(s.channel().id()).isEqualTo("1795393863.31");
            assertThat(s.channel().callerNumber()).isEqualTo("13800138000");
            assertThat(s.channel().language()).isEqualTo("en");
            assertThat(s.channel().state()).isEqualTo("Ring");
            assertThat(s.channel().appData()).isEqualTo("hotline");
            assertThat(s.args()).isEmpty();
        });
    }

    @Test
    @DisplayName("a DTMF event carries its digit and channel")
    void dtmf() {
        assertThat(AriEvent.parse(transcript.event("ChannelDtmfReceived").encode()))
                .isEqualTo(new AriEvent.DtmfReceived("1795393863.31", '5'));
    }

    @Test
    @DisplayName("PlaybackFinished names the playback, its channel (from target_uri) and how it ended")
    void playbackFinished() {
        assertThat(AriEvent.parse(transcript
                        .event(
                                "PlaybackFinished",
                                f -> f.getJsonObject("playback")
                                        .getString("state")
                                        .equals("failed"))
                        .encode()))
                .isEqualTo(new AriEvent.PlaybackFinished("pb-long", "1795393894.37", "failed"));
    }

    @Test
    @DisplayName("a caller's hang-up has cause 16; ours is soft with Asterisk's flag 32")
    void hangupRequests() {
        assertThat(AriEvent.parse(transcript
                        .event("ChannelHangupRequest", f -> !f.containsKey("soft"))
                        .encode()))
                .isEqualTo(new AriEvent.HangupRequested("1795393894.37", 16, false));
        assertThat(AriEvent.parse(transcript
                        .event("ChannelHangupRequest", f -> f.containsKey("soft"))
                        .encode()))
                .isEqualTo(new AriEvent.HangupRequested("1795393882.35", 32, true));
    }

    @Test
    @DisplayName("events the adapter does not act on are ignored, garbage is refused")
    void ignoredAndGarbage() {
        assertThat(AriEvent.parse(transcript.event("ChannelVarset").encode())).isInstanceOf(AriEvent.Ignored.class);
        assertThatThrownBy(() -> AriEvent.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AriEvent.parse("{\"no\":\"type\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the Stasis arguments of an adopted channel come from its dialplan app_data")
    void argsFromAppData() {
        assertThat(AriClient.stasisArgs("hotline")).isEmpty();
        assertThat(AriClient.stasisArgs("hotline,recharge")).containsExactly("recharge");
    }
}
