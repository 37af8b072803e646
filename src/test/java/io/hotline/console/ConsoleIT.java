package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.call.CallInfo;
import io.hotline.db.DemoData;
import io.hotline.db.TestDatabase;
import io.hotline.db.Tx;
import io.hotline.emulator.ami.AmiEmulator;
import io.hotline.emulator.ami.AmiTranscript;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.tickets.TicketDraft;
import io.hotline.users.Users;
import io.hotline.wallet.AccountStatus;
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

@DisplayName("The agent console over HTTP and WebSocket, fed by a fake Asterisk and by the simulated queues")
class ConsoleIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicInteger SEQ = new AtomicInteger();

    static Hotline hotline;
    static Users users;
    static AmiEmulator ami;
    static Console console;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        users = TestUsers.create(DB.dataSource());
        ami = new AmiEmulator(AmiTranscript.load("ami-queue.txt"), "hotline", "secret");
        var amiConfig = new AmiConfig(
                "127.0.0.1",
                ami.port(),
                "hotline",
                "secret",
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                Duration.ofSeconds(3));
        console = Console.start(hotline.consoleSetup(ConsoleConfig.forTests(1_000, Duration.ofSeconds(30)), users)
                .withAmi(Optional.of(amiConfig)));
        port = console.port();
        await("the AMI link up")
                .atMost(WAIT)
                .until(() -> console.amiStatus().orElseThrow().state()
                        == io.hotline.telephony.queue.LinkStatus.State.CONNECTED);
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        ami.close();
        hotline.close();
    }

    /** Li Wei reports his account stolen (2, then 1) on a simulated call whose hand-off goes nowhere. */
    static String stolenTicket() {
        var info = new CallInfo(
                "it-" + SEQ.incrementAndGet() + "-" + System.nanoTime(),
                DemoData.LI_WEI,
                "",
                "en",
                "main",
                "sim",
                Map.of());
        CallEnding end = hotline.engine().run(new SimCall(info, new ScriptedCaller("2 1"), h -> {}));
        assertThat(end.reason()).isEqualTo(CallEnding.Reason.QUEUED);
        return end.ticket();
    }

    /** The recorded call, up to (and including) a moment, with our ticket and a fresh unique id. */
    static AmiTranscript.Message[] recorded(String transcript, String ticket, double from, double to) {
        String unique = "it" + SEQ.incrementAndGet();
        return AmiTranscript.load(transcript).unsolicitedEvents().stream()
                .filter(m -> m.time() >= from && m.time() <= to)
                .map(m -> m.map(l -> l.replace("HOTLINE_TICKET=T-1", "HOTLINE_TICKET=" + ticket)
                        .replace("1795393812.15", unique)
                        .replace("1795393831.19", unique)))
                .toArray(AmiTranscript.Message[]::new);
    }

    @Test
    @DisplayName("nothing is visible without signing in")
    void nothingWithoutSignIn() {
        try (var anon = new ConsoleClient(port)) {
            assertThat(anon.status("/api/board")).isEqualTo(401);
            assertThat(anon.status("/api/tickets/T-100000")).isEqualTo(401);
            assertThat(anon.status("/console.html")).isEqualTo(302);
            assertThat(anon.status("/softphone.html")).isEqualTo(302);
            assertThat(anon.status("/signin.html")).isEqualTo(200);
            assertThat(anon.session()
                            .post("/api/accounts/1/unfreeze", new JsonObject().put("reason", "because"))
                            .status())
                    .isEqualTo(401);
            org.assertj.core.api.Assertions.assertThatThrownBy(anon::connect)
                    .rootCause()
                    .hasMessageContaining("401");
        }
    }

    @Test
    @DisplayName("a wrong password is refused, and a request without the CSRF token is refused even when signed in")
    void passwordsAndCsrf() {
        try (var c = new ConsoleClient(port)) {
            assertThat(c.signIn("alice", "not-her-password").status()).isEqualTo(401);
            assertThat(c.signIn("alice", TestUsers.PASSWORD).status()).isEqualTo(200);
            String ticket = stolenTicket();
            JsonObject note = new JsonObject().put("text", "hello");
            assertThat(c.post("/api/tickets/" + ticket + "/notes", note, null).status())
                    .isEqualTo(403);
            assertThat(c.post("/api/tickets/" + ticket + "/notes", note, "forged")
                            .status())
                    .isEqualTo(403);
            assertThat(c.post("/api/tickets/" + ticket + "/notes", note).status())
                    .isEqualTo(200);
        }
    }

    @Test
    @DisplayName(
            "an AMI AgentConnect for alice's interface pops on alice's console with the IVR's findings, and on nobody else's")
    void amiPopReachesTheRightAgent() throws Exception {
        String ticket = stolenTicket();
        try (var alice = ConsoleClient.signedIn(port, "alice", TestUsers.PASSWORD)
                        .connect();
                var bob =
                        ConsoleClient.signedIn(port, "bob", TestUsers.PASSWORD).connect();
                var sam =
                        ConsoleClient.signedIn(port, "sam", TestUsers.PASSWORD).connect()) {
            alice.await(m -> "board".equals(m.getString("type")), WAIT);
            bob.await(m -> "board".equals(m.getString("type")), WAIT);

            ami.emit(recorded("ami-queue.txt", ticket, 0, 100));

            JsonObject ringing = alice.awaitPop("ringing", ticket, WAIT);
            assertThat(ringing.getString("source")).isEqualTo("ami");
            JsonObject active = alice.awaitPop("active", ticket, WAIT);
            assertThat(active.getString("ticket")).isEqualTo(ticket);
            assertThat(active.getString("caller")).isEqualTo("*******8000");
            assertThat(active.getString("category")).isEqualTo("fraud");
            assertThat(active.getJsonObject("account").getString("holder")).isEqualTo("Li Wei");
            assertThat(active.getJsonObject("account").getString("status")).isEqualTo("frozen");
            assertThat(active.getString("pathLine"))
                    .contains("pressed 2, account stolen → pressed 1, freeze now")
                    .containsPattern("account (already )?frozen.*, ref F-\\d+");
            assertThat(active.getJsonArray("records").stream().map(o -> ((JsonObject) o).getString("type")))
                    .contains("freeze", "transaction");
            assertThat(active.encode()).doesNotContain("13800138000");
            alice.awaitPop("ended", ticket, WAIT);

            // Every event went through the same loop before alice's last pop: bob and sam got none.
            assertThat(bob.pops()).noneMatch(p -> ticket.equals(p.getString("ticket")));
            assertThat(sam.pops()).noneMatch(p -> ticket.equals(p.getString("ticket")));
            assertThat(ticketStatus(ticket)).isEqualTo("with_agent");
        }
    }

    @Test
    @DisplayName("a pop is delivered again when the agent's WebSocket comes back, and survives in the database")
    void popComesBackAfterReconnect() throws Exception {
        String ticket = stolenTicket();
        try (var alice =
                ConsoleClient.signedIn(port, "alice", TestUsers.PASSWORD).connect()) {
            alice.await(m -> "board".equals(m.getString("type")), WAIT);
            ami.emit(recorded("ami-queue.txt", ticket, 0, 2.6));
            alice.awaitPop("active", ticket, WAIT);

            alice.disconnect();
            alice.received.clear();
            alice.connect();
            JsonObject again = alice.await(
                    m -> "pop".equals(m.getString("type"))
                            && m.getBoolean("again", false)
                            && ticket.equals(m.getJsonObject("pop").getString("ticket"))
                            && "active".equals(m.getJsonObject("pop").getString("state")),
                    WAIT);
            assertThat(again.getJsonObject("pop").getString("caller")).isEqualTo("*******8000");
            // the pop is sent first and stored right after: wait for the store
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(20))
                    .untilAsserted(
                            () -> assertThat(storedPopState(ticket, "alice")).isEqualTo("active"));
        }
    }

    @Test
    @DisplayName(
            "Hold on an Asterisk call sends both legs to hotline-hold (music for the caller), Resume bridges them again")
    void holdAndResumeOverAmi() throws Exception {
        String ticket = stolenTicket();
        try (var alice =
                ConsoleClient.signedIn(port, "alice", TestUsers.PASSWORD).connect()) {
            alice.await(m -> "board".equals(m.getString("type")), WAIT);
            ami.emit(recorded("ami-queue.txt", ticket, 0, 2.6));
            JsonObject active = alice.awaitPop("active", ticket, WAIT);
            String key = active.getString("call");
            String caller = active.getString("channel");
            String agentLeg = "Local/agent1@agents-00000008;1"; // the recorded AgentConnect's DestChannel
            assertThat(alice.post("/api/calls/" + key + "/hold", new JsonObject())
                            .status())
                    .as("no agent bridged to the caller (yet): Asterisk cannot hold")
                    .isEqualTo(409);
            ami.bridge(caller, agentLeg);
            int before = ami.actions().size();

            var held = alice.post("/api/calls/" + key + "/hold", new JsonObject());
            assertThat(held.status()).as(held.body().encode()).isEqualTo(200);
            assertThat(ami.location(caller)).isEqualTo("hotline-hold,caller,1");
            assertThat(ami.location(agentLeg)).isEqualTo("hotline-hold,agent,1");
            assertThat(alice.await(
                                    m -> "pop".equals(m.getString("type"))
                                            && key.equals(m.getJsonObject("pop").getString("call"))
                                            && m.getJsonObject("pop").getBoolean("held", false),
                                    WAIT)
                            .getJsonObject("pop")
                            .getString("state"))
                    .isEqualTo("active");
            assertThat(alice.post("/api/calls/" + key + "/hold", new JsonObject())
                            .status())
                    .isEqualTo(409);
            var onHold = alice.post("/api/calls/" + key + "/transfer", new JsonObject().put("queue", "account"));
            assertThat(onHold.status()).isEqualTo(409);
            assertThat(onHold.body().getString("error")).contains("resume the call before transferring it");

            var resumed = alice.post("/api/calls/" + key + "/resume", new JsonObject());
            assertThat(resumed.status()).as(resumed.body().encode()).isEqualTo(200);
            assertThat(ami.location(caller)).as("bridged again").isEmpty();
            assertThat(ami.actions().subList(before, ami.actions().size()).stream()
                            .map(a -> a.toLowerCase(java.util.Locale.ROOT)))
                    .containsSubsequence("getvar", "setvar", "setvar", "redirect", "getvar", "bridge");
            alice.await(
                    m -> "pop".equals(m.getString("type"))
                            && key.equals(m.getJsonObject("pop").getString("call"))
                            && !m.getJsonObject("pop").getBoolean("held", true),
                    WAIT);
        }
    }

    @Test
    @DisplayName(
            "Sam gives a caller waiting on Asterisk to Bob: withdrawn from fraud over AMI, off the board, the ticket moved to Bob's queue and not abandoned")
    void giveOverAmi() throws Exception {
        String ticket = stolenTicket();
        try (var sam = ConsoleClient.signedIn(port, "sam", TestUsers.PASSWORD).connect()) {
            sam.await(m -> "board".equals(m.getString("type")), WAIT);
            ami.emit(recorded("ami-queue.txt", ticket, 0, 0.514)); // up to the recorded QueueCallerJoin
            String caller = "Local/100@hotline-00000007;2";
            JsonObject board = sam.await(m -> "board".equals(m.getString("type")) && waiting(m, ticket) != null, WAIT);
            String key = waiting(board, ticket);
            ami.waiting(caller, key.substring(key.indexOf('@') + 1), "fraud", Map.of("HOTLINE_TICKET", ticket));
            int before = ami.actions().size();

            var given = sam.post("/api/calls/" + key + "/assign", new JsonObject().put("agent", "bob"));
            assertThat(given.status()).as(given.body().encode()).isEqualTo(200);
            assertThat(ami.actions().subList(before, ami.actions().size()).stream()
                            .map(a -> a.toLowerCase(java.util.Locale.ROOT)))
                    .containsSubsequence("setvar", "setvar", "queuewithdrawcaller");
            // bob works recharge, not fraud: the caller rings him alone on the ticket's new queue's behalf
            assertThat(ami.location(caller)).matches("hotline-agent,[1-9][0-9]*,1");
            sam.await(m -> "board".equals(m.getString("type")) && waiting(m, ticket) == null, WAIT);
            var t = sam.get("/api/tickets/" + ticket);
            assertThat(t.body().getString("status")).as(t.body().encode()).isNotEqualTo("abandoned");
            assertThat(t.body().getString("queue")).isEqualTo("recharge");

            var again = sam.post("/api/calls/" + key + "/assign", new JsonObject().put("agent", "bob"));
            assertThat(again.status()).as("no longer waiting").isEqualTo(409);
        }
    }

    /** The board's waiting call with this ticket, or null. */
    private static String waiting(JsonObject board, String ticket) {
        for (Object q : board.getJsonObject("board").getJsonArray("queues")) {
            for (Object c : ((JsonObject) q).getJsonArray("callers")) {
                if (ticket.equals(((JsonObject) c).getString("ticket"))) {
                    return ((JsonObject) c).getString("call");
                }
            }
        }
        return null;
    }

    @Test
    @DisplayName("a caller who hangs up while ringing an agent leaves that agent's screen")
    void abandonedCallLeavesTheScreen() throws Exception {
        String ticket = stolenTicket();
        try (var alice =
                ConsoleClient.signedIn(port, "alice", TestUsers.PASSWORD).connect()) {
            alice.await(m -> "board".equals(m.getString("type")), WAIT);
            AmiTranscript.Message[] events = recorded("ami-queue-abandon.txt", ticket, 0, 100);
            ami.emit(events);
            JsonObject ringing = alice.awaitPop("ringing", ticket, WAIT);
            JsonObject gone = alice.await(m -> "pop-gone".equals(m.getString("type")), WAIT);
            assertThat(gone.getString("call")).isEqualTo(ringing.getString("call"));
            assertThat(gone.getString("reason")).contains("hung up");
        }
    }

    @Test
    @DisplayName("a simulated stolen-account call is offered to alice, who answers, hangs up and closes the ticket")
    void simulatedCallPopsAndCloses() throws Exception {
        try (var alice =
                ConsoleClient.signedIn(port, "alice", TestUsers.PASSWORD).connect()) {
            alice.await(m -> "board".equals(m.getString("type")), WAIT);
            var info =
                    new CallInfo("sim-it-" + SEQ.incrementAndGet(), DemoData.LI_WEI, "", "en", "main", "sim", Map.of());
            CallEnding end = hotline.engine().run(new SimCall(info, new ScriptedCaller("2 1"), console.simQueues()));
            try {
                simulatedCall(alice, end);
            } finally {
                console.simQueues().callerHangsUp(info.callId());
            }
        }
    }

    private static void simulatedCall(ConsoleClient alice, CallEnding end) throws Exception {
        {
            assertThat(end.queue()).isEqualTo("fraud");
            JsonObject ringing = alice.awaitPop("ringing", end.ticket(), WAIT);
            assertThat(ringing.getString("source")).isEqualTo("sim");
            assertThat(ringing.getString("pathLine")).contains("pressed 2, account stolen → pressed 1, freeze now");
            // the board may come before or after the pop
            JsonObject board = alice.seenOrAwait(
                    m -> "board".equals(m.getString("type"))
                            && m.getJsonObject("board").getJsonArray("queues").stream()
                                    .map(JsonObject.class::cast)
                                    .anyMatch(q -> q.getString("name").equals("fraud")
                                            && !q.getJsonArray("callers").isEmpty()),
                    WAIT);
            JsonObject waiting = board.getJsonObject("board").getJsonArray("queues").stream()
                    .map(JsonObject.class::cast)
                    .filter(q -> q.getString("name").equals("fraud"))
                    .findFirst()
                    .orElseThrow()
                    .getJsonArray("callers")
                    .getJsonObject(0);
            assertThat(waiting.getString("category")).isEqualTo("fraud");
            assertThat(waiting.getInteger("priority")).isEqualTo(9);

            String call = ringing.getString("call");
            assertThat(alice.post("/api/calls/" + call + "/answer", new JsonObject())
                            .status())
                    .isEqualTo(200);
            assertThat(alice.awaitPop("active", WAIT).getString("call")).isEqualTo(call);
            assertThat(alice.post("/api/calls/" + call + "/hangup", new JsonObject())
                            .status())
                    .isEqualTo(200);
            alice.awaitPop("ended", WAIT);

            assertThat(alice.post(
                                    "/api/tickets/" + end.ticket() + "/close",
                                    new JsonObject()
                                            .put("disposition", "fraud-case-opened")
                                            .put("note", "police report advised"))
                            .status())
                    .isEqualTo(200);
            alice.await(m -> "pop-closed".equals(m.getString("type")), WAIT);
            assertThat(ticketStatus(end.ticket())).isEqualTo("closed");
            JsonObject view = alice.get("/api/tickets/" + end.ticket()).body();
            assertThat(view.getString("disposition")).isEqualTo("fraud-case-opened");
            assertThat(view.getJsonArray("notes").getJsonObject(0).getString("text"))
                    .isEqualTo("police report advised");
        }
    }

    @Test
    @DisplayName("an agent cannot unfreeze an account; a supervisor can, with a reason, and it is audited")
    void unfreezeNeedsASupervisor() {
        long account =
                hotline.wallet().findByMsisdn(DemoData.WANG_FANG).orElseThrow().id();
        hotline.wallet().freeze(account, null, "it", "test setup");
        try (var alice = ConsoleClient.signedIn(port, "alice", TestUsers.PASSWORD);
                var sam = ConsoleClient.signedIn(port, "sam", TestUsers.PASSWORD)) {
            var refused = alice.post(
                    "/api/accounts/" + account + "/unfreeze",
                    new JsonObject().put("reason", "customer found the phone"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(hotline.wallet().findById(account).orElseThrow().status())
                    .isEqualTo(AccountStatus.FROZEN);

            assertThat(sam.post("/api/accounts/" + account + "/unfreeze", new JsonObject().put("reason", ""))
                            .status())
                    .isEqualTo(400);
            var done = sam.post(
                    "/api/accounts/" + account + "/unfreeze",
                    new JsonObject().put("reason", "identity checked in branch"));
            assertThat(done.status()).isEqualTo(200);
            assertThat(done.body().getBoolean("wasFrozen")).isTrue();
            assertThat(hotline.wallet().findById(account).orElseThrow().status())
                    .isEqualTo(AccountStatus.ACTIVE);
            assertThat(auditActors("unfreeze", "account:" + account)).contains("console:sam");
        }
    }

    @Test
    @DisplayName("an unfreeze whose ticket field is null or not text is refused before the account is touched")
    void unfreezeValidatesFirst() {
        long account =
                hotline.wallet().findByMsisdn(DemoData.WANG_FANG).orElseThrow().id();
        hotline.wallet().freeze(account, null, "it", "test setup");
        try (var sam = ConsoleClient.signedIn(port, "sam", TestUsers.PASSWORD)) {
            for (Object ticket : new Object[] {null, 42, new JsonObject()}) {
                var a = sam.post(
                        "/api/accounts/" + account + "/unfreeze",
                        new JsonObject()
                                .put("reason", "identity checked in branch")
                                .put("ticket", ticket));
                assertThat(a.status()).as("ticket %s", ticket).isEqualTo(400);
                assertThat(a.body().getString("error")).contains("ticket");
                assertThat(hotline.wallet().findById(account).orElseThrow().status())
                        .as("still frozen")
                        .isEqualTo(AccountStatus.FROZEN);
            }
            var done = sam.post(
                    "/api/accounts/" + account + "/unfreeze",
                    new JsonObject().put("reason", "identity checked in branch"));
            assertThat(done.status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("an agent sees only tickets of their own queues")
    void agentsSeeTheirQueuesOnly() {
        var draft = new TicketDraft(
                "it-recharge-" + SEQ.incrementAndGet(),
                "recharge",
                "recharge",
                5,
                null,
                "*******9000",
                false,
                null,
                "{}",
                1);
        String ref = hotline.tickets().openOrUpdate(draft).reference();
        try (var alice = ConsoleClient.signedIn(port, "alice", TestUsers.PASSWORD);
                var bob = ConsoleClient.signedIn(port, "bob", TestUsers.PASSWORD)) {
            assertThat(alice.get("/api/tickets/" + ref).status()).isEqualTo(404);
            assertThat(alice.post("/api/tickets/" + ref + "/notes", new JsonObject().put("text", "x"))
                            .status())
                    .isEqualTo(404);
            assertThat(bob.get("/api/tickets/" + ref).status()).isEqualTo(200);
            List<String> queues = alice.get("/api/board").body().getJsonObject("board").getJsonArray("queues").stream()
                    .map(o -> ((JsonObject) o).getString("name"))
                    .toList();
            assertThat(queues).containsExactly("fraud", "general-support");
        }
    }

    @Test
    @DisplayName("/health reports the database and the AMI link")
    void health() {
        try (var anon = new ConsoleClient(port)) {
            var h = anon.get("/health");
            assertThat(h.status()).isEqualTo(200);
            assertThat(h.body().getJsonObject("db").getBoolean("up")).isTrue();
            assertThat(h.body().getJsonObject("links").getJsonObject("ami").getString("state"))
                    .isEqualTo("connected");
        }
    }

    static String ticketStatus(String ref) {
        return Tx.withConnection(DB.dataSource(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM tickets WHERE reference = ?")) {
                ps.setString(1, ref);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    static String storedPopState(String ref, String login) {
        return Tx.withConnection(DB.dataSource(), c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT state FROM screen_pops WHERE ticket_ref = ? AND agent_login = ?")) {
                ps.setString(1, ref);
                ps.setString(2, login);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    static List<String> auditActors(String action, String subject) {
        return Tx.withConnection(DB.dataSource(), c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT actor FROM audit_log WHERE action = ? AND subject = ? ORDER BY id")) {
                ps.setString(1, action);
                ps.setString(2, subject);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new java.util.ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
    }
}
