package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.console.ConsoleClient;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.pbx.PbxDialer.Transport;
import io.hotline.users.Role;
import io.hotline.users.Users;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Agent state really changing app_queue: signing in adds the agent to their queue, pausing pauses them with
 * the reason, a paused agent is not rung, signing out removes them; each checked in Asterisk itself
 * ({@code QueueStatus}, and the {@code QueueMember*} and {@code AgentCalled} events it sends).
 */
// signs agents into the lab's shared queues (Hotline adds them as members): one such class at a time
@org.junit.jupiter.api.parallel.ResourceLock("lab-queue-agents")
@DisplayName("Agent states on a real app_queue")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PbxAgentStatesIT {
    static final String PASSWORD = "desk-password";
    static final String IFACE_A = "Local/agent5@agents";
    static final String IFACE_B = "Local/agent6@agents";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Database db;
    private PbxDialer dialer;
    private final List<Map<String, String>> events = new CopyOnWriteArrayList<>();
    private final Consumer<Map<String, String>> listener = events::add;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.fresh();
        Users users = Users.withIterations(db.dataSource(), Clock.systemUTC(), 1_000);
        users.add(new Users.NewUser("deska", "Desk A", Role.AGENT, IFACE_A, List.of("account")), PASSWORD);
        users.add(new Users.NewUser("deskb", "Desk B", Role.AGENT, IFACE_B, List.of("account")), PASSWORD);
        dialer = new PbxDialer(db, Transport.AGI, Map.of("HOTLINE_WRAP_UP", "5s"));
        Lab.listen(listener);
    }

    @AfterAll
    void stop() {
        Lab.unlisten(listener);
        try (Database closing = db) {
            if (dialer != null) {
                dialer.close();
            }
        }
    }

    /** The queue's members as app_queue reports them to QueueStatus, by interface. */
    static Map<String, Map<String, String>> members(String queue) {
        var out = new java.util.LinkedHashMap<String, Map<String, String>>();
        for (Map<String, String> e : Lab.ami().list("QueueStatus", Map.of("Queue", queue), "QueueStatusComplete")) {
            if ("QueueMember".equals(e.get("Event"))) {
                out.put(e.get("Interface") != null ? e.get("Interface") : e.get("Location"), e);
            }
        }
        return out;
    }

    private static JsonObject state(ConsoleClient c, String state) throws InterruptedException {
        return c.await(
                        m -> "agent-state".equals(m.getString("type"))
                                && state.equals(m.getJsonObject("state").getString("state")),
                        WAIT)
                .getJsonObject("state");
    }

    @Test
    @DisplayName("sign-in adds the agents to their queue, a paused agent is not rung, sign-out removes them")
    void membershipAndPause() throws Exception {
        try (var a = ConsoleClient.signedIn(dialer.consolePort(), "deska", PASSWORD)
                        .connect();
                var b = ConsoleClient.signedIn(dialer.consolePort(), "deskb", PASSWORD)
                        .connect()) {
            await("both agents are dynamic members of account, not paused")
                    .atMost(WAIT)
                    .until(() -> {
                        var m = members("account");
                        return m.containsKey(IFACE_A)
                                && m.containsKey(IFACE_B)
                                && "0".equals(m.get(IFACE_A).get("Paused"))
                                && "0".equals(m.get(IFACE_B).get("Paused"));
                    });
            assertThat(members("account").get(IFACE_A))
                    .containsEntry("Membership", "dynamic")
                    .containsEntry("Name", "Desk A");

            var paused = a.post(
                    "/api/agents/me/state",
                    new JsonObject().put("state", "paused").put("reason", "lunch"));
            assertThat(paused.status()).isEqualTo(200);
            await("desk A paused for lunch in Asterisk").atMost(WAIT).until(() -> {
                var m = members("account").get(IFACE_A);
                return m != null && "1".equals(m.get("Paused")) && "lunch".equals(m.get("PausedReason"));
            });
            assertThat(events)
                    .anyMatch(e -> "QueueMemberPause".equals(e.get("Event"))
                            && IFACE_A.equals(e.get("Interface"))
                            && "1".equals(e.get("Paused"))
                            && "lunch".equals(e.get("PausedReason")));
            // Asterisk's own event came back: the board says paused too
            a.await(
                    m -> "board".equals(m.getString("type"))
                            && m.getJsonObject("board").getJsonArray("agents").stream()
                                    .map(JsonObject.class::cast)
                                    .anyMatch(x -> x.getString("login").equals("deska")
                                            && x.getBoolean("paused")
                                            && x.getString("agentState").equals("paused")),
                    WAIT);

            // a caller straight into the queue: app_queue rings desk B only
            Map<String, String> r = Lab.ami()
                    .action(
                            "Originate",
                            new java.util.LinkedHashMap<>(Map.of(
                                    "Channel",
                                    "Local/account@hotline-test-queue/n",
                                    "Context",
                                    "hotline-test-caller",
                                    "Exten",
                                    "s",
                                    "Priority",
                                    "1",
                                    "CallerID",
                                    "\"Desk test\" <13900139000>",
                                    "Async",
                                    "true")));
            assertThat(r.get("Response")).isEqualTo("Success");
            Map<String, String> connect = await("desk B connected")
                    .atMost(WAIT)
                    .until(
                            () -> events.stream()
                                    .filter(e -> "AgentConnect".equals(e.get("Event"))
                                            && "account".equals(e.get("Queue"))
                                            && e.getOrDefault("Channel", "")
                                                    .startsWith("Local/account@hotline-test-queue"))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
            assertThat(connect.get("Interface")).isEqualTo(IFACE_B);
            String caller = connect.get("Channel");
            assertThat(events.stream()
                            .filter(e -> "AgentCalled".equals(e.get("Event")) && caller.equals(e.get("Channel"))))
                    .isNotEmpty()
                    .allMatch(e -> IFACE_B.equals(e.get("Interface")));
            Lab.ami().action("Hangup", Map.of("Channel", caller));
            // after the call desk B is in after-call work: paused on the PBX until the wrap-up time is over
            assertThat(state(b, "wrap-up").getLong("until")).isPositive();
            await("desk B in wrap-up in Asterisk").atMost(WAIT).until(() -> {
                var m = members("account").get(IFACE_B);
                return m != null && "1".equals(m.get("Paused")) && "wrap-up".equals(m.get("PausedReason"));
            });
            state(b, "available");
            await("desk B available again in Asterisk")
                    .atMost(WAIT)
                    .until(() -> "0".equals(members("account").get(IFACE_B).get("Paused")));

            assertThat(a.post("/api/signout", new JsonObject()).status()).isEqualTo(200);
            await("desk A is no member of account any more")
                    .atMost(WAIT)
                    .until(() -> !members("account").containsKey(IFACE_A));
            assertThat(events)
                    .anyMatch(e -> "QueueMemberRemoved".equals(e.get("Event")) && IFACE_A.equals(e.get("Interface")));
            assertThat(b.post("/api/signout", new JsonObject()).status()).isEqualTo(200);
            await("desk B is no member either")
                    .atMost(WAIT)
                    .until(() -> !members("account").containsKey(IFACE_B));
        }
    }

    @Test
    @DisplayName(
            "an agent transfers a real call to another queue over AMI: the next agent's pop has the ticket and the note; hang up ends it")
    void transferAndHangUpOverAmi() throws Exception {
        try (var alice = ConsoleClient.signedIn(dialer.consolePort(), "alice", "alice-demo")
                        .connect();
                var b = ConsoleClient.signedIn(dialer.consolePort(), "deskb", PASSWORD)
                        .connect()) {
            await("alice in fraud, desk B in account")
                    .atMost(WAIT)
                    .until(() -> members("fraud").containsKey("Local/agent1@agents")
                            && members("account").containsKey(IFACE_B)
                            && "0".equals(members("account").get(IFACE_B).get("Paused")));
            var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return dialer.callStayingWithAgent("13700137000", "2 1");
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            // the lab's queues are shared by every class's server: take the pop of this class's own call (its
            // ticket is in this database), not one left waiting in fraud by an earlier class
            JsonObject pop = alice.await(
                            m -> "pop".equals(m.getString("type"))
                                    && "active".equals(m.getJsonObject("pop").getString("state"))
                                    && "ami".equals(m.getJsonObject("pop").getString("source"))
                                    && m.getJsonObject("pop")
                                            .getString("call", "")
                                            .startsWith("127.0.0.1@pbx-agi-"), // calls are keyed by their server
                            // (HOTLINE_AMI_HOST)
                            WAIT)
                    .getJsonObject("pop");
            String ticket = pop.getString("ticket");
            var seen = new java.util.concurrent.atomic.AtomicReference<String>("");
            try {
                // the IVR writes the ticket in the background: it may reach the database after the pop
                await().alias("ticket " + ticket + " readable by alice")
                        .atMost(WAIT)
                        .until(() -> {
                            var t = alice.get("/api/tickets/" + ticket);
                            seen.set(t.status() + " " + t.body().getString("error", ""));
                            return t.status() == 200;
                        });
                seen.set("readable");
                assertThat(alice.post(
                                        "/api/tickets/" + ticket + "/notes",
                                        new JsonObject()
                                                .put("text", "caller does not know the transfer to 6222****9031"))
                                .status())
                        .isEqualTo(200);
                var moved = alice.post(
                        "/api/calls/" + pop.getString("call") + "/transfer",
                        new JsonObject().put("queue", "account").put("note", "reset the password once frozen"));
                assertThat(moved.status()).as(moved.body().encode()).isEqualTo(200);

                JsonObject next = b.awaitPop("active", ticket, WAIT);
                assertThat(next.getString("queue")).isEqualTo("account");
                assertThat(next.getJsonArray("notes").encode())
                        .contains("caller does not know the transfer")
                        .contains("Transferred from fraud to queue account by alice: reset the password once frozen");
                assertThat(events)
                        .anyMatch(e -> "AgentConnect".equals(e.get("Event"))
                                && "account".equals(e.get("Queue"))
                                && IFACE_B.equals(e.get("Interface"))
                                && ticket.equals(e.get("ChanVariable.HOTLINE_TICKET")));

                var hung = b.post("/api/calls/" + next.getString("call") + "/hangup", new JsonObject());
                assertThat(hung.status()).as(hung.body().encode()).isEqualTo(200);
                // the caller's channel is gone (the dialer saw it hang up) and app_queue ended desk B's part
                assertThat(call.get(2, java.util.concurrent.TimeUnit.MINUTES)
                                .ending()
                                .ticket())
                        .isEqualTo(ticket);
                // desk B's card ends as the same call with its ticket, to close with a disposition (app_queue's
                // AgentComplete for the redirected leg can come without the caller's channel: AmiTranslator)
                JsonObject ended = b.awaitPop("ended", ticket, WAIT);
                assertThat(ended.getString("call")).isEqualTo(next.getString("call"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("ticket " + ticket + " (" + seen.get() + "): " + e.getMessage(), e);
            } finally {
                if (!call.isDone()) {
                    // a failed check must not leave the caller (and the lab's agent) on the line for later classes
                    Lab.ami().action("Hangup", Map.of("Channel", pop.getString("channel")));
                }
                // nor alice and desk B members of the lab's shared queues
                alice.post("/api/signout", new JsonObject());
                b.post("/api/signout", new JsonObject());
            }
            await("alice and desk B off their queues")
                    .atMost(WAIT)
                    .until(() -> !members("fraud").containsKey("Local/agent1@agents")
                            && !members("account").containsKey(IFACE_B));
        }
    }
}
