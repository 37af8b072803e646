package io.hotline.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.hotline.console.ConsoleClient;
import io.hotline.db.Database;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding;
import io.hotline.server.Server;
import io.hotline.telephony.queue.LinkStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One Hotline server with AMI links to two real Asterisks ({@code HOTLINE_AMI_SERVERS=pbx-a=...,pbx-b=...}), both
 * lab Asterisks of this class's own (the same build and configuration as the shared lab, on their own ports), so it
 * touches none of the shared lab's queues. pbx-b has no {@code fraud} queue (removed from its queues.conf before
 * Hotline connects): an agent of fraud is added to it on pbx-a only.
 */
@DisplayName("Two real Asterisks behind one Hotline")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PbxTwoServersIT {
    private static final String LI_WEI = "13800138000";
    private static final String WANG_FANG = "13700137000";
    private static final String ALICE = "Local/agent1@agents"; // fraud, general-support
    private static final String BOB = "Local/agent2@agents"; // recharge
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Database db;
    private LabPbx.Own a;
    private LabPbx.Own b;
    private Server served;
    private PbxDialer onA;
    private PbxDialer onB;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.fresh();
        int agiPort = LabAsterisk.freeTcpPort();
        a = LabPbx.Own.start(agiPort, "two_servers_queue_log");
        b = LabPbx.Own.start(agiPort, "two_servers_queue_log");
        withoutQueue(b, "fraud");
        String url = ((HikariDataSource) db.dataSource()).getJdbcUrl();
        Map<String, String> servers = new LinkedHashMap<>();
        servers.put("HOTLINE_AMI_HOST", "");
        servers.put("HOTLINE_ARI_URL", "");
        servers.put(
                "HOTLINE_AMI_SERVERS",
                "pbx-a=127.0.0.1:" + a.asterisk().amiPort + ",pbx-b=127.0.0.1:" + b.asterisk().amiPort);
        servers.put("HOTLINE_AMI_SECRETS", "pbx-a=" + a.asterisk().amiSecret + ",pbx-b=" + b.asterisk().amiSecret);
        served = Server.start(Lab.serveSettings(a.asterisk(), url, agiPort, "hotline-two-servers", "agi", "two")
                .with(servers));
        await("both AMI links up")
                .atMost(WAIT)
                .until(() -> served.console().amiStatuses().size() == 2
                        && served.console().amiStatuses().stream()
                                .allMatch(s -> s.state() == LinkStatus.State.CONNECTED));
        onA = PbxDialer.through(a, served, agiPort);
        onB = PbxDialer.through(b, served, agiPort);
    }

    @AfterAll
    void stop() {
        try (Database closing = db) {
            for (AutoCloseable c : new AutoCloseable[] {onA, onB, served, a, b}) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // the others are still to be stopped
                    }
                }
            }
        }
    }

    /** Takes {@code queue} out of this Asterisk's queues.conf and reloads app_queue, which then forgets it. */
    private static void withoutQueue(LabPbx.Own pbx, String queue) throws Exception {
        Path conf = pbx.asterisk().lab.resolve("etc/queues.conf");
        List<String> lines = Files.readAllLines(conf).stream()
                .filter(l -> !l.startsWith("[" + queue + "]"))
                .toList();
        Files.write(conf, lines);
        pbx.asterisk().cli("module reload app_queue.so");
        await("app_queue on " + pbx.asterisk().amiPort + " without " + queue)
                .atMost(WAIT)
                .until(() -> pbx.asterisk().cli("queue show " + queue).contains("No such queue"));
    }

    /** The queue's members as app_queue on {@code pbx} reports them to QueueStatus, by interface. */
    private static Map<String, Map<String, String>> members(LabPbx pbx, String queue) {
        var out = new LinkedHashMap<String, Map<String, String>>();
        for (Map<String, String> e : pbx.ami().list("QueueStatus", Map.of("Queue", queue), "QueueStatusComplete")) {
            if ("QueueMember".equals(e.get("Event"))) {
                out.put(e.get("Interface") != null ? e.get("Interface") : e.get("Location"), e);
            }
        }
        return out;
    }

    private static boolean paused(LabPbx pbx, String queue, String iface, String paused) {
        Map<String, String> m = members(pbx, queue).get(iface);
        return m != null && paused.equals(m.get("Paused"));
    }

    /** A board message's waiting callers of {@code queue}. */
    private static List<JsonObject> waiting(JsonObject boardMessage, String queue) {
        JsonArray qs = boardMessage.getJsonObject("board").getJsonArray("queues");
        return qs.stream()
                .map(JsonObject.class::cast)
                .filter(q -> queue.equals(q.getString("name")))
                .flatMap(q -> q.getJsonArray("callers").stream().map(JsonObject.class::cast))
                .toList();
    }

    /** The board row of {@code ticket} the supervisor saw, with the server it names. */
    private static String boardServer(ConsoleClient sam, String queue, String ticket) throws InterruptedException {
        JsonObject m = sam.seenOrAwait(
                x -> "board".equals(x.getString("type"))
                        && waiting(x, queue).stream().anyMatch(c -> ticket.equals(c.getString("ticket"))),
                WAIT);
        return waiting(m, queue).stream()
                .filter(c -> ticket.equals(c.getString("ticket")))
                .findFirst()
                .orElseThrow()
                .getString("server");
    }

    @Test
    @DisplayName("sign-in adds each agent on the servers that have their queues; pausing pauses them there")
    void agentStatesGoToEachServer() throws Exception {
        try (var alice = ConsoleClient.signedIn(served.console().port(), "alice", "alice-demo")
                        .connect();
                var bob = ConsoleClient.signedIn(served.console().port(), "bob", "bob-demo")
                        .connect()) {
            await("alice in fraud on pbx-a and general-support on both, bob in recharge on both")
                    .atMost(WAIT)
                    .until(() -> paused(a, "fraud", ALICE, "0")
                            && paused(a, "general-support", ALICE, "0")
                            && paused(b, "general-support", ALICE, "0")
                            && paused(a, "recharge", BOB, "0")
                            && paused(b, "recharge", BOB, "0"));
            assertThat(b.asterisk().cli("queue show fraud")).contains("No such queue");
            assertThat(members(b, "recharge")).doesNotContainKey(ALICE);

            var r = alice.post(
                    "/api/agents/me/state",
                    new JsonObject().put("state", "paused").put("reason", "lunch"));
            assertThat(r.status()).isEqualTo(200);
            await("alice paused on both servers, bob not")
                    .atMost(WAIT)
                    .until(() -> paused(a, "fraud", ALICE, "1")
                            && paused(a, "general-support", ALICE, "1")
                            && paused(b, "general-support", ALICE, "1"));
            assertThat(members(b, "general-support").get(ALICE)).containsEntry("PausedReason", "lunch");
            assertThat(paused(b, "recharge", BOB, "0")).isTrue();

            assertThat(alice.post("/api/agents/me/state", new JsonObject().put("state", "available"))
                            .status())
                    .isEqualTo(200);
            await("alice available again on both servers")
                    .atMost(WAIT)
                    .until(() -> paused(a, "fraud", ALICE, "0") && paused(b, "general-support", ALICE, "0"));
        }
    }

    @Test
    @DisplayName("a call on each server reaches its queue there; the pop and the board name the server")
    void callsOnEachServer() throws Exception {
        try (var sam = ConsoleClient.signedIn(served.console().port(), "sam", "sam-demo")
                        .connect();
                var alice = ConsoleClient.signedIn(served.console().port(), "alice", "alice-demo")
                        .connect();
                var bob = ConsoleClient.signedIn(served.console().port(), "bob", "bob-demo")
                        .connect()) {
            await("alice and bob are members on their servers")
                    .atMost(WAIT)
                    .until(() -> members(a, "fraud").containsKey(ALICE)
                            && members(b, "recharge").containsKey(BOB));

            // Wang Fang's stolen account, through pbx-a: fraud there, alice's pop says pbx-a
            var stolen = onA.callMeetingAgent(WANG_FANG, "2 1");
            assertThat(stolen.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);
            assertThat(stolen.queueJoin()).containsEntry("Queue", "fraud");
            JsonObject popA = alice.awaitPop("active", stolen.ending().ticket(), WAIT);
            assertThat(popA.getString("server")).isEqualTo("pbx-a");
            assertThat(popA.getString("call")).startsWith("pbx-a@");
            assertThat(popA.getJsonObject("account").getString("holder")).isEqualTo("Wang Fang");
            assertThat(boardServer(sam, "fraud", stolen.ending().ticket())).isEqualTo("pbx-a");

            // Li Wei's failed recharges, through pbx-b: recharge there, bob's pop says pbx-b
            var recharge = onB.callMeetingAgent(LI_WEI, "1 2468#");
            assertThat(recharge.ending().reason()).isEqualTo(CallEnding.Reason.QUEUED);
            assertThat(recharge.queueJoin()).containsEntry("Queue", "recharge");
            JsonObject popB = bob.awaitPop("active", recharge.ending().ticket(), WAIT);
            assertThat(popB.getString("server")).isEqualTo("pbx-b");
            assertThat(popB.getString("call")).startsWith("pbx-b@");
            assertThat(boardServer(sam, "recharge", recharge.ending().ticket())).isEqualTo("pbx-b");

            // each agent was rung by the server the call was on only
            assertThat(alice.pops()).noneMatch(p -> recharge.ending().ticket().equals(p.getString("ticket")));
            assertThat(bob.pops()).noneMatch(p -> stolen.ending().ticket().equals(p.getString("ticket")));
        }
    }
}
