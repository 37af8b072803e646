package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.call.CallEnded;
import io.hotline.call.Key;
import io.hotline.call.PromptPart;
import io.hotline.call.QueueHandoff;
import io.hotline.emulator.agi.AgiEmulator;
import io.hotline.emulator.agi.AgiResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The caller hangs up at every point of a call, in each of the ways Asterisk reports it.
 * The script: ANSWER(1) STREAM FILE(2) SAY NUMBER(3) WAIT FOR DIGIT(4) SET VARIABLE(5)
 * STREAM FILE(6) SET VARIABLE x5 for the queue hand-off (ticket, priority, verified, queue, QUEUE_PRIO: 7-11).
 */
@DisplayName("The caller hangs up over FastAGI")
class AgiHangupIT {
    private static final int COMMANDS = 11;
    private AgiServer server;
    private Recorder recorder;

    @BeforeEach
    void start() throws Exception {
        recorder = new Recorder((call, out) -> {
            out.add(call.play(
                    List.of(new PromptPart.Recorded("welcome", "Welcome"), new PromptPart.Number(3)), "en", "1"));
            out.add(call.waitForKey(Duration.ofSeconds(3)));
            call.setVariables(Map.of("HOTLINE_STEP", "menu"));
            out.add(call.play(List.of(new PromptPart.Recorded("transfer", "Transferring")), "en", ""));
            call.handToQueue(new QueueHandoff("fraud", 5, "T-1"));
            out.add("queued");
        });
        server = new AgiServer(
                        AgiConfig.loopback()
                                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(250)),
                        recorder)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("the whole script runs when nobody hangs up")
    void baseline() {
        AgiResult fake = AgiFakes.call(server.port()).keys(".").start().await();
        Recorder.Outcome o = recorder.next();
        assertThat(o.thrown()).isNull();
        assertThat(o.results()).containsExactly(Key.NONE, Key.NONE, Key.NONE, "queued");
        assertThat(fake.commands()).hasSize(COMMANDS);
        assertThat(fake.ending()).isEqualTo(AgiResult.Ending.SCRIPT_ENDED);
    }

    @ParameterizedTest(name = "during command {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    @DisplayName("hang-up during a command (result=-1 then HANGUP, or HANGUP after a variable) ends the call")
    void during(int n) {
        AgiResult fake =
                AgiFakes.call(server.port()).keys(".").hangupDuring(n).start().await();
        // after a -1 the HANGUP line is awaited, so nothing follows; after a SET VARIABLE's
        // 200 the HANGUP line may still be on its way when the next command goes out
        assertEnded(fake, n + 1);
    }

    @ParameterizedTest(name = "after command {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    @DisplayName("HANGUP arriving while no command runs ends the call at the next command")
    void idle(int n) {
        AgiResult fake = AgiFakes.call(server.port())
                .keys(".")
                .hangupIdleAfter(n)
                .start()
                .await();
        assertEnded(fake, n + 1);
    }

    @ParameterizedTest(name = "during command {0}")
    @ValueSource(ints = {1, 2, 3, 4, 6})
    @DisplayName("HANGUP racing the next command (after the -1) ends the call")
    void late(int n) {
        AgiResult fake = AgiFakes.call(server.port())
                .keys(".")
                .hangupDuring(n)
                .hangupLineLate()
                .start()
                .await();
        assertEnded(fake, n + 1);
    }

    @ParameterizedTest(name = "after command {0}")
    @ValueSource(ints = {1, 2, 3, 5})
    @DisplayName("a 511 reply with no HANGUP line ends the call")
    void deadChannel(int n) {
        AgiResult fake = AgiFakes.call(server.port())
                .keys(".")
                .hangupIdleAfter(n)
                .silentDeath()
                .start()
                .await();
        Recorder.Outcome o = recorder.next();
        assertThat(o.thrown()).isInstanceOf(CallEnded.class);
        assertThat(fake.wire()).contains("A>S " + AgiEmulator.DEAD);
    }

    @ParameterizedTest(name = "at command {0}")
    @ValueSource(ints = {1, 2, 4, 5, 7})
    @DisplayName("the socket closing without a reply ends the call")
    void eof(int n) {
        AgiFakes.call(server.port()).keys(".").closeAt(n).start().await();
        assertThat(recorder.next().thrown()).isInstanceOf(CallEnded.class);
    }

    @ParameterizedTest(name = "at command {0}")
    @ValueSource(ints = {1, 3, 5})
    @DisplayName("a reset connection ends the call")
    void reset(int n) {
        AgiFakes.call(server.port()).keys(".").resetAt(n).start().await();
        assertThat(recorder.next().thrown()).isInstanceOf(CallEnded.class);
    }

    @ParameterizedTest(name = "at command {0}")
    @ValueSource(ints = {1, 2, 4, 6, 8})
    @DisplayName("a half-closed socket ends the call and the server closes its side too")
    void halfClosed(int n) {
        AgiResult fake =
                AgiFakes.call(server.port()).keys(".").halfCloseAt(n).start().await();
        assertThat(recorder.next().thrown()).isInstanceOf(CallEnded.class);
        assertThat(fake.ending()).isEqualTo(AgiResult.Ending.DROPPED);
        assertThat(fake.commands()).hasSize(n);
    }

    @Test
    @DisplayName(
            "a hang-up just after the hand-off's last variable leaves the call queued; Asterisk then skips Queue()")
    void hangupRightAfterHandoff() {
        AgiResult fake = AgiFakes.call(server.port())
                .keys(".")
                .hangupDuring(COMMANDS)
                .start()
                .await();
        Recorder.Outcome o = recorder.next();
        assertThat(o.thrown()).isNull();
        assertThat(o.results()).contains("queued");
        assertThat(fake.ending()).as("AGISTATUS=HANGUP: the dialplan stops").isEqualTo(AgiResult.Ending.CALLER_HUNG_UP);
    }

    @Test
    @DisplayName("a caller who hangs up before the hand-off is not queued, though SET VARIABLE still answers 200")
    void notQueuedAfterHangup() {
        AgiResult fake = AgiFakes.call(server.port())
                .keys(".")
                .hangupIdleAfter(6)
                .start()
                .await();
        Recorder.Outcome o = recorder.next();
        assertThat(o.thrown()).isInstanceOf(CallEnded.class);
        assertThat(o.results()).doesNotContain("queued");
        assertThat(fake.ending()).isEqualTo(AgiResult.Ending.CALLER_HUNG_UP);
    }

    private void assertEnded(AgiResult fake, int lastCommand) {
        Recorder.Outcome o = recorder.next();
        assertThat(o.thrown()).as("the call ends with CallEnded").isInstanceOf(CallEnded.class);
        assertThat(o.results()).doesNotContain("queued");
        assertThat(fake.ending()).isEqualTo(AgiResult.Ending.CALLER_HUNG_UP);
        // nothing after the hang-up was noticed: at most the command that revealed it
        assertThat(fake.commands().size()).isLessThanOrEqualTo(lastCommand);
        assertThat(server.activeConnections()).isLessThanOrEqualTo(1);
    }
}
