package io.hotline.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import io.hotline.call.PromptPart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Abrupt disconnects")
class AgiDisconnectStormIT {
    private static final int KINDS = 7;
    private AgiServer server;
    private Recorder recorder;
    private byte[] block;

    @BeforeEach
    void start() throws IOException {
        recorder = new Recorder((call, out) -> {
            out.add(call.play(List.of(new PromptPart.Recorded("welcome", "Welcome")), "en", "1"));
            out.add(call.waitForKey(Duration.ofSeconds(10)));
            call.setVariables(Map.of("HOTLINE_X", "1"));
        });
        server = new AgiServer(AgiConfig.loopback(), recorder).start();
        StringBuilder b = new StringBuilder();
        Transcripts.load("agi-basic.txt")
                .get("A")
                .block()
                .forEach(l -> b.append(l).append('\n'));
        block = b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("2,000 abrupt disconnects in a row leave no threads, connections or file descriptors behind")
    void storm() throws Exception {
        UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 5 * KINDS; i++) {
            disconnect(i % KINDS);
        }
        idle();
        long fdBefore = os.getOpenFileDescriptorCount();

        for (int i = 0; i < 2000; i++) {
            disconnect(i % KINDS);
        }

        idle();
        // a leak here would be thousands of sockets; the slack is for other test classes' background
        // work in this JVM (pools closing, a lazily opened jar), which may open a few files meanwhile
        Poll.until(
                () -> os.getOpenFileDescriptorCount() <= fdBefore + 20,
                Duration.ofSeconds(10),
                () -> "open file descriptors back to " + fdBefore + ", now " + os.getOpenFileDescriptorCount());
        assertThat(Thread.getAllStackTraces().keySet())
                .as("no platform thread of the FastAGI server")
                .noneMatch(t -> t.getName().startsWith("hotline-agi"));
        assertThat(server.acceptedConnections()).isEqualTo(2000 + 5 * KINDS);
        // every call that reached the handler left it
        assertThat(recorder.running.get()).isZero();
    }

    private void idle() {
        Poll.until(
                () -> server.activeThreads() == 0 && server.activeConnections() == 0 && recorder.running.get() == 0,
                Duration.ofSeconds(20),
                () -> "server idle: threads " + server.activeThreads() + ", connections " + server.activeConnections()
                        + ", handlers " + recorder.running.get());
    }

    /** One caller that goes away abruptly, in one of {@value #KINDS} ways. */
    private void disconnect(int kind) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            s.setSoTimeout(10_000);
            switch (kind) {
                case 0 -> {} // connect and close at once (a port probe)
                case 1 -> out.write(block, 0, block.length / 2); // close in the middle of the agi_ block
                case 2 -> { // reset in the middle of the agi_ block
                    out.write(block, 0, block.length / 3);
                    s.setSoLinger(true, 0);
                }
                case 3 -> { // close when the first command arrives, without answering
                    out.write(block);
                    line(in);
                }
                case 4 -> { // reset when the first command arrives
                    out.write(block);
                    line(in);
                    s.setSoLinger(true, 0);
                }
                case 5 -> { // answer ANSWER, then half-close while the prompt would play
                    out.write(block);
                    line(in);
                    out.write("200 result=0\n".getBytes(StandardCharsets.US_ASCII));
                    line(in);
                    s.shutdownOutput();
                    while (line(in) != null) {
                        // the server closes its side too
                    }
                }
                case 6 -> { // reset during WAIT FOR DIGIT
                    out.write(block);
                    line(in);
                    out.write("200 result=0\n".getBytes(StandardCharsets.US_ASCII));
                    line(in);
                    out.write("200 result=0 endpos=16000\n".getBytes(StandardCharsets.US_ASCII));
                    line(in);
                    s.setSoLinger(true, 0);
                }
                default -> throw new IllegalArgumentException("kind " + kind);
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
