package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.emulator.agi.AgiResult;
import io.hotline.telephony.Dialplan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a missing sound file does to a FastAGI call, as res_agi and the shipped dialplan make
 * it: the STREAM FILE answers {@code 200 result=-1}, the session ends with
 * {@code AGISTATUS=FAILURE}, and the caller must still reach the queue Hotline chose.
 */
@DisplayName("A failed playback over FastAGI")
class AgiPlaybackFailureIT {
    private AgiServer server;

    private void serve(Recorder.Script script) throws Exception {
        server = new AgiServer(AgiConfig.loopback(), new Recorder(script)).start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName(
            "a prompt that was never generated fails the AGI session, and the caller still reaches the queue Hotline chose")
    void queueWinsOverFailure() throws Exception {
        serve((call, out) -> {
            call.play(List.of(new PromptPart.Recorded("stolen.frozen.prompt.2", ".")), "en", "");
            call.handToQueue(new QueueHandoff("fraud", 9, "T-0042"));
        });
        AgiResult fake = AgiFakes.call(server.port()).start().await();
        assertThat(fake.wire()).contains("A>S 200 result=-1 endpos=0");
        assertThat(fake.unplayed()).containsExactly("hotline/en/stolen.frozen.prompt.2");
        assertThat(fake.agiStatus()).isEqualTo("FAILURE");
        assertThat(fake.variables()).containsEntry("HOTLINE_QUEUE", "fraud");
        assertThat(Dialplan.queueAfterAgi(fake)).contains("fraud");
    }

    @Test
    @DisplayName("a prompt that exists plays, and the session ends as SUCCESS into the chosen queue")
    void generatedPromptPlays() throws Exception {
        serve((call, out) -> {
            call.play(
                    List.of(new PromptPart.Recorded("stolen.frozen.prompt.1", "Your wallet is now frozen.")), "en", "");
            call.handToQueue(new QueueHandoff("fraud", 9, "T-0042"));
        });
        AgiResult fake = AgiFakes.call(server.port()).start().await();
        assertThat(fake.unplayed()).isEmpty();
        assertThat(fake.agiStatus()).isEqualTo("SUCCESS");
        assertThat(Dialplan.queueAfterAgi(fake)).contains("fraud");
    }

    @Test
    @DisplayName(
            "when Hotline hands off nothing and the session failed, the dialplan's fallback queue takes the caller")
    void fallbackOnlyWithoutHandoff() throws Exception {
        serve((call, out) -> call.play(List.of(new PromptPart.Recorded("no.such.prompt", "x")), "en", ""));
        AgiResult fake = AgiFakes.call(server.port()).start().await();
        assertThat(fake.agiStatus()).isEqualTo("FAILURE");
        assertThat(Dialplan.queueAfterAgi(fake)).contains("general-support");
    }

    @Test
    @DisplayName("an IVR that says goodbye hangs the channel up, and the dialplan takes the caller nowhere")
    void goodbyeGoesNowhere() throws Exception {
        serve((call, out) -> {
            call.play(List.of(new PromptPart.Recorded("main.goodbye.prompt", "Goodbye.")), "en", "");
            call.hangup();
        });
        assertThat(Dialplan.queueAfterAgi(AgiFakes.call(server.port()).start().await()))
                .isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName(
            "a session that ends with the caller still on the line and no hand-off (Hotline went away) goes to the fallback queue")
    void leftOnTheLineGoesToTheFallback() throws Exception {
        serve((call, out) -> call.play(List.of(new PromptPart.Recorded("main.goodbye.prompt", "Goodbye.")), "en", ""));
        AgiResult fake = AgiFakes.call(server.port()).start().await();
        assertThat(fake.agiStatus()).isEqualTo("SUCCESS");
        assertThat(Dialplan.queueAfterAgi(fake)).contains("general-support");
    }

    @Test
    @DisplayName("Chinese SAY NUMBER of 10,000 wants digits/wan, which Asterisk does not have: Hotline never sends it")
    void chineseNumbersAreHotlinesOwn() throws Exception {
        serve((call, out) -> call.play(
                List.of(
                        new PromptPart.Number(12000),
                        new PromptPart.Amount(1000050),
                        new PromptPart.Date(java.time.LocalDate.of(2026, 12, 28))),
                "zh",
                ""));
        AgiResult fake = AgiFakes.call(server.port()).language("zh").start().await();
        assertThat(fake.commands())
                .noneMatch(c -> c.startsWith("SAY"))
                .contains("STREAM FILE hotline/zh/hotline.n10000 \"\"");
        assertThat(fake.unplayed()).isEmpty();
        assertThat(fake.notInLanguage()).isEmpty();
        assertThat(fake.agiStatus()).isEqualTo("SUCCESS");
    }
}
