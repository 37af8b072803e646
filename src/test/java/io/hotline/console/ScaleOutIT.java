package io.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotline.call.CallInfo;
import io.hotline.cluster.ClusterLink;
import io.hotline.db.Database;
import io.hotline.db.DbConfig;
import io.hotline.db.DemoData;
import io.hotline.db.TestDatabase;
import io.hotline.emulator.ami.AmiEmulator;
import io.hotline.emulator.ami.AmiTranscript;
import io.hotline.engine.CallEnding;
import io.hotline.server.Hotline;
import io.hotline.telephony.ami.AmiConfig;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.telephony.sim.ScriptedCaller;
import io.hotline.telephony.sim.SimCall;
import io.hotline.users.Users;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server nodes (each its own pool, engine, console and cluster link) on one database. Only node A
 * has the AMI connection; agents sign in on node B. What node A learns from Asterisk must reach them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Two nodes on one database behave as one")
class ScaleOutIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static final Duration WAIT = Duration.ofSeconds(15);
    static final AtomicInteger SEQ = new AtomicInteger();

    Database dbB;
    Hotline nodeA;
    Hotline nodeB;
    AmiEmulator ami;
    Console consoleA;
    Console consoleB;
    ClusterLink linkA;
    ClusterLink linkB;

    @BeforeAll
    void start() throws Exception {
        String url;
        try (Connection c = DB.dataSource().getConnection()) {
            url = c.getMetaData().getURL();
        }
        dbB = Database.start(new DbConfig(url, "postgres", null, Path.of("target"), 10, false, Duration.ofSeconds(5)));
        nodeA = Hotline.onDatabase(DB.database(), Path.of("ivr-flows"), Clock.systemDefaultZone());
        nodeB = Hotline.onDatabase(dbB, Path.of("ivr-flows"), Clock.systemDefaultZone());
        Users users = TestUsers.create(DB.dataSource());
        ami = new AmiEmulator(AmiTranscript.load("ami-queue.txt"), "hotline", "secret");
        var amiConfig = new AmiConfig(
                "127.0.0.1",
                ami.port(),
                "hotline",
                "secret",
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                Duration.ofSeconds(3));
        consoleA = Console.start(nodeA.consoleSetup(ConsoleConfig.forTests(1_000, Duration.ofSeconds(30)), users)
                .withAmi(Optional.of(amiConfig)));
        consoleB = Console.start(nodeB.consoleSetup(
                ConsoleConfig.forTests(1_000, Duration.ofSeconds(30)), new Users(dbB.dataSource(), Clock.systemUTC())));
        linkA = ClusterLink.start(consoleA.vertx(), DB.dataSource(), "node-a");
        linkB = ClusterLink.start(consoleB.vertx(), dbB.dataSource(), "node-b");
        assertThat(linkA.listening()).isTrue();
        assertThat(linkB.listening()).isTrue();
        await("AMI link up on node A")
                .atMost(WAIT)
                .until(() -> consoleA.amiStatus().orElseThrow().state() == LinkStatus.State.CONNECTED);
    }

    @AfterAll
    void stop() throws Exception {
        linkA.close();
        linkB.close();
        consoleA.close();
        consoleB.close();
        ami.close();
        nodeA.close();
        nodeB.close();
        dbB.close();
    }

    /** Li Wei's stolen-account call, run on node A. */
    String stolenTicketOnA() {
        var info = new CallInfo(
                "scale-" + SEQ.incrementAndGet() + "-" + System.nanoTime(),
                DemoData.LI_WEI,
                "",
                "en",
                "main",
                "sim",
                Map.of());
        CallEnding end = nodeA.engine().run(new SimCall(info, new ScriptedCaller("2 1"), h -> {}));
        assertThat(end.reason()).isEqualTo(CallEnding.Reason.QUEUED);
        return end.ticket();
    }

    @Test
    @DisplayName("a screen pop made on node A from its AMI events reaches alice's WebSocket on node B, and not bob's")
    void popCrossesNodes() throws Exception {
        String ticket = stolenTicketOnA();
        try (var alice = ConsoleClient.signedIn(consoleB.port(), "alice", TestUsers.PASSWORD)
                        .connect();
                var bob = ConsoleClient.signedIn(consoleB.port(), "bob", TestUsers.PASSWORD)
                        .connect()) {
            alice.await(m -> "board".equals(m.getString("type")), WAIT);
            bob.await(m -> "board".equals(m.getString("type")), WAIT);

            ami.emit(ConsoleIT.recorded("ami-queue.txt", ticket, 0, 100));

            JsonObject ringing = alice.awaitPop("ringing", ticket, WAIT);
            assertThat(ringing.getString("source")).isEqualTo("ami");
            JsonObject active = alice.awaitPop("active", ticket, WAIT);
            assertThat(active.getString("category")).isEqualTo("fraud");
            assertThat(active.getJsonObject("account").getString("holder")).isEqualTo("Li Wei");
            assertThat(active.encode()).doesNotContain("13800138000");
            alice.awaitPop("ended", ticket, WAIT);
            assertThat(bob.pops()).noneMatch(p -> ticket.equals(p.getString("ticket")));
        }
    }

    @Test
    @DisplayName("the queue board on node B shows a caller waiting that only node A's AMI link saw")
    void boardCrossesNodes() throws Exception {
        String ticket = stolenTicketOnA();
        try (var sam = ConsoleClient.signedIn(consoleB.port(), "sam", TestUsers.PASSWORD)
                .connect()) {
            sam.await(m -> "board".equals(m.getString("type")), WAIT);
            // the caller joins the fraud queue; nobody has answered yet
            ami.emit(ConsoleIT.recorded("ami-queue.txt", ticket, 0, 0.5145));
            JsonObject board = sam.await(
                    m -> "board".equals(m.getString("type")) && m.encode().contains(ticket), WAIT);
            assertThat(board.encode()).contains("fraud");
        }
    }
}
