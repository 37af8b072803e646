package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.UnixOperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.hotline.db.TestDatabase;
import io.hotline.engine.CallEnding.Reason;
import io.hotline.tickets.SessionRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator's safety journeys ({@code io.hotline.journeys.SafetyJourneysIT}) over FastAGI:
 * PIN lockout across calls, concurrent freezes, the caller hanging up at every node type
 * (including during an action), and abrupt disconnects in the middle of real journeys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Safety of journeys over FastAGI")
class AgiSafetyJourneysIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    static final ObjectMapper JSON = new ObjectMapper();

    AgiHarness agi;

    @BeforeAll
    void start() {
        agi = new AgiHarness(DB.database());
    }

    @AfterAll
    void stop() {
        agi.close();
    }

    @Test
    @DisplayName("three wrong PINs over separate calls lock PIN checks, and then even the right PIN is refused")
    void pinLockoutAcrossCalls() {
        var first = agi.call("13900139000", "3 1111#");
        assertThat(first.said()).contains("You have 2 attempts left");
        var second = agi.call("13900139000", "3 2222#");
        assertThat(second.said()).contains("You have 1 attempts left");
        var third = agi.call("13900139000", "3 3333#");
        assertThat(third.said()).contains("PIN checks on this account are locked");
        var right = agi.call("13900139000", "3 1357#");
        assertThat(right.said()).contains("PIN checks on this account are locked").doesNotContain("Your app login");
        assertThat(right.ending().queue()).isEqualTo("account");
        // the PIN never reaches Asterisk or the call record
        assertThat(right.asterisk().commands()).noneMatch(c -> c.contains("1357"));
    }

    @Test
    @DisplayName("twenty simultaneous stolen-account calls for one account make exactly one freeze, and all hear its reference")
    void concurrentFreezes() throws Exception {
        int n = 20;
        var ready = new CountDownLatch(n);
        List<Future<AgiHarness.Result>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return agi.call("13800138000", "2 1");
                }));
            }
        }
        String ref = single("select reference from freezes f join accounts a on a.id = f.account_id "
                + "where a.msisdn = '13800138000' and released_at is null");
        assertThat(single("select count(*) from freezes f join accounts a on a.id = f.account_id "
                + "where a.msisdn = '13800138000'")).isEqualTo("1");
        int fresh = 0;
        for (var f : results) {
            var r = f.get();
            assertThat(r.said()).contains(ref);
            assertThat(r.asterisk().ending()).isEqualTo(FakeAsterisk.Ending.SCRIPT_ENDED);
            if (r.said().contains("Your wallet is now frozen")) {
                fresh++;
            }
        }
        assertThat(fresh).isEqualTo(1);
    }

    @ParameterizedTest(name = "hang-up at {0} node {1}")
    @CsvSource({
            "say, main/welcome, ''",
            "menu, main/main_menu, ''",
            "subflow, main/stolen, '2'",
            "branch, identify/known, '2'",
            "input, verify-identity/ask_pin, '1'",
            "action, stolen/freeze, '2 1'",
            "queue, stolen/fraud_agent, '2 1'",
            "hangup, main/goodbye, '5'",
    })
    @DisplayName("a caller hanging up at any node type leaves a consistent session record")
    void hangUpAtEveryNodeType(String type, String node, String keys) throws Exception {
        var r = agi.call("13700137000", keys, "en", node);

        SessionRow s = agi.hotline.sessions().find(r.callId()).orElseThrow();
        assertThat(s.endedAt()).isNotNull();
        List<String> exits = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        for (JsonNode step : JSON.readTree(s.pathJson())) {
            nodes.add(step.path("flow").asText() + "/" + step.path("node").asText());
            exits.add(step.path("exit").asText());
        }
        if (type.equals("action")) {
            // the HANGUP line arrived while the freeze ran: it completes and stays committed,
            // and the hang-up is noticed at the next AGI command
            assertThat(nodes).contains(node);
            assertThat(single("select count(*) from freezes f join accounts a on a.id = f.account_id "
                    + "where a.msisdn = '13700137000' and released_at is null")).isEqualTo("1");
        }
        if (type.equals("hangup") || type.equals("queue")) {
            assertThat(nodes.getLast()).isEqualTo(node);
        } else if (!type.equals("action") && !type.equals("subflow") && !type.equals("branch")) {
            assertThat(nodes.getLast()).isEqualTo(node);
        }
        assertThat(r.ending().reason()).isEqualTo(Reason.CALLER_HANGUP);
        assertThat(s.endReason()).isEqualTo("caller_hangup");
        assertThat(exits.getLast()).isEqualTo("caller_hangup");
        // Asterisk saw a hang-up, so the dialplan does not go on to Queue()
        assertThat(r.asterisk().ending()).isEqualTo(FakeAsterisk.Ending.CALLER_HUNG_UP);
        if (type.equals("hangup")) {
            // the complaint's ticket was open when the caller left during the goodbye: it says so
            assertThat(single("select context->>'callerHungUp' from tickets where call_id = ?", r.callId()))
                    .isEqualTo("true");
        }
    }

    @Test
    @DisplayName("2,000 callers who drop the connection at every point of real journeys leave no threads, sockets or database connections")
    void abruptDisconnectsInJourneys() throws Exception {
        HikariDataSource pool = DB.dataSource().unwrap(HikariDataSource.class);
        UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> recorded = Transcripts.load("agi-basic.txt").get("A").block();
        dropCalls(recorded, 0, 30); // warm-up: classes loaded, pool filled
        idle(pool);
        long fdBefore = os.getOpenFileDescriptorCount();

        dropCalls(recorded, 30, 2030);

        idle(pool);
        // a leak would be thousands of sockets; the slack is for other classes' background work in this JVM
        Poll.until(() -> os.getOpenFileDescriptorCount() <= fdBefore + 20, Duration.ofSeconds(10),
                () -> "open file descriptors back to " + fdBefore + ", now " + os.getOpenFileDescriptorCount());
        assertThat(single("select count(*) from call_sessions where ended_at is null")).isEqualTo("0");
        assertThat(Integer.parseInt(single("select count(*) from call_sessions where call_id like 'drop-%'")))
                .as("most dropped calls got far enough to be recorded").isGreaterThan(1500);
    }

    private void idle(HikariDataSource pool) {
        Poll.until(() -> agi.server.activeThreads() == 0 && agi.server.activeConnections() == 0
                        && pool.getHikariPoolMXBean().getActiveConnections() == 0, Duration.ofSeconds(30),
                () -> "threads " + agi.server.activeThreads() + ", connections " + agi.server.activeConnections()
                        + ", database connections in use " + pool.getHikariPoolMXBean().getActiveConnections());
    }

    /**
     * Calls that answer {@code i % 25} commands (prompts play out or take key 2, digit waits get
     * 1) from callers without an account, then close (FIN), reset (RST) or half-close.
     */
    private void dropCalls(List<String> recordedBlock, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            StringBuilder b = new StringBuilder();
            String id = "drop-" + i + "-" + System.nanoTime();
            String ani = String.format("1369%07d", i);
            recordedBlock.forEach(l -> b.append(l.replace("1795393722.5", id).replace("13800138000", ani)).append('\n'));
            byte[] block = b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), agi.server.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(block);
                InputStream in = s.getInputStream();
                for (int c = 0; c < i % 25; c++) {
                    String command = line(in);
                    if (command == null) {
                        break;
                    }
                    String reply = command.startsWith("STREAM FILE") ? (command.endsWith("2\"") || command.contains("2*")
                            ? "200 result=50 endpos=800" : "200 result=0 endpos=16000")
                            : command.startsWith("WAIT FOR DIGIT") ? "200 result=49"
                            : command.startsWith("SET VARIABLE") ? "200 result=1" : "200 result=0";
                    s.getOutputStream().write((reply + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                switch (i % 3) {
                    case 0 -> { } // close
                    case 1 -> s.setSoLinger(true, 0); // reset
                    default -> { // half-close, then read until the server closes too
                        s.shutdownOutput();
                        while (line(in) != null) {
                            // the server may still send a command before it notices
                        }
                    }
                }
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                return b.toString(StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return null;
    }

    static String single(String sql, Object... args) throws Exception {
        try (Connection c = DB.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
