package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.call.CallInfo;
import io.hotline.contact.CallbackConfig;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.queue.CallbackLine;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimPlaceholders;
import io.hotline.telephony.sim.SimQueues;
import io.hotline.telephony.sim.Transcript;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Hotline half of the in-queue callback offer: a caller who pressed 1 while waiting in Asterisk's queue comes
 * back over FastAGI ({@code agi://host/queue-callback}, the dialplan's {@code hotline-queue-exit}) with the queue and
 * the place they had; the number is confirmed with the shipped main flow's queue node's prompts, the callback booked
 * and its placeholder asked for at that place, or the caller is let go back to the queue.
 */
@DisplayName("The in-queue callback offer's FastAGI entry (Hotline's half)")
class SimQueueCallbackIT {
    private static final String QUEUE = "general-support";
    private static final String LI_WEI = "13800138000";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Database db;
    private SimQueues queues;
    private SimPlaceholders sim;
    private Hotline hotline;
    /** The positions the PBX was asked to place placeholders at, by callback. */
    private final Map<String, Integer> positions = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        db = TestDatabase.fresh();
        queues = new SimQueues(e -> {}, Clock.systemDefaultZone(), Duration.ofSeconds(30));
        sim = new SimPlaceholders(queues, n -> SimPlaceholders.Phone.PRESSES_1);
        CallbackLine line = new CallbackLine() {
            @Override
            public void hold(Placeholder p) {
                positions.put(p.callback(), p.position());
                sim.hold(p);
            }

            @Override
            public void release(String callback) {
                sim.release(callback);
            }

            @Override
            public Optional<Set<String>> held() {
                return sim.held();
            }

            @Override
            public void dial(String callback, String number, Duration ringFor) {
                sim.dial(callback, number, ringFor);
            }

            @Override
            public void listen(Listener listener) {
                sim.listen(listener);
            }
        };
        var config = CallbackConfig.defaults();
        hotline = Hotline.onDatabase(db, Path.of("ivr-flows"), Clock.systemDefaultZone(), "node-q", config);
        hotline.callbacks().attach(line, q -> Duration.ZERO);
    }

    @AfterEach
    void stop() throws Exception {
        hotline.close();
        sim.close();
        queues.close();
        db.close();
    }

    record Dialed(CallEnding ending, Transcript transcript, SimCall call) {
        String said() {
            return String.join("\n", transcript.prompts());
        }
    }

    /** The dialplan's AGI(${HOTLINE_AGI}/queue-callback,queue,position,ticket,priority,account,language). */
    private Dialed pressed1(String queue, int position, String keys) {
        String id = "qcb-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
        var info = new CallInfo(
                id,
                LI_WEI,
                "",
                "en",
                "queue-callback",
                "agi",
                Map.of(
                        "arg.1", queue,
                        "arg.2", Integer.toString(position),
                        "arg.3", "",
                        "arg.4", "0",
                        "arg.5", "",
                        "arg.6", "en"));
        var call = new SimCall(info, new ScriptedCaller(keys), queues);
        var t = new Transcript();
        return new Dialed(hotline.engine().run(call, t), t, call);
    }

    private String single(String sql, Object... args) {
        return TestDatabase.single(db.dataSource(), sql, args);
    }

    @Test
    @DisplayName("the caller confirms the number they call from: the callback is booked, its reference said, and its"
            + " placeholder is asked for at the place the caller had in the queue")
    void bookedAtThePlaceTheCallerHad() throws Exception {
        Instant before = Instant.now();
        Dialed d = pressed1(QUEUE, 2, "1.");
        assertThat(d.ending().reason()).isEqualTo(CallEnding.Reason.CALLBACK);
        String ref = d.ending().detail();
        assertThat(ref).matches("CB-[0-9]+");
        assertThat(d.said())
                .doesNotContain("The wait is about") // the offer was Asterisk's; Hotline goes on from the 1
                .contains("To be called back on the number you are calling from, press 1")
                .contains("Your callback reference is " + ref);
        assertThat(single("select queue from callbacks where reference = ?", ref))
                .isEqualTo(QUEUE);
        assertThat(single("select number_masked from callbacks where reference = ?", ref))
                .isEqualTo("*******8000");
        await().until(() -> positions.containsKey(ref));
        assertThat(positions).containsEntry(ref, 2);
        assertThat(hotline.callbacks().pendingPerQueue()).containsEntry(QUEUE, 1);
        // the call's session is the one its IVR run recorded: this entry records none
        assertThat(single(
                        "select count(*) from call_sessions where call_id = ? and started_at >= ?",
                        d.call().info().callId(),
                        java.sql.Timestamp.from(before)))
                .isEqualTo("0");
    }

    @Test
    @DisplayName("a caller who presses nothing more is not called back: the run ends without hanging up, for the"
            + " dialplan to put them back at their place")
    void declinedGoesBack() throws Exception {
        Dialed d = pressed1(QUEUE, 3, ".");
        assertThat(d.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);
        assertThat(d.ending().queue()).isEqualTo(QUEUE);
        assertThat(d.ending().detail()).contains("back at position 3");
        assertThat(d.call().handoff()).isNull();
        assertThat(single("select count(*) from callbacks")).isEqualTo("0");
    }

    @Test
    @DisplayName("in a queue no flow offers callbacks for, nothing is said and nothing booked: back to the queue")
    void notOfferedThere() throws Exception {
        Dialed d = pressed1("fraud", 1, "1");
        assertThat(d.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);
        assertThat(d.said()).isEmpty();
        assertThat(single("select count(*) from callbacks")).isEqualTo("0");
    }
}
