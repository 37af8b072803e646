package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.call.CallInfo;
import io.hotline.contact.Callback;
import io.hotline.contact.CallbackConfig;
import io.hotline.db.Database;
import io.hotline.db.MutableClock;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.flow.Calendar;
import io.hotline.server.Hotline;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimPlaceholders;
import io.hotline.telephony.sim.SimQueues;
import io.hotline.telephony.sim.Transcript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "We will call you back when we open" through the simulator: the shipped flows with a calendar that gives general
 * support weekday hours (08:00-22:00 Shanghai) and a holiday, on a clock the test sets. A caller outside the hours
 * takes the offer; the callback waits for the opening (not in the queue), then joins the queue in the order taken;
 * an agent takes it and the caller is called back. Across a restart, and with two nodes on one database; and what a
 * supervisor does with one before the opening: cancel it, or move it to a queue that opens later.
 */
@DisplayName("Callbacks when the queue opens, through the simulator")
class SimWhenOpenJourneysIT {
    private static final String QUEUE = "general-support";
    private static final String LI_WEI = "13800138000";
    private static final String NOBODY = "13600136000";
    private static final String ALICE = "Local/agent1@agents";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final MutableClock clock = new MutableClock(HoursJourneyContract.at("2026-12-02T23:30")); // Wed night
    private final List<QueueEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> rung = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
    private Database db;
    private Path flows;
    private SimQueues queues;
    private SimPlaceholders line;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.fresh();
        flows = Files.createTempDirectory("when-open-flows");
        try (Stream<Path> files = Files.list(Path.of("ivr-flows"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, flows.resolve(f.getFileName()));
            }
        }
        Files.writeString(flows.resolve(Calendar.FILE), HoursJourneyContract.CALENDAR);
        queues = new SimQueues(events::add, clock, Duration.ofSeconds(30));
        line = new SimPlaceholders(queues, n -> {
            rung.add(n);
            return SimPlaceholders.Phone.PRESSES_1;
        });
        closing.add(queues);
        closing.add(line);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        db.close();
    }

    private Hotline node(String id) {
        var cfg = CallbackConfig.defaults();
        var lease = new CallbackConfig(
                cfg.attempts(),
                cfg.retryAfter(),
                cfg.retryMax(),
                cfg.ringFor(),
                Duration.ofSeconds(1),
                cfg.numbers(),
                cfg.handleTime());
        var h = Hotline.onDatabase(db, flows, clock, id, lease);
        closing.add(h);
        h.callbacks().attach(line, q -> line.estimatedWait(q, cfg.handleTime()));
        return h;
    }

    private record Dialed(CallEnding ending, String said) {}

    private Dialed call(Hotline h, String ani, String keys) {
        String id = "wo-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
        var call =
                new SimCall(new CallInfo(id, ani, "", "en", "main", "sim", Map.of()), new ScriptedCaller(keys), queues);
        var t = new Transcript();
        CallEnding e = h.engine().run(call, t);
        return new Dialed(e, String.join("\n", t.prompts()));
    }

    /** Outside the hours: "0" for an agent, 1 for the offer, 1 for the number calling. */
    private String book(Hotline h, String ani) {
        Dialed d = call(h, ani, "0 1 1.");
        assertThat(d.ending().reason()).isEqualTo(CallEnding.Reason.CALLBACK);
        assertThat(d.said()).contains("To be called back when we open, press 1");
        return d.ending().detail();
    }

    private String single(String sql, Object... args) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private String status(String ref) throws Exception {
        return single("select status from callbacks where reference = ?", ref);
    }

    private long joined(String ref) {
        String key = SimPlaceholders.callKey(ref);
        return events.stream()
                .filter(e ->
                        e instanceof QueueEvent.CallerJoined j && j.call().key().equals(key))
                .count();
    }

    /** Some rounds of every node's keeper pass (each looks at the calendar and the PBX again). */
    private static void roundsPass(Hotline... nodes) {
        long[] before = Stream.of(nodes).mapToLong(n -> n.callbacks().rounds()).toArray();
        await().until(() -> {
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i].callbacks().rounds() < before[i] + 3) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    @DisplayName("outside the hours a caller is offered a callback when we open, confirms the number and hears the"
            + " reference; it waits (not in the queue) until 08:00, then joins it in the order taken, an agent takes"
            + " it and the caller is called back and connected")
    void offeredAcceptedCalledAtOpening() throws Exception {
        Hotline h = node("node-a");
        Dialed booked = call(h, LI_WEI, "0 1 1.");
        assertThat(booked.ending().reason()).isEqualTo(CallEnding.Reason.CALLBACK);
        String first = booked.ending().detail();
        assertThat(booked.said())
                .contains("We open on")
                .contains("To be called back when we open, press 1")
                .contains("To be called back on the number you are calling from, press 1")
                .contains("We will call you back when we open")
                .contains("Your callback reference is " + first)
                .doesNotContain("We have noted your call");
        assertThat(single("select number_sealed from callbacks where reference = ?", first))
                .startsWith("v1:")
                .doesNotContain(LI_WEI);
        assertThat(single("select next_attempt_at at time zone 'UTC' from callbacks where reference = ?", first))
                .startsWith("2026-12-03 00:00"); // 08:00 in Shanghai
        String ticket = booked.ending().ticket();
        assertThat(single("select context->>'callbackState' from tickets where reference = ?", ticket))
                .isEqualTo("waiting_for_opening");
        assertThat(single("select queue from tickets where reference = ?", ticket))
                .isEqualTo(QUEUE);
        String second = book(h, "13300133001");

        // the board: both waiting for the opening, nothing in the queue yet
        assertThat(h.callbacks().waitingForOpeningPerQueue()).containsEntry(QUEUE, 2);
        assertThat(h.callbacks().pendingPerQueue()).doesNotContainKey(QUEUE);
        clock.set(HoursJourneyContract.at("2026-12-03T07:59"));
        roundsPass(h);
        assertThat(line.held()).contains(Set.of());
        assertThat(status(first)).isEqualTo("pending");

        clock.set(HoursJourneyContract.at("2026-12-03T08:00"));
        await().until(() -> line.position(first) == 1 && line.position(second) == 2);
        assertThat(h.callbacks().waitingForOpeningPerQueue()).isEmpty();
        assertThat(h.callbacks().pendingPerQueue()).containsEntry(QUEUE, 2);
        Dialed opened = call(h, NOBODY, "0 .");
        assertThat(opened.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED); // behind the two callbacks

        queues.agentReady(new SimQueues.SimAgent(ALICE, "Alice", Set.of(QUEUE)));
        await().until(() -> queues.answer(ALICE, SimPlaceholders.callKey(first)));
        await().until(() -> "done".equals(status(first)));
        assertThat(rung).containsExactly(LI_WEI);
        assertThat(single("select number_sealed from callbacks where reference = ?", first))
                .isNull();
        assertThat(single("select context->>'callbackState' from tickets where reference = ?", ticket))
                .isEqualTo("connected");
        assertThat(status(second)).isEqualTo("waiting");
    }

    @Test
    @DisplayName("declining the offer outside the hours gives the closed notice as before; nothing is booked")
    void declined() throws Exception {
        Hotline h = node("node-a");
        Dialed d = call(h, LI_WEI, "0 .");
        assertThat(d.said()).contains("To be called back when we open").contains("We have noted your call");
        assertThat(d.ending().reason()).isEqualTo(CallEnding.Reason.HANGUP);
        assertThat(single("select count(*) from callbacks")).isEqualTo("0");
    }

    @Test
    @DisplayName("booked the evening before a holiday, it waits over the holiday for the next working morning")
    void overAHoliday() throws Exception {
        clock.set(HoursJourneyContract.at("2026-09-30T23:00")); // National Day is Thursday 1 October
        Hotline h = node("node-a");
        Dialed d = call(h, LI_WEI, "0 1 1.");
        assertThat(d.said()).contains("We open on").contains("2026-10-02");
        String ref = d.ending().detail();
        clock.set(HoursJourneyContract.at("2026-10-01T09:00"));
        roundsPass(h);
        assertThat(status(ref)).isEqualTo("pending");
        clock.set(HoursJourneyContract.at("2026-10-02T08:00"));
        await().until(() -> line.position(ref) == 1);
    }

    @Test
    @DisplayName("a callback waiting for the opening survives a restart of Hotline and is made after it")
    void survivesRestart() throws Exception {
        Hotline h = node("node-a");
        String ref = book(h, LI_WEI);
        h.close();

        clock.set(HoursJourneyContract.at("2026-12-03T08:30"));
        Hotline again = node("node-a");
        await().until(() -> line.position(ref) == 1);
        queues.agentReady(new SimQueues.SimAgent(ALICE, "Alice", Set.of(QUEUE)));
        await().until(() -> queues.answer(ALICE, SimPlaceholders.callKey(ref)));
        await().until(() -> "done".equals(status(ref)));
        assertThat(rung).containsExactly(LI_WEI);
        assertThat(again.callbacks().pendingPerQueue()).isEmpty();
    }

    @Test
    @DisplayName("two nodes on one database: at the opening exactly one starts the callback, its placeholder joins"
            + " once, and the caller is called back once")
    void twoNodes() throws Exception {
        Hotline a = node("node-a");
        Hotline b = node("node-b");
        String ref = book(a, LI_WEI);
        String other = book(b, "13300133001");
        clock.set(HoursJourneyContract.at("2026-12-03T08:00"));
        await().until(() -> line.position(ref) == 1 && line.position(other) == 2);
        roundsPass(a, b);
        assertThat(joined(ref)).isEqualTo(1);
        assertThat(joined(other)).isEqualTo(1);

        queues.agentReady(new SimQueues.SimAgent(ALICE, "Alice", Set.of(QUEUE)));
        await().until(() -> queues.answer(ALICE, SimPlaceholders.callKey(ref)));
        await().until(() -> "done".equals(status(ref)));
        assertThat(rung).containsExactly(LI_WEI);
    }

    @Test
    @DisplayName("a callback waiting for the opening that a supervisor cancels is not called at the opening; the"
            + " audit log names the supervisor and the one behind it is made")
    void cancelledBeforeTheOpening() throws Exception {
        Hotline h = node("node-a");
        String cancelled = book(h, LI_WEI);
        String kept = book(h, "13300133001");
        String ticket = single("select ticket_ref from callbacks where reference = ?", cancelled);

        assertThat(h.callbacks().cancel(cancelled, "sam", "the caller wrote in instead"))
                .get()
                .extracting(Callback::status)
                .isEqualTo("cancelled");
        assertThat(single("select number_sealed from callbacks where reference = ?", cancelled))
                .isNull();
        assertThat(single(
                        "select actor || ' ' || (detail->>'reason') from audit_log where action = 'callback.cancel'"
                                + " and subject = ?",
                        cancelled))
                .isEqualTo("sam the caller wrote in instead");
        assertThat(single("select context->>'callbackState' from tickets where reference = ?", ticket))
                .isEqualTo("cancelled");
        assertThat(h.callbacks().waitingForOpeningPerQueue()).containsEntry(QUEUE, 1);
        assertThat(h.callbacks().cancel(cancelled, "sam", "twice")).isEmpty();

        clock.set(HoursJourneyContract.at("2026-12-03T08:00"));
        await().until(() -> line.position(kept) == 1);
        roundsPass(h);
        assertThat(joined(cancelled)).isZero();
        assertThat(status(cancelled)).isEqualTo("cancelled");
        queues.agentReady(new SimQueues.SimAgent(ALICE, "Alice", Set.of(QUEUE)));
        await().until(() -> queues.answer(ALICE, SimPlaceholders.callKey(kept)));
        await().until(() -> "done".equals(status(kept)));
        roundsPass(h);
        assertThat(rung).containsExactly("13300133001"); // never the cancelled caller
    }

    @Test
    @DisplayName("a callback waiting for the opening that a supervisor moves to recharge waits for recharge's opening"
            + " (10:00 by the calendar), not general support's (08:00), and joins recharge then")
    void movedToAQueueThatOpensLater() throws Exception {
        Files.writeString(
                flows.resolve(Calendar.FILE),
                HoursJourneyContract.CALENDAR.replace(
                        "  recharge: always\n", "  recharge:\n    mon-fri: \"10:00-18:00\"\n"));
        Hotline h = node("node-a");
        String moved = book(h, LI_WEI);
        String stays = book(h, "13300133001");
        assertThat(h.callbacks().nextOpening("recharge")).contains(HoursJourneyContract.at("2026-12-03T10:00"));

        Callback m = h.callbacks()
                .moveWaitingForOpening(moved, "recharge", null, "sam")
                .orElseThrow();
        assertThat(m.queue()).isEqualTo("recharge");
        assertThat(m.status()).isEqualTo("pending");
        assertThat(m.nextAttempt()).isEqualTo(HoursJourneyContract.at("2026-12-03T10:00"));
        assertThat(single("select next_attempt_at at time zone 'UTC' from callbacks where reference = ?", moved))
                .startsWith("2026-12-03 02:00");
        assertThat(single(
                        "select actor || ' ' || (detail->>'to') from audit_log where action = 'callback.move'"
                                + " and subject = ?",
                        moved))
                .startsWith("sam recharge ")
                .contains("opens 2026-12-03T02:00:00Z");
        assertThat(h.callbacks().waitingForOpeningPerQueue())
                .containsEntry(QUEUE, 1)
                .containsEntry("recharge", 1);

        clock.set(HoursJourneyContract.at("2026-12-03T08:00"));
        await().until(() -> line.position(stays) == 1);
        roundsPass(h);
        assertThat(status(moved)).isEqualTo("pending");
        assertThat(joined(moved)).isZero();

        clock.set(HoursJourneyContract.at("2026-12-03T10:00"));
        await().until(() -> line.position(moved) == 1);
        assertThat(status(moved)).isEqualTo("waiting");
        String bob = "Local/agent2@agents";
        queues.agentReady(new SimQueues.SimAgent(bob, "Bob", Set.of("recharge")));
        await().until(() -> queues.answer(bob, SimPlaceholders.callKey(moved)));
        await().until(() -> "done".equals(status(moved)));
        assertThat(rung).containsExactly(LI_WEI);
    }
}
