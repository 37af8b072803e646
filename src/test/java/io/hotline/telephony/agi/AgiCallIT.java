package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.emulator.agi.AgiResult;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A call over FastAGI")
class AgiCallIT {
    private static final PromptPart WELCOME = new PromptPart.Recorded("welcome", "Welcome.");
    private static final PromptPart MENU = new PromptPart.Recorded("main-menu", "Press 1 or 2.");
    private AgiServer server;

    private Recorder serve(Recorder.Script script) throws Exception {
        Recorder r = new Recorder(script);
        server = new AgiServer(AgiConfig.loopback(), r).start();
        return r;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("a key pressed during a prompt stops it and is returned; the rest of the prompt is not played")
    void bargeIn() throws Exception {
        Recorder r = serve((call, out) -> out.add(call.play(List.of(WELCOME, MENU), "en", "12")));
        AgiResult fake = AgiFakes.call(server.port()).keys("2").start().await();
        assertThat(r.next().results()).containsExactly(Key.of('2'));
        assertThat(fake.commands()).containsExactly("ANSWER", "STREAM FILE hotline/en/welcome \"12\"");
        assertThat(fake.wire()).contains("A>S 200 result=50 endpos=8000");
        assertThat(fake.ending()).isEqualTo(AgiResult.Ending.SCRIPT_ENDED);
    }

    @Test
    @DisplayName("a prompt nobody interrupts plays every part and returns no key")
    void playsToTheEnd() throws Exception {
        Recorder r = serve((call, out) -> out.add(call.play(List.of(WELCOME, MENU), "en", "12")));
        AgiResult fake = AgiFakes.call(server.port()).start().await();
        assertThat(r.next().results()).containsExactly(Key.NONE);
        assertThat(fake.commands("STREAM FILE"))
                .containsExactly("STREAM FILE hotline/en/welcome \"12\"", "STREAM FILE hotline/en/main-menu \"12\"");
    }

    @Test
    @DisplayName("dynamic parts are spoken by Asterisk: SAY NUMBER, DIGITS, ALPHA, DATE, and amounts in yuan and fen")
    void dynamicParts() throws Exception {
        Recorder r = serve((call, out) -> out.add(call.play(
                List.of(
                        new PromptPart.Number(105),
                        new PromptPart.Digits("8000"),
                        new PromptPart.Characters("F-4821"),
                        new PromptPart.Amount(1250),
                        new PromptPart.Amount(300),
                        new PromptPart.Date(LocalDate.of(2026, 11, 23))),
                "en",
                "")));
        AgiResult fake = AgiFakes.call(server.port()).start().await();
        assertThat(r.next().thrown()).isNull();
        assertThat(fake.commands())
                .containsExactly(
                        "ANSWER",
                        "SAY NUMBER 105 \"\"",
                        "SAY DIGITS 8000 \"\"",
                        "SAY ALPHA \"F-4821\" \"\"",
                        "SAY NUMBER 12 \"\"",
                        "STREAM FILE hotline/en/hotline.yuan \"\"",
                        "STREAM FILE hotline/en/hotline.and \"\"",
                        "SAY NUMBER 50 \"\"",
                        "STREAM FILE hotline/en/hotline.fen \"\"",
                        "SAY NUMBER 3 \"\"",
                        "STREAM FILE hotline/en/hotline.yuan \"\"",
                        "SAY DATE " + LocalDate.of(2026, 11, 23).atTime(12, 0).toEpochSecond(java.time.ZoneOffset.UTC)
                                + " \"\"");
    }

    @Test
    @DisplayName("an amount in Chinese is read in yuan, jiao and fen, with Hotline's own words only")
    void chineseAmount() throws Exception {
        Recorder r = serve((call, out) -> call.play(List.of(new PromptPart.Amount(1205)), "zh", ""));
        AgiResult fake = AgiFakes.call(server.port()).language("zh").start().await();
        assertThat(r.next().thrown()).isNull();
        // Asterisk has no Chinese sounds: every word is one of Hotline's own prompts, 十二元零五分
        assertThat(fake.commands())
                .containsExactly(
                        "ANSWER",
                        "STREAM FILE hotline/zh/hotline.n10 \"\"",
                        "STREAM FILE hotline/zh/hotline.n2 \"\"",
                        "STREAM FILE hotline/zh/hotline.yuan \"\"",
                        "STREAM FILE hotline/zh/hotline.n0 \"\"",
                        "STREAM FILE hotline/zh/hotline.n5 \"\"",
                        "STREAM FILE hotline/zh/hotline.fen \"\"");
        assertThat(fake.unplayed()).isEmpty();
        assertThat(fake.agiStatus()).isEqualTo("SUCCESS");
    }

    @Test
    @DisplayName("the channel's language is switched once, and only when the prompt's language differs")
    void languageSwitch() throws Exception {
        Recorder r = serve((call, out) -> {
            call.play(List.of(WELCOME), "en", "");
            call.play(List.of(WELCOME), "zh", "");
            call.play(List.of(new PromptPart.Number(7)), "zh", "");
        });
        AgiResult fake = AgiFakes.call(server.port()).language("en").start().await();
        assertThat(r.next().thrown()).isNull();
        assertThat(fake.commands())
                .containsExactly(
                        "ANSWER",
                        "STREAM FILE hotline/en/welcome \"\"",
                        "SET VARIABLE CHANNEL(language) \"zh\"",
                        "STREAM FILE hotline/zh/welcome \"\"",
                        "STREAM FILE hotline/zh/hotline.n7 \"\"");
        assertThat(fake.variables()).containsEntry("CHANNEL(language)", "zh");
    }

    @Test
    @DisplayName("waiting for a key returns the key, or none when the caller stays silent")
    void waitForKey() throws Exception {
        Recorder r = serve((call, out) -> {
            out.add(call.waitForKey(Duration.ofSeconds(5)));
            out.add(call.waitForKey(Duration.ofMillis(1500)));
            out.add(call.waitForKey(Duration.ofSeconds(5)));
        });
        AgiResult fake = AgiFakes.call(server.port()).keys("9 . #").start().await();
        assertThat(r.next().results()).containsExactly(Key.of('9'), Key.NONE, Key.of('#'));
        assertThat(fake.commands())
                .containsExactly("ANSWER", "WAIT FOR DIGIT 5000", "WAIT FOR DIGIT 1500", "WAIT FOR DIGIT 5000");
        assertThat(fake.wire()).contains("A>S 200 result=57", "A>S 200 result=0", "A>S 200 result=35");
    }

    @Test
    @DisplayName("channel variables are set one by one on the caller's channel")
    void variables() throws Exception {
        Recorder r = serve((call, out) -> call.setVariables(Map.of("HOTLINE_LANG", "zh", "HOTLINE_NOTE", "two words")));
        AgiResult fake = AgiFakes.call(server.port()).start().await();
        assertThat(r.next().thrown()).isNull();
        assertThat(fake.variables()).containsEntry("HOTLINE_LANG", "zh").containsEntry("HOTLINE_NOTE", "two words");
        assertThat(fake.commands()).doesNotContain("ANSWER");
    }

    @Test
    @DisplayName(
            "a queue hand-off sets the inherited variables, the queue and its priority, then ends the AGI on a live channel")
    void queueHandoff() throws Exception {
        Recorder r = serve((call, out) ->
                call.handToQueue(new QueueHandoff("fraud", 10, "T-0042", "", "13800138000", false, "", "")));
        AgiResult fake = AgiFakes.call(server.port()).start().await();
        assertThat(r.next().thrown()).isNull();
        assertThat(fake.variables())
                .containsEntry("HOTLINE_TICKET", "T-0042")
                .containsEntry("HOTLINE_ACCOUNT", "13800138000")
                .containsEntry("HOTLINE_QUEUE", "fraud")
                .containsEntry("QUEUE_PRIO", "10");
        assertThat(fake.inherited())
                .containsExactlyInAnyOrder(
                        "HOTLINE_TICKET", "HOTLINE_ACCOUNT", "HOTLINE_QUEUE", "HOTLINE_PRIORITY", "HOTLINE_VERIFIED");
        assertThat(fake.commands()).contains("SET VARIABLE __HOTLINE_TICKET \"T-0042\"");
        assertThat(fake.commands()).noneMatch(c -> c.startsWith("EXEC") || c.equals("HANGUP"));
        assertThat(fake.ending()).as("the dialplan continues into Queue()").isEqualTo(AgiResult.Ending.SCRIPT_ENDED);
        assertThat(fake.wire()).last().isEqualTo("A>S HANGUP");
    }

    @Test
    @DisplayName("hanging up from our side sends HANGUP once, and again is harmless")
    void hangup() throws Exception {
        Recorder r = serve((call, out) -> {
            call.play(List.of(WELCOME), "en", "");
            call.hangup();
            call.hangup();
        });
        AgiResult fake = AgiFakes.call(server.port()).start().await();
        assertThat(r.next().thrown()).isNull();
        assertThat(fake.commands()).containsExactly("ANSWER", "STREAM FILE hotline/en/welcome \"\"", "HANGUP");
        assertThat(fake.ending()).isEqualTo(AgiResult.Ending.CALLER_HUNG_UP);
    }

    @Test
    @DisplayName("a missing sound file (-1 with no HANGUP) is skipped and the call goes on")
    void missingSoundFile() throws Exception {
        Recorder r = serve((call, out) -> {
            out.add(call.play(List.of(new PromptPart.Recorded("not-recorded", "x"), MENU), "en", "1"));
            out.add(call.waitForKey(Duration.ofSeconds(1)));
        });
        AgiResult fake = AgiFakes.call(server.port())
                .missingFiles("hotline/en/not-recorded")
                .keys("1 .")
                .start()
                .await();
        Recorder.Outcome o = r.next();
        assertThat(o.thrown()).isNull();
        assertThat(o.results()).containsExactly(Key.of('1'), Key.NONE);
        assertThat(fake.commands()).contains("STREAM FILE hotline/en/main-menu \"1\"");
    }
}
