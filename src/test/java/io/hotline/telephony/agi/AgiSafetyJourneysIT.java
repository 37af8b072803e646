package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.hotline.db.Database;
import io.hotline.emulator.agi.AgiResult;
import io.hotline.journeys.Dialer;
import io.hotline.journeys.Journey;
import io.hotline.journeys.SafetyContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The safety journeys ({@link SafetyContract}) over FastAGI: PIN lockout across calls,
 * concurrent freezes, the caller hanging up at every node type (including during an action),
 * with what Asterisk saw; plus abrupt disconnects in the middle of real journeys.
 */
@DisplayName("Safety of journeys over FastAGI")
class AgiSafetyJourneysIT extends SafetyContract<AgiHarness.Result> {
    private AgiHarness agi;

    @Override
    protected Dialer<AgiHarness.Result> connect(Database db) {
        agi = new AgiHarness(db);
        return agi;
    }

    @Override
    protected void onTheWire(Journey journey, AgiHarness.Result r) {
        switch (journey) {
            // the PIN never reaches Asterisk
            case PIN_LOCKED -> assertThat(r.asterisk().commands()).noneMatch(c -> c.contains("1357"));
            case CONCURRENT_FREEZE -> assertThat(r.asterisk().ending()).isEqualTo(AgiResult.Ending.SCRIPT_ENDED);
            // Asterisk saw a hang-up, so the dialplan does not go on to Queue()
            case CALLER_HUNG_UP -> assertThat(r.asterisk().ending()).isEqualTo(AgiResult.Ending.CALLER_HUNG_UP);
            default -> {}
        }
    }

    @Test
    @DisplayName(
            "2,000 callers who drop the connection at every point of real journeys leave no threads, sockets or database connections")
    void abruptDisconnectsInJourneys() throws Exception {
        HikariDataSource pool = database().dataSource().unwrap(HikariDataSource.class);
        UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> recorded = Transcripts.load("agi-basic.txt").get("A").block();
        dropCalls(recorded, 0, 30); // warm-up: classes loaded, pool filled
        idle(pool);
        long fdBefore = os.getOpenFileDescriptorCount();

        dropCalls(recorded, 30, 2030);

        idle(pool);
        // a leak would be thousands of sockets; the slack is for other classes' background work in this JVM
        Poll.until(
                () -> os.getOpenFileDescriptorCount() <= fdBefore + 20,
                Duration.ofSeconds(10),
                () -> "open file descriptors back to " + fdBefore + ", now " + os.getOpenFileDescriptorCount());
        assertThat(single("select count(*) from call_sessions where ended_at is null"))
                .isEqualTo("0");
        assertThat(Integer.parseInt(single("select count(*) from call_sessions where call_id like 'drop-%'")))
                .as("most dropped calls got far enough to be recorded")
                .isGreaterThan(1500);
    }

    private void idle(HikariDataSource pool) {
        Poll.until(
                () -> agi.server.activeThreads() == 0
                        && agi.server.activeConnections() == 0
                        && pool.getHikariPoolMXBean().getActiveConnections() == 0,
                Duration.ofSeconds(30),
                () -> "threads " + agi.server.activeThreads() + ", connections " + agi.server.activeConnections()
                        + ", database connections in use "
                        + pool.getHikariPoolMXBean().getActiveConnections());
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
            recordedBlock.forEach(l -> b.append(l.replace("1795393722.5", id).replace("13800138000", ani))
                    .append('\n'));
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
                    String reply = command.startsWith("STREAM FILE")
                            ? (command.endsWith("2\"") || command.contains("2*")
                                    ? "200 result=50 endpos=800"
                                    : "200 result=0 endpos=16000")
                            : command.startsWith("WAIT FOR DIGIT")
                                    ? "200 result=49"
                                    : command.startsWith("SET VARIABLE") ? "200 result=1" : "200 result=0";
                    s.getOutputStream().write((reply + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                switch (i % 3) {
                    case 0 -> {} // close
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
}
