package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.call.CallInfo;
import io.hotline.db.DemoData;
import io.hotline.db.TestDatabase;
import io.hotline.emulator.ami.AmiEmulator;
import io.hotline.emulator.ami.AmiTranscript;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.ami.AmiServer;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One console with AMI links to two Asterisk servers ({@code HOTLINE_AMI_SERVERS=pbx-a=...,pbx-b=...}), each a fake
 * Asterisk replaying the recorded app_queue events. Both number their channels alike (the same unique id on both),
 * as two real Asterisks started at the same second would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Two Asterisk servers behind one console")
class MultiPbxIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static final Duration WAIT = Duration.ofSeconds(15);
    static final AtomicInteger SEQ = new AtomicInteger();

    Hotline hotline;
    AmiEmulator pbxA;
    AmiEmulator pbxB;
    Console console;

    @BeforeAll
    void start() throws Exception {
        hotline = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        pbxA = new AmiEmulator(AmiTranscript.load("ami-queue.txt"), "hotline", "secret-a");
        pbxB = new AmiEmulator(AmiTranscript.load("ami-queue.txt"), "hotline", "secret-b");
        console = console(hotline, DB, pbxA, pbxB);
    }

    /** A console of {@code hotline} linked to {@code a} as pbx-a and {@code b} as pbx-b, both links up. */
    static Console console(Hotline hotline, TestDatabase db, AmiEmulator a, AmiEmulator b) throws Exception {
        Console console = Console.start(hotline.consoleSetup(
                        ConsoleConfig.forTests(1_000, Duration.ofSeconds(30)), TestUsers.create(db.dataSource()))
                .withAmiServers(List.of(server("pbx-a", a, "secret-a"), server("pbx-b", b, "secret-b"))));
        await("both AMI links up")
                .atMost(WAIT)
                .until(() -> console.amiStatuses().stream().allMatch(s -> s.state() == LinkStatus.State.CONNECTED));
        return console;
    }

    static AmiServer server(String name, AmiEmulator fake, String secret) {
        return new AmiServer(
                name,
                "ami:" + name,
                new AmiConfig(
                        "127.0.0.1",
                        fake.port(),
                        "hotline",
                        secret,
                        Duration.ofMillis(50),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(3)));
    }

    @AfterAll
    void stop() throws Exception {
        console.close();
        pbxA.close();
        pbxB.close();
        hotline.close();
    }

    String stolenTicket() {
        return stolenTicket(hotline);
    }

    /** Li Wei's stolen-account call through {@code hotline}'s IVR: its fraud ticket. */
    static String stolenTicket(Hotline hotline) {
        var info = new CallInfo(
                "multi-" + SEQ.incrementAndGet() + "-" + System.nanoTime(),
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

    /** The recorded queue call between {@code from} and {@code to} seconds, with this ticket and unique id. */
    static AmiTranscript.Message[] recorded(String ticket, String uniqueId, double from, double to) {
        return AmiTranscript.load("ami-queue.txt").unsolicitedEvents().stream()
                .filter(m -> m.time() >= from && m.time() <= to)
                .map(m -> m.map(l -> l.replace("HOTLINE_TICKET=T-1", "HOTLINE_TICKET=" + ticket)
                        .replace("1795393812.15", uniqueId)
                        .replace("1795393831.19", uniqueId)))
                .toArray(AmiTranscript.Message[]::new);
    }

    static List<JsonObject> waiting(JsonObject boardMessage, String queue) {
        List<JsonObject> out = new ArrayList<>();
        JsonArray qs = boardMessage.getJsonObject("board").getJsonArray("queues");
        for (int i = 0; i < qs.size(); i++) {
            JsonObject q = qs.getJsonObject(i);
            if (q.getString("name").equals(queue)) {
                q.getJsonArray("callers").forEach(c -> out.add((JsonObject) c));
            }
        }
        return out;
    }

    @Test
    @Order(1)
    @DisplayName("a caller waiting on each server is on the board with the server's name, and the pop names the server"
            + " that rang the agent")
    void boardAndPopsNameTheServer() throws Exception {
        String onA = stolenTicket();
        String onB = stolenTicket();
        String sameId = "1795399999." + SEQ.incrementAndGet(); // both Asterisks gave their caller this id
        try (var sam = ConsoleClient.signedIn(console.port(), "sam", TestUsers.PASSWORD)
                        .connect();
                var alice = ConsoleClient.signedIn(console.port(), "alice", TestUsers.PASSWORD)
                        .connect()) {
            // alice opened her console: she is added to the fraud queue on each server (both have it), and to
            // general-support on neither (neither has it)
            await("alice in the fraud queue on both servers")
                    .atMost(WAIT)
                    .until(() -> pbxA.members().equals(java.util.Set.of("fraud|Local/agent1@agents"))
                            && pbxB.members().equals(java.util.Set.of("fraud|Local/agent1@agents")));
            assertThat(pbxA.actions()).doesNotContain("QueueRemove");

            pbxA.emit(recorded(onA, sameId, 0, 0.5145));
            pbxB.emit(recorded(onB, sameId, 0, 0.5145));
            JsonObject board = sam.await(
                    m -> "board".equals(m.getString("type"))
                            && waiting(m, "fraud").size() == 2,
                    WAIT);
            assertThat(waiting(board, "fraud"))
                    .extracting(c -> c.getString("ticket") + " on " + c.getString("server"))
                    .containsExactlyInAnyOrder(onA + " on pbx-a", onB + " on pbx-b");

            // the call on pbx-b rings alice, she answers, it ends: her pops say pbx-b
            pbxB.emit(recorded(onB, sameId, 0.5146, 100));
            JsonObject ringing = alice.awaitPop("ringing", onB, WAIT);
            assertThat(ringing.getString("server")).isEqualTo("pbx-b");
            assertThat(alice.awaitPop("active", onB, WAIT).getString("server")).isEqualTo("pbx-b");
            alice.awaitPop("ended", onB, WAIT);
            // pbx-a's caller, with the same unique id, is still waiting
            JsonObject after = sam.await(
                    m -> "board".equals(m.getString("type"))
                            && waiting(m, "fraud").size() == 1,
                    WAIT);
            assertThat(waiting(after, "fraud"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.getString("server")).isEqualTo("pbx-a"));
            assertThat(alice.pops()).noneMatch(p -> onA.equals(p.getString("ticket")));
        }
    }

    @Test
    @Order(2)
    @DisplayName("one server's link going down leaves the other's link, board and pops alone")
    void oneLinkDown() throws Exception {
        String onB = stolenTicket();
        try (var sam = ConsoleClient.signedIn(console.port(), "sam", TestUsers.PASSWORD)
                        .connect();
                var alice = ConsoleClient.signedIn(console.port(), "alice", TestUsers.PASSWORD)
                        .connect()) {
            sam.await(m -> "board".equals(m.getString("type")), WAIT);
            pbxA.close(); // Asterisk A goes away and stays away
            JsonObject down = sam.await(
                    m -> "link".equals(m.getString("type"))
                            && m.getJsonObject("link").getString("name").equals("ami:pbx-a")
                            && m.getJsonObject("link").getString("state").equals("disconnected"),
                    WAIT);
            assertThat(down.getJsonObject("link").getString("detail")).isNotEmpty();
            assertThat(console.amiStatuses())
                    .extracting(s -> s.link() + " " + s.state().wire())
                    .containsExactly("ami:pbx-a disconnected", "ami:pbx-b connected");

            pbxB.emit(recorded(onB, "1795398888." + SEQ.incrementAndGet(), 0, 100));
            assertThat(alice.awaitPop("ringing", onB, WAIT).getString("server")).isEqualTo("pbx-b");
            alice.awaitPop("ended", onB, WAIT);

            var health = sam.get("/health");
            assertThat(health.body()
                            .getJsonObject("links")
                            .getJsonObject("ami:pbx-b")
                            .getString("state"))
                    .isEqualTo("connected");
            assertThat(health.body()
                            .getJsonObject("links")
                            .getJsonObject("ami:pbx-a")
                            .getString("state"))
                    .isEqualTo("disconnected");
        }
    }
}
