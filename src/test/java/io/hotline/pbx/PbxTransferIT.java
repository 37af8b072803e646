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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A call moved to one named agent on a real app_queue: an agent's transfer to a colleague (AMI Redirect into
 * {@code [hotline-agent]}), and a supervisor giving a waiting caller to an agent ({@code QueueWithdrawCaller}).
 * Checked in Asterisk itself: only the chosen agent is rung ({@code AgentCalled}), although another agent of the
 * same queues is free; and in the console: the chosen agent's pop has the ticket and the notes.
 */
// signs agents into the lab's shared queues (Hotline adds them as members): one such class at a time
@org.junit.jupiter.api.parallel.ResourceLock("lab-queue-agents")
@DisplayName("Transfer and give to one agent on a real app_queue")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PbxTransferIT {
    private static final String PASSWORD = "desk-password";
    private static final String IFACE_B = "Local/agent7@agents";
    private static final String IFACE_C = "Local/agent8@agents";
    private static final String ALICE = "Local/agent1@agents";
    private static final String WANG_FANG = "13700137000";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Database db;
    private PbxDialer dialer;
    private final List<Map<String, String>> events = new CopyOnWriteArrayList<>();
    private final Consumer<Map<String, String>> listener = events::add;
    private final List<ConsoleClient> signedIn = new CopyOnWriteArrayList<>();
    private CompletableFuture<PbxDialer.Result> call;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.fresh();
        Users users = Users.withIterations(db.dataSource(), Clock.systemUTC(), 1_000);
        users.add(new Users.NewUser("deskb", "Desk B", Role.AGENT, IFACE_B, List.of("account")), PASSWORD);
        users.add(new Users.NewUser("deskc", "Desk C", Role.AGENT, IFACE_C, List.of("account")), PASSWORD);
        dialer = new PbxDialer(db, Transport.AGI, Map.of("HOTLINE_WRAP_UP", "5s"));
        Lab.listen(listener);
    }

    @AfterEach
    void signOut() throws Exception {
        if (call != null && !call.isDone()) {
            // a failed check must not leave the caller (and a lab agent) on the line for later classes
            hangUpOurCaller();
        }
        for (ConsoleClient c : signedIn) {
            c.post("/api/signout", new JsonObject());
            c.close();
        }
        signedIn.clear();
        await("no agent of this class left in the lab's queues")
                .atMost(WAIT)
                .until(() -> !PbxAgentStatesIT.members("fraud").containsKey(ALICE)
                        && !PbxAgentStatesIT.members("account").containsKey(IFACE_B)
                        && !PbxAgentStatesIT.members("account").containsKey(IFACE_C)
                        && PbxAgentStatesIT.members("hotline-agent").keySet().stream()
                                .noneMatch(List.of(ALICE, IFACE_B, IFACE_C)::contains));
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

    private ConsoleClient desk(String login, String password) {
        ConsoleClient c =
                ConsoleClient.signedIn(dialer.consolePort(), login, password).connect();
        signedIn.add(c);
        return c;
    }

    private void hangUpOurCaller() {
        events.stream()
                .filter(e -> "QueueCallerJoin".equals(e.get("Event"))
                        && e.getOrDefault("Channel", "").startsWith("Local/100@hotline"))
                .map(e -> e.get("Channel"))
                .distinct()
                .forEach(ch -> Lab.ami().action("Hangup", Map.of("Channel", ch)));
    }

    private CompletableFuture<PbxDialer.Result> stolenAccountCaller() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return dialer.callStayingWithAgent(WANG_FANG, "2 1");
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** The agent's card for this class's call (an Asterisk call of this server) once it is active. */
    private static JsonObject activePop(ConsoleClient agent) throws InterruptedException {
        return agent.await(
                        m -> "pop".equals(m.getString("type"))
                                && "active".equals(m.getJsonObject("pop").getString("state"))
                                && "ami".equals(m.getJsonObject("pop").getString("source"))
                                && m.getJsonObject("pop").getString("call", "").startsWith("127.0.0.1@pbx-agi-"),
                        WAIT)
                .getJsonObject("pop");
    }

    /** The interfaces app_queue rang for this caller channel in a queue. */
    private List<String> rung(String queue, String channel) {
        return events.stream()
                .filter(e -> "AgentCalled".equals(e.get("Event"))
                        && queue.equals(e.get("Queue"))
                        && channel.equals(e.get("Channel")))
                .map(e -> e.get("Interface"))
                .distinct()
                .toList();
    }

    private void awaitMembers(String why, java.util.concurrent.Callable<Boolean> until) {
        await(why).atMost(WAIT).until(until);
    }

    @Test
    @DisplayName(
            "alice transfers her caller to Desk B: only Desk B rings (Desk C is free), Desk B's pop has alice's notes")
    void transferToOneAgent() throws Exception {
        // alice left in hotline-agent by another Hotline (another class's database, where she is user 2) keeps
        // that number unless Hotline sets hers: here 2 is Desk C's, and a transfer to Desk C would ring alice too
        Lab.ami()
                .action(
                        "QueueAdd",
                        Map.of("Queue", "hotline-agent", "Interface", ALICE, "Penalty", "2", "MemberName", "Alice"));
        var alice = desk("alice", "alice-demo");
        var b = desk("deskb", PASSWORD);
        desk("deskc", PASSWORD);
        awaitMembers("alice in fraud; Desk B and C in account and in hotline-agent at their own numbers", () -> {
            var direct = PbxAgentStatesIT.members("hotline-agent");
            return PbxAgentStatesIT.members("fraud").containsKey(ALICE)
                    && PbxAgentStatesIT.members("account").containsKey(IFACE_B)
                    && PbxAgentStatesIT.members("account").containsKey(IFACE_C)
                    && direct.containsKey(IFACE_B)
                    && direct.containsKey(IFACE_C)
                    && direct.containsKey(ALICE);
        });
        var direct = PbxAgentStatesIT.members("hotline-agent");
        assertThat(List.of(
                        direct.get(ALICE).get("Penalty"),
                        direct.get(IFACE_B).get("Penalty"),
                        direct.get(IFACE_C).get("Penalty")))
                .doesNotHaveDuplicates()
                .doesNotContain("0");

        call = stolenAccountCaller();
        JsonObject pop = activePop(alice);
        String ticket = pop.getString("ticket");
        await("ticket " + ticket + " readable by alice")
                .atMost(WAIT)
                .until(() -> alice.get("/api/tickets/" + ticket).status() == 200);
        assertThat(alice.post(
                                "/api/tickets/" + ticket + "/notes",
                                new JsonObject().put("text", "froze the account; caller wants the card replaced"))
                        .status())
                .isEqualTo(200);

        var moved = alice.post(
                "/api/calls/" + pop.getString("call") + "/transfer",
                new JsonObject().put("agent", "deskb").put("note", "card replacement"));
        assertThat(moved.status()).as(moved.body().encode()).isEqualTo(200);

        JsonObject next = b.awaitPop("active", ticket, WAIT);
        assertThat(next.getString("queue")).isEqualTo("account");
        assertThat(next.getJsonArray("notes").encode())
                .contains("froze the account; caller wants the card replaced")
                .contains("Transferred from fraud to Desk B (account) by alice: card replacement");
        String channel = pop.getString("channel");
        assertThat(events)
                .anyMatch(e -> "AgentConnect".equals(e.get("Event"))
                        && "hotline-agent".equals(e.get("Queue"))
                        && IFACE_B.equals(e.get("Interface"))
                        && ticket.equals(e.get("ChanVariable.HOTLINE_TICKET")));
        assertThat(rung("hotline-agent", channel)).containsExactly(IFACE_B);

        var hung = b.post("/api/calls/" + next.getString("call") + "/hangup", new JsonObject());
        assertThat(hung.status()).as(hung.body().encode()).isEqualTo(200);
        assertThat(call.get(2, java.util.concurrent.TimeUnit.MINUTES).ending().ticket())
                .isEqualTo(ticket);
        JsonObject ended = b.awaitPop("ended", ticket, WAIT);
        assertThat(ended.getString("call")).isEqualTo(next.getString("call"));
    }

    @Test
    @DisplayName(
            "Sam gives a caller waiting in fraud to Desk B: withdrawn from fraud, only Desk B rings, no abandon counted")
    void supervisorGivesAWaitingCaller() throws Exception {
        var alice = desk("alice", "alice-demo");
        var b = desk("deskb", PASSWORD);
        desk("deskc", PASSWORD);
        var sam = desk("sam", "sam-demo");
        assertThat(alice.post(
                                "/api/agents/me/state",
                                new JsonObject().put("state", "paused").put("reason", "lunch"))
                        .status())
                .isEqualTo(200);
        awaitMembers("alice paused in fraud; Desk B and C free in account and hotline-agent", () -> {
            var fraud = PbxAgentStatesIT.members("fraud");
            var direct = PbxAgentStatesIT.members("hotline-agent");
            return fraud.containsKey(ALICE)
                    && "1".equals(fraud.get(ALICE).get("Paused"))
                    && direct.containsKey(IFACE_B)
                    && "0".equals(direct.get(IFACE_B).get("Paused"))
                    && direct.containsKey(IFACE_C);
        });

        call = stolenAccountCaller();
        JsonObject waiting = sam.await(m -> "board".equals(m.getString("type")) && waitingIn(m, "fraud") != null, WAIT);
        JsonObject caller = waitingIn(waiting, "fraud");
        String key = caller.getString("call");
        String ticket = caller.getString("ticket");

        var given = sam.post("/api/calls/" + key + "/assign", new JsonObject().put("agent", "deskb"));
        assertThat(given.status()).as(given.body().encode()).isEqualTo(200);

        JsonObject pop = b.awaitPop("active", ticket, WAIT);
        assertThat(pop.getString("queue")).isEqualTo("account");
        assertThat(pop.getJsonArray("notes").encode()).contains("Transferred from fraud to Desk B (account) by sam");
        String channel = pop.getString("channel");
        assertThat(rung("hotline-agent", channel)).containsExactly(IFACE_B);
        assertThat(rung("fraud", channel)).isEmpty();
        // app_queue reports the withdrawn caller as QueueCallerAbandon; Hotline knows it was moved
        assertThat(events)
                .anyMatch(e -> "QueueCallerAbandon".equals(e.get("Event"))
                        && "fraud".equals(e.get("Queue"))
                        && channel.equals(e.get("Channel")));
        var t = sam.get("/api/tickets/" + ticket);
        assertThat(t.status()).isEqualTo(200);
        assertThat(t.body().getString("status")).isNotEqualTo("abandoned");

        var hung = b.post("/api/calls/" + pop.getString("call") + "/hangup", new JsonObject());
        assertThat(hung.status()).as(hung.body().encode()).isEqualTo(200);
        assertThat(call.get(2, java.util.concurrent.TimeUnit.MINUTES).ending().ticket())
                .isEqualTo(ticket);
    }

    @Test
    @DisplayName(
            "a transfer to an agent who has just gone on a break rings nobody; after AGENT_RING the caller waits in the queue and Desk B takes it")
    void transferToAnAgentWhoIsNotThere() throws Exception {
        var alice = desk("alice", "alice-demo");
        var b = desk("deskb", PASSWORD);
        var c = desk("deskc", PASSWORD);
        awaitMembers("alice in fraud, Desk B and C in hotline-agent", () -> {
            var direct = PbxAgentStatesIT.members("hotline-agent");
            return PbxAgentStatesIT.members("fraud").containsKey(ALICE)
                    && direct.containsKey(IFACE_B)
                    && direct.containsKey(IFACE_C);
        });
        call = stolenAccountCaller();
        JsonObject pop = activePop(alice);
        String ticket = pop.getString("ticket");
        String channel = pop.getString("channel");
        // Desk C goes on a break as alice picks them
        assertThat(c.post(
                                "/api/agents/me/state",
                                new JsonObject().put("state", "paused").put("reason", "break"))
                        .status())
                .isEqualTo(200);
        awaitMembers(
                "Desk C paused in hotline-agent",
                () -> "1"
                        .equals(PbxAgentStatesIT.members("hotline-agent")
                                .get(IFACE_C)
                                .get("Paused")));
        var moved =
                alice.post("/api/calls/" + pop.getString("call") + "/transfer", new JsonObject().put("agent", "deskc"));
        assertThat(moved.status()).as(moved.body().encode()).isEqualTo(200);

        JsonObject next = b.awaitPop("active", ticket, Duration.ofSeconds(90));
        assertThat(next.getString("queue")).isEqualTo("account");
        assertThat(rung("hotline-agent", channel)).isEmpty();
        assertThat(rung("account", channel)).contains(IFACE_B).doesNotContain(IFACE_C);
        var t = b.get("/api/tickets/" + ticket);
        assertThat(t.status()).isEqualTo(200);
        assertThat(t.body().getString("status")).isNotEqualTo("abandoned");

        var hung = b.post("/api/calls/" + next.getString("call") + "/hangup", new JsonObject());
        assertThat(hung.status()).as(hung.body().encode()).isEqualTo(200);
        assertThat(call.get(2, java.util.concurrent.TimeUnit.MINUTES).ending().ticket())
                .isEqualTo(ticket);
    }

    /** This class's caller waiting in the queue on a board message, or null. */
    private static JsonObject waitingIn(JsonObject board, String queue) {
        for (Object q : board.getJsonObject("board").getJsonArray("queues")) {
            JsonObject qq = (JsonObject) q;
            if (!queue.equals(qq.getString("name"))) {
                continue;
            }
            for (Object c : qq.getJsonArray("callers")) {
                JsonObject cc = (JsonObject) c;
                if (cc.getString("call", "").startsWith("127.0.0.1@pbx-agi-")
                        && !cc.getString("ticket", "").isEmpty()) {
                    return cc;
                }
            }
        }
        return null;
    }
}
