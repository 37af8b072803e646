package io.hotline.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.call.CallInfo;
import io.hotline.contact.CallbackConfig;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.queue.QueueEvent;
import io.hotline.telephony.queue.QueuedCall;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.telephony.sim.SimPlaceholders;
import io.hotline.telephony.sim.SimPlaceholders.Phone;
import io.hotline.telephony.sim.SimQueues;
import io.hotline.telephony.sim.Transcript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Queued callbacks through the simulator: the shipped {@code main} flow's agent node offers one when callers are
 * waiting ahead; the placeholder keeps the caller's place in the simulated queue; an agent takes it, the caller is
 * called back; retries, give-up, restarts and two nodes on one database.
 */
@DisplayName("Queued callbacks through the simulator")
class SimCallbackJourneysIT {
    private static final String QUEUE = "general-support";
    private static final String LI_WEI = "13800138000";
    private static final String NOBODY = "13600136000";
    private static final String ALICE = "Local/agent1@agents";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Database db;
    private final List<QueueEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, Phone> phones = new ConcurrentHashMap<>();
    private final List<String> rung = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
    private SimQueues queues;
    private SimPlaceholders line;

    @BeforeEach
    void start() {
        db = TestDatabase.fresh();
        pbx();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        db.close();
    }

    /** A (new) simulated PBX: queues and the placeholders in them; the callers' phones as {@link #phones} says. */
    private void pbx() {
        queues = new SimQueues(events::add, Clock.systemDefaultZone(), Duration.ofSeconds(30));
        line = new SimPlaceholders(queues, n -> {
            rung.add(n);
            return phones.getOrDefault(n, Phone.PRESSES_1);
        });
        closing.add(queues);
        closing.add(line);
    }

    private Hotline node(String id, CallbackConfig config) {
        var h = Hotline.onDatabase(db, Path.of("ivr-flows"), Clock.systemDefaultZone(), id, config);
        closing.add(h);
        h.callbacks().attach(line, q -> line.estimatedWait(q, config.handleTime()));
        return h;
    }

    private static CallbackConfig config(int attempts, Duration retry, Duration lease) {
        var d = CallbackConfig.defaults();
        return new CallbackConfig(attempts, retry, d.retryMax(), d.ringFor(), lease, d.numbers(), d.handleTime());
    }

    record Dialed(CallEnding ending, Transcript transcript, String callId) {
        String said() {
            return String.join("\n", transcript.prompts());
        }
    }

