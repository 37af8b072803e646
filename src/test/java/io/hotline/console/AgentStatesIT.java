package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.agents.AgentsConfig;
import io.hotline.call.CallInfo;
import io.hotline.db.DemoData;
import io.hotline.db.TestDatabase;
import io.hotline.db.Tx;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.users.Role;
import io.hotline.users.Users;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Agent state driving the simulated queues, as agents and supervisors notice it: a paused agent is offered
 * no call, after-call work ends by itself, a missed call pauses the agent and rings the next one, a caller
 * giving up leaves an abandoned ticket and a missed-call card, a supervisor's change is audited, a console
 * gone too long pauses the agent. Each test has agents of its own (all in the fraud queue) and signs them out.
 */
@DisplayName("Agent states drive the simulated queues")
class AgentStatesIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger SEQ = new AtomicInteger();

    static Hotline hotline;
    static Users users;
    static Console console;
    static int port;

    @BeforeAll
    static void start() {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        users = TestUsers.create(DB.dataSource());
        for (String login : List.of("carol", "dave", "erin", "frank", "gina", "hank")) {
            users.add(
                    new Users.NewUser(
                            login,
                            login.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + login.substring(1),
                            Role.AGENT,
                            null,
                            List.of("fraud")),
                    TestUsers.PASSWORD);
        }
        var agents = AgentsConfig.defaults().withWrapUp(Duration.ofSeconds(2)).withAwayGrace(Duration.ofSeconds(1));
        console = Console.start(hotline.consoleSetup(
                ConsoleConfig.forTests(1_000, Duration.ofSeconds(2)).withAgents(agents), users));
        port = console.port();
    }

    @AfterAll
    static void stop() {
        console.close();
        hotline.close();
    }

    private static ConsoleClient agent(String login) throws InterruptedException {
        ConsoleClient c =
                ConsoleClient.signedIn(port, login, TestUsers.PASSWORD).connect();
        await().atMost(WAIT)
                .until(() -> "available".equals(c.get("/api/agents/me").body().getString("state")));
        return c;
    }

    private static JsonObject state(ConsoleClient c, String state) throws InterruptedException {
        return c.seenOrAwait(
                        m -> "agent-state".equals(m.getString("type"))
                                && state.equals(m.getJsonObject("state").getString("state")),
                        WAIT)
                .getJsonObject("state");
    }

    /** Li Wei reports his account stolen: a simulated call queued to fraud. */
    private static CallInfo stolenCall() {
        var info = new CallInfo("sim-as-" + SEQ.incrementAndGet(), DemoData.LI_WEI, "", "en", "main", "sim", Map.of());
        CallEnding end = hotline.engine().run(new SimCall(info, new ScriptedCaller("2 1"), console.simQueues()));
        assertThat(end.reason()).isEqualTo(CallEnding.Reason.QUEUED);
        assertThat(end.queue()).isEqualTo("fraud");
        return info;
    }

    private static String ticketOf(String callId) {
        return one("SELECT reference FROM tickets WHERE call_id = ?", callId);
    }

    private static String one(String sql, String arg) {
        return Tx.withConnection(DB.dataSource(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Test
    @DisplayName(
            "a paused agent is offered no call; once available it rings them; after the call, wrap-up ends by itself")
    void pauseAndWrapUp() throws Exception {
        try (var carol = agent("carol")) {
            assertThat(carol.get("/api/agents/me").body().getJsonArray("reasons").stream()
                            .map(Object::toString)
                            .toList())
                    .containsExactly("break", "lunch", "training", "meeting");
            var bad = carol.post(
                    "/api/agents/me/state",
                    new JsonObject().put("state", "paused").put("reason", "nap"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body().getString("error")).startsWith("reason").contains("lunch");
            var paused = carol.post(
                    "/api/agents/me/state",
                    new JsonObject().put("state", "paused").put("reason", "lunch"));
            assertThat(paused.status()).isEqualTo(200);
            assertThat(paused.body().getString("reason")).isEqualTo("lunch");

            CallInfo call = stolenCall();
            String ticket = ticketOf(call.callId());
            try {
                // the caller waits, ringing nobody, while carol is at lunch
                carol.seenOrAwait(
                        m -> "board".equals(m.getString("type"))
                                && m.getJsonObject("board").getJsonArray("agents").stream()
                                        .map(JsonObject.class::cast)
                                        .anyMatch(a -> a.getString("login").equals("carol")
                                                && a.getString("agentState").equals("paused")
                                                && a.getString("reason").equals("lunch")),
                        WAIT);
                await().atMost(WAIT).until(() -> console.simQueues().waiting("fraud") == 1);
                int before = carol.all.size();
                assertThat(carol.post("/api/agents/me/state", new JsonObject().put("state", "available"))
                                .status())
                        .isEqualTo(200);
                JsonObject ringing = carol.awaitPop("ringing", ticket, WAIT);
                assertThat(List.copyOf(carol.all).subList(0, before)).noneMatch(m -> "pop".equals(m.getString("type")));

                String key = ringing.getString("call");
                assertThat(carol.post("/api/calls/" + key + "/answer", new JsonObject())
                                .status())
                        .isEqualTo(200);
                carol.awaitPop("active", ticket, WAIT);
                assertThat(carol.post("/api/calls/" + key + "/hangup", new JsonObject())
                                .status())
                        .isEqualTo(200);
                JsonObject wrap = state(carol, "wrap-up");
                assertThat(wrap.getLong("until") - wrap.getLong("since")).isEqualTo(2_000L);
                carol.await(
                        m -> "agent-state".equals(m.getString("type"))
                                && "available".equals(m.getJsonObject("state").getString("state"))
                                && "hotline".equals(m.getJsonObject("state").getString("by")),
                        WAIT);
                // the call's whole life in one record, the wrap-up counted as its after-call work
                String history = "/api/calls/" + call.callId() + "/history";
                JsonObject seg = await().atMost(WAIT)
                        .until(
                                () -> {
                                    var r = carol.get(history);
                                    return r.status() != 200
                                            ? null
                                            : r.body().getJsonArray("queues").getJsonObject(0);
                                },
                                q -> q != null && q.getString("completedAt") != null);
                assertThat(seg.getString("queue")).isEqualTo("fraud");
                assertThat(seg.getString("outcome")).isEqualTo("answered");
                assertThat(seg.getString("agent")).isEqualTo("Carol");
                assertThat(seg.getLong("wrapSeconds")).isBetween(2L, 3L); // 2 s, ended by the next tick
                JsonObject whole = carol.get(history).body();
                assertThat(whole.getJsonObject("ivr").getString("endReason")).isEqualTo("queued");
                assertThat(whole.getJsonObject("ticket").getString("reference")).isEqualTo(ticket);
                try (var dave = ConsoleClient.signedIn(port, "dave", TestUsers.PASSWORD)) {
                    assertThat(dave.get(history).status()).isEqualTo(403); // not his call
                    assertThat(dave.get("/api/calls/no-such-call/history").status())
                            .isEqualTo(404);
                    assertThat(dave.post("/api/signout", new JsonObject()).status())
                            .isEqualTo(200);
                }
            } finally {
                console.simQueues().callerHangsUp(call.callId());
            }
            assertThat(carol.post("/api/signout", new JsonObject()).status()).isEqualTo(200);
            await().atMost(WAIT)
                    .until(() -> "offline".equals(one("SELECT state FROM agent_states WHERE login = ?", "carol")));
        }
    }

    @Test
    @DisplayName("a call that rings an agent unanswered shows them a missed call, pauses them and rings the next agent")
    void missedCallGoesToTheNextAgent() throws Exception {
        try (var dave = agent("dave");
                var erin = agent("erin")) {
            CallInfo call = stolenCall();
            String ticket = ticketOf(call.callId());
            try {
                JsonObject first = await().atMost(WAIT)
                        .until(() -> ringingPop(dave, ticket).or(() -> ringingPop(erin, ticket)), Optional::isPresent)
                        .orElseThrow();
                ConsoleClient missed = first.getString("agent").equals("dave") ? dave : erin;
                ConsoleClient next = missed == dave ? erin : dave;
                JsonObject gone = missed.await(m -> "pop-gone".equals(m.getString("type")), WAIT);
                assertThat(gone.getBoolean("missed")).isTrue();
                assertThat(gone.getString("reason")).isEqualTo("not answered");
                JsonObject st = state(missed, "paused");
                assertThat(st.getString("reason")).isEqualTo("missed");
                JsonObject ringing = next.awaitPop("ringing", ticket, WAIT);
                assertThat(next.post("/api/calls/" + ringing.getString("call") + "/answer", new JsonObject())
                                .status())
                        .isEqualTo(200);
                next.awaitPop("active", ticket, WAIT);
                // paused: the missed agent is not rung again
                assertThat(missed.pops().stream()
                                .filter(p ->
                                        ticket.equals(p.getString("ticket")) && "ringing".equals(p.getString("state"))))
                        .hasSize(1);
            } finally {
                console.simQueues().callerHangsUp(call.callId());
            }
            dave.post("/api/signout", new JsonObject());
            erin.post("/api/signout", new JsonObject());
        }
    }

    private static Optional<JsonObject> ringingPop(ConsoleClient c, String ticket) {
        return c.pops().stream()
                .filter(p -> ticket.equals(p.getString("ticket")) && "ringing".equals(p.getString("state")))
                .findFirst();
    }

    @Test
    @DisplayName("a caller who hangs up while ringing leaves a missed-call card and the ticket abandoned, not queued")
    void callerGivesUp() throws Exception {
        try (var frank = agent("frank")) {
            CallInfo call = stolenCall();
            String ticket = ticketOf(call.callId());
            frank.awaitPop("ringing", ticket, WAIT);
            console.simQueues().callerHangsUp(call.callId());
            JsonObject gone = frank.await(m -> "pop-gone".equals(m.getString("type")), WAIT);
            assertThat(gone.getBoolean("missed")).isTrue();
            assertThat(gone.getString("reason")).contains("hung up");
            await().atMost(WAIT)
                    .until(() -> "abandoned".equals(one("SELECT status FROM tickets WHERE reference = ?", ticket)));
            frank.post("/api/signout", new JsonObject());
        }
    }

    @Test
    @DisplayName("a supervisor changes an agent's state, audited; an agent may not change another agent's")
    void supervisorChangesState() throws Exception {
        try (var gina = agent("gina");
                var sam = ConsoleClient.signedIn(port, "sam", TestUsers.PASSWORD);
                var alice = ConsoleClient.signedIn(port, "alice", TestUsers.PASSWORD)) {
            var r = sam.post(
                    "/api/agents/gina/state",
                    new JsonObject().put("state", "paused").put("reason", "meeting"));
            assertThat(r.status()).isEqualTo(200);
            JsonObject st = state(gina, "paused");
            assertThat(st.getString("reason")).isEqualTo("meeting");
            assertThat(st.getString("by")).isEqualTo("console:sam");
            await().atMost(WAIT)
                    .until(() -> one(
                                    "SELECT detail::text FROM audit_log WHERE actor = 'console:sam'"
                                            + " AND action = 'agent.state' AND subject = ?",
                                    "user:gina")
                            != null);
            assertThat(one(
                            "SELECT detail->>'reason' FROM audit_log WHERE actor = 'console:sam'"
                                    + " AND action = 'agent.state' AND subject = ?",
                            "user:gina"))
                    .isEqualTo("meeting");

            var refused = alice.post("/api/agents/gina/state", new JsonObject().put("state", "available"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(sam.post("/api/agents/nobody/state", new JsonObject().put("state", "available"))
                            .status())
                    .isEqualTo(404);
            var badState = sam.post("/api/agents/gina/state", new JsonObject().put("state", "asleep"));
            assertThat(badState.status()).isEqualTo(400);
            assertThat(badState.body().getString("error")).startsWith("state");
            assertThat(sam.post("/api/agents/gina/state", new JsonObject().put("state", "available"))
                            .status())
                    .isEqualTo(200);
            gina.await(
                    m -> "agent-state".equals(m.getString("type"))
                            && "available".equals(m.getJsonObject("state").getString("state")),
                    WAIT);
            gina.post("/api/signout", new JsonObject());
        }
    }

    @Test
    @DisplayName(
            "an agent whose console is gone longer than the grace period is paused (away), and available when back")
    void awayAfterGrace() throws Exception {
        try (var hank = agent("hank")) {
            hank.disconnect();
            await().atMost(WAIT)
                    .until(() -> "away".equals(one("SELECT reason FROM agent_states WHERE login = ?", "hank")));
            hank.received.clear();
            hank.all.clear();
            hank.connect();
            state(hank, "available");
            hank.post("/api/signout", new JsonObject());
        }
    }
}
