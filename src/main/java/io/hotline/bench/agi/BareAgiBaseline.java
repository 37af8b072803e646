package io.hotline.bench.agi;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.command.AbstractAgiCommand;

/**
 * The benchmark's yardstick: a bare asterisk-java {@link DefaultAgiServer} whose script sends
 * a recorded command sequence (the one our server sent for the same journey) and ignores the
 * replies: no flow, no lookups, no writes. Connections run on virtual threads, like ours, so
 * the pool is not what is measured.
 */
public final class BareAgiBaseline implements AutoCloseable {
    private final DefaultAgiServer server;
    private final int port;
    private final Thread acceptThread;

    /** Starts the baseline on a free loopback port, replaying {@code sequencesByJourney} by script name. */
    @SuppressFBWarnings(
            value = {"UNENCRYPTED_SERVER_SOCKET", "UNENCRYPTED_SOCKET"},
            justification = "the bench baseline speaks FastAGI (plain TCP) on loopback")
    public BareAgiBaseline(Map<String, List<String>> sequencesByJourney) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server = new DefaultAgiServer(replayScript(new java.util.HashMap<>(sequencesByJourney))) {
            @Override
            protected void execute(Runnable command) {
                Thread.ofVirtual().name("bare-agi").start(command);
            }
        };
        server.setPort(port);
        server.setAddress(InetAddress.getLoopbackAddress());
        acceptThread = Thread.ofPlatform().daemon().name("bare-agi-accept").start(() -> {
            try {
                server.startup();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // startup() blocks in its accept loop; wait until the port answers
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (var s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                s.close();
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IOException("asterisk-java's DefaultAgiServer did not listen on " + port);
    }

    public int port() {
        return port;
    }

    private static AgiScript replayScript(Map<String, List<String>> sequences) {
        return new AgiScript() {
            @Override
            public void service(AgiRequest request, AgiChannel channel) throws AgiException {
                List<String> sequence = sequences.get(request.getScript());
                if (sequence == null) {
                    return;
                }
                for (String line : sequence) {
                    channel.sendCommand(new RawCommand(line));
                }
            }
        };
    }

    /** A command line sent as recorded. */
    static final class RawCommand extends AbstractAgiCommand {
        private static final long serialVersionUID = 1L;
        private final String line;

        RawCommand(String line) {
            this.line = line;
        }

        @Override
        public String buildCommand() {
            return line;
        }
    }

    @Override
    public void close() {
        server.shutdown();
        acceptThread.interrupt();
    }
}