    private Dialed call(Hotline h, String ani, String keys) {
        String id = "cb-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
        var call =
                new SimCall(new CallInfo(id, ani, "", "en", "main", "sim", Map.of()), new ScriptedCaller(keys), queues);
        var t = new Transcript();
        return new Dialed(h.engine().run(call, t), t, id);
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

    /** Waits until the placeholder of {@code ref} rings {@code agent}, and the agent answers it. */
    private void agentTakes(String ref, String agent) {
        await().until(() -> queues.answer(agent, SimPlaceholders.callKey(ref)));
    }

    private long joined(String ref) {
        String key = SimPlaceholders.callKey(ref);
        return events.stream()
                .filter(e ->
                        e instanceof QueueEvent.CallerJoined j && j.call().key().equals(key))
                .count();
    }

    private String status(String ref) throws Exception {
        return single("select status from callbacks where reference = ?", ref);
    }

    @Test
    @DisplayName("with no PBX keeping placeholders (Asterisk today) no callback is offered: callers wait on the line")
    void notOfferedWithoutPlaceholders() throws Exception {
        var h = Hotline.onDatabase(
                db, Path.of("ivr-flows"), Clock.systemDefaultZone(), "node-bare", CallbackConfig.defaults());
        closing.add(h);
        call(h, NOBODY, "0");
        Dialed second = call(h, LI_WEI, "0 1 1.");
        assertThat(second.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);
        assertThat(second.said()).doesNotContain("called back").doesNotContain("The wait is about");
        assertThat(single("select count(*) from callbacks")).isEqualTo("0");
    }

    @Test
    @DisplayName("a caller offered a callback while others wait keeps their place: the agent takes it in turn, sees"
            + " the ticket, and the caller is called back and connected; the number is gone afterwards")
    void offeredAcceptedInPlace() throws Exception {
        Hotline h = node("node-a", CallbackConfig.defaults());
        Dialed first = call(h, NOBODY, "0");
        assertThat(first.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED); // nobody ahead: no offer
        assertThat(first.said()).doesNotContain("called back");

        Dialed booked = call(h, LI_WEI, "0 1 1.");
        assertThat(booked.ending().reason()).isEqualTo(CallEnding.Reason.CALLBACK);
        String ref = booked.ending().detail();
        assertThat(ref).matches("CB-[0-9]+");
        assertThat(booked.said()).contains("The wait is about 4 minutes").contains("Your callback reference is " + ref);
        assertThat(single("select end_reason from call_sessions where call_id = ?", booked.callId()))
                .isEqualTo("callback");
        // the full number is only sealed: not in the row, not in the ticket
        assertThat(single("select number_sealed from callbacks where reference = ?", ref))
                .startsWith("v1:")
                .doesNotContain(LI_WEI);
        assertThat(single("select number_masked from callbacks where reference = ?", ref))
                .isEqualTo("*******8000");
        String ticket = booked.ending().ticket();
        assertThat(single("select context->>'callbackState' from tickets where reference = ?", ticket))
                .isEqualTo("booked");
        assertThat(single("select context::text from tickets where reference = ?", ticket))
                .doesNotContain(LI_WEI);

        Dialed later = call(h, "13500135000", "0 .");
        assertThat(later.said()).contains("press 1"); // offered, declined: waits on the line
        assertThat(later.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);

        // the placeholder waits in the caller's place: behind the first caller, ahead of the later one
        await().until(() -> line.position(ref) == 2);
        assertThat(queues.waiting(QUEUE)).isEqualTo(3);
        assertThat(h.callbacks().pendingPerQueue()).containsEntry(QUEUE, 1);

        queues.agentReady(new SimQueues.SimAgent(ALICE, "Alice", Set.of(QUEUE)));
        await().until(() -> events.stream().anyMatch(e -> e instanceof QueueEvent.AgentCalled));
        var firstOffer = (QueueEvent.AgentCalled) events.stream()
                .filter(e -> e instanceof QueueEvent.AgentCalled)
                .findFirst()
                .orElseThrow();
        assertThat(firstOffer.call().key()).isEqualTo(first.callId()); // the first caller first
        assertThat(queues.answer(ALICE, first.callId())).isTrue();
        assertThat(queues.agentHangsUp(ALICE, first.callId())).isTrue();

        agentTakes(ref, ALICE);
        // the agent's pop: the ticket and the callback on the placeholder's call
        var pop = (QueueEvent.AgentCalled) events.stream()
                .filter(e ->
                        e instanceof QueueEvent.AgentCalled a && a.call().key().equals(SimPlaceholders.callKey(ref)))
                .findFirst()
                .orElseThrow();
        assertThat(pop.call().ticket()).isEqualTo(ticket);
        assertThat(pop.call().variable(QueuedCall.CALLBACK)).isEqualTo(ref);

        await().until(() -> "done".equals(status(ref)));
        assertThat(rung).containsExactly(LI_WEI);
        assertThat(single("select number_sealed from callbacks where reference = ?", ref))
                .isNull();
        assertThat(single("select context->>'callbackState' from tickets where reference = ?", ticket))
                .isEqualTo("connected");
        assertThat(h.callbacks().pendingPerQueue()).doesNotContainKey(QUEUE);
        // the later caller is next
        assertThat(queues.agentHangsUp(ALICE, SimPlaceholders.callKey(ref))).isTrue();
        await().until(() -> events.stream()
                .anyMatch(e ->
                        e instanceof QueueEvent.AgentCalled a && a.call().key().equals(later.callId())));
    }

    @Test
    @DisplayName("another number than the registered phone is refused for a caller with an account, who then waits"
            + " on the line; a caller without an account may give any mobile number but not a premium one")
    void numberChecked() throws Exception {
        Hotline h = node("node-a", CallbackConfig.defaults());
        call(h, NOBODY, "0");
        Dialed other = call(h, LI_WEI, "0 1 13512345678#");
        assertThat(other.said()).contains("cannot call that number back");
        assertThat(other.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);

        Dialed premium = call(h, "13300133000", "0 1 95555#");
        assertThat(premium.said()).contains("cannot call that number back");
        assertThat(premium.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);

        Dialed typed = call(h, "13300133001", "0 1 13512345678#");
        assertThat(typed.ending().reason()).isEqualTo(CallEnding.Reason.CALLBACK);
        assertThat(single(
                        "select number_masked from callbacks where reference = ?",
                        typed.ending().detail()))
                .isEqualTo("*******5678");
    }

    @Test
    @DisplayName("a callback nobody answers is tried again after the back-off in its place, then given up: the"
            + " ticket says so and an SMS to the caller is in the outbox")
    void retriesThenGivesUp() throws Exception {
        Hotline h = node("node-a", config(2, Duration.ofMillis(300), Duration.ofSeconds(30)));
        phones.put(LI_WEI, Phone.NO_ANSWER);
        call(h, NOBODY, "0");
        Dialed booked = call(h, LI_WEI, "0 1 1.");
        String ref = booked.ending().detail();
        queues.agentReady(new SimQueues.SimAgent(ALICE, "Alice", Set.of(QUEUE)));
        await().until(() -> events.stream().anyMatch(e -> e instanceof QueueEvent.AgentCalled));
        String firstKey = events.stream()
                .filter(e -> e instanceof QueueEvent.AgentCalled)
                .map(e -> ((QueueEvent.AgentCalled) e).call().key())
                .findFirst()
                .orElseThrow();
        assertThat(queues.answer(ALICE, firstKey)).isTrue();
        assertThat(queues.agentHangsUp(ALICE, firstKey)).isTrue();

        agentTakes(ref, ALICE);
        await().until(() -> "waiting".equals(status(ref))
                && "1".equals(single("select attempts from callbacks where reference = ?", ref)));
        assertThat(single("select last_result from callbacks where reference = ?", ref))
                .isEqualTo("no-answer");
        // the agent's part of the failed attempt ended; the placeholder comes back after the back-off
        agentTakes(ref, ALICE);
        await().until(() -> "given_up".equals(status(ref)));
        assertThat(rung).containsExactly(LI_WEI, LI_WEI);
        assertThat(single("select number_sealed from callbacks where reference = ?", ref))
                .isNull();
        assertThat(single(
                        "select context->>'callbackState' from tickets where reference = ?",
                        booked.ending().ticket()))
                .isEqualTo("given_up");
        assertThat(single("select body from sms_outbox where msisdn = ? and body like ?", LI_WEI, "%" + ref + "%"))
                .contains("We tried 2 times to call you back");
        assertThat(h.callbacks().pendingPerQueue()).isEmpty();
    }

    @Test
    @DisplayName("pending callbacks survive a restart of Hotline (the PBX's placeholder is kept, not doubled) and of"
            + " the PBX (the placeholder is placed again)")
    void survivesRestarts() throws Exception {
        var cfg = CallbackConfig.defaults();
        Hotline h = node("node-a", cfg);
        call(h, NOBODY, "0");
        String ref = call(h, LI_WEI, "0 1 1.").ending().detail();
        await().until(() -> line.position(ref) == 2);

        h.close(); // Hotline restarts, Asterisk keeps its queue
        Hotline again = node("node-a", cfg);
        long rounds = again.callbacks().rounds();
        await().until(() -> again.callbacks().rounds() > rounds + 1);
        assertThat(joined(ref)).isEqualTo(1);
        assertThat(line.position(ref)).isEqualTo(2);

        // the PBX restarts: every caller and placeholder is gone; the callback is placed again
        again.close();
        pbx();
        Hotline third = node("node-a", cfg);
        await().until(() -> line.position(ref) == 1);
        queues.agentReady(new SimQueues.SimAgent(ALICE, "Alice", Set.of(QUEUE)));
        agentTakes(ref, ALICE);
        await().until(() -> "done".equals(status(ref)));
        assertThat(third.callbacks().pendingPerQueue()).isEmpty();
    }

    @Test
    @DisplayName("two nodes on one database: one keeps the placeholder, exactly one calls back; when that node"
            + " stops the other takes the callback over")
    void twoNodes() throws Exception {
        var cfg = config(3, Duration.ofSeconds(1), Duration.ofSeconds(1));
        Hotline a = node("node-a", cfg);
        Hotline b = node("node-b", cfg);
        call(a, NOBODY, "0");
        String ref = call(a, LI_WEI, "0 1 1.").ending().detail();
        await().until(() -> line.position(ref) == 2);
        long ra = a.callbacks().rounds();
        long rb = b.callbacks().rounds();
        await().until(() -> a.callbacks().rounds() > ra + 2 && b.callbacks().rounds() > rb + 2);
        assertThat(joined(ref)).isEqualTo(1);
        String owner = single("select owner from callbacks where reference = ?", ref);
        Hotline keeper = owner.equals("node-a") ? a : b;
        Hotline other = keeper == a ? b : a;

        keeper.close();
        // the lease runs out: the other node keeps it now (the PBX still holds the placeholder: not doubled)
        String otherName = other == a ? "node-a" : "node-b";
        await().until(() -> otherName.equals(single("select owner from callbacks where reference = ?", ref)));
        assertThat(joined(ref)).isEqualTo(1);

        queues.agentReady(new SimQueues.SimAgent(ALICE, "Alice", Set.of(QUEUE)));
        String firstKey = awaitFirstCalled();
        assertThat(queues.answer(ALICE, firstKey)).isTrue();
        assertThat(queues.agentHangsUp(ALICE, firstKey)).isTrue();
        agentTakes(ref, ALICE);
        await().until(() -> "done".equals(status(ref)));
        assertThat(rung).containsExactly(LI_WEI);
    }

    private String awaitFirstCalled() {
        await().until(() -> events.stream().anyMatch(e -> e instanceof QueueEvent.AgentCalled));
        return events.stream()
                .filter(e -> e instanceof QueueEvent.AgentCalled)
                .map(e -> ((QueueEvent.AgentCalled) e).call().key())
                .findFirst()
                .orElseThrow();
    }
}
