package io.hotline.telephony.agi;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.call.CallEnded;
import io.hotline.call.TelephonyException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One FastAGI connection's line protocol: lines end in a bare {@code \n} (a {@code \r}
 * before it is tolerated), one command at a time, each answered by one reply.
 *
 * <p>The link takes the asynchronous {@code HANGUP} line out of the reply stream wherever
 * it arrives (while idle, between a command and its reply, right after a {@code -1}) and
 * remembers it: {@link #hangupSeen()}. It never treats {@code HANGUP} as a reply.
 *
 * <p>Failures: the peer closing or resetting the socket is the caller going away
 * ({@link CallEnded}); a line that is neither a reply nor {@code HANGUP}, or a line longer
 * than {@value #MAX_LINE} bytes, is an {@link AgiProtocolException}; no reply within the
 * reply timeout is a {@link TelephonyException}.
 *
 * <p>Threading: used by the call's own thread only; {@link #abort()} may be called from
 * any thread to unblock it.
 */
@SuppressFBWarnings(
        value = {"AT_STALE_THREAD_WRITE_OF_PRIMITIVE", "AT_NONATOMIC_64BIT_PRIMITIVE"},
        justification = "the plain fields belong to the call's own thread; what the server reads is volatile")
final class AgiLink implements AutoCloseable {
    static final int MAX_LINE = 8192;
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final Socket socket;
    private final InputStream in;
    /** Read-ahead from {@link #in}: lines are cut out of it here, not read a byte per call. */
    private final byte[] buf = new byte[4096];

    private int pos;
    private int lim;
    private final OutputStream out;
    private final int replyTimeoutMillis;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream(128);
    private boolean hangupSeen;
    private boolean eof;
    private volatile boolean closed;
    /** Set when the server stops: the socket is closed under the call, which goes back to the dialplan. */
    private volatile boolean serverStopped;

    private final long replyTimeoutNanos;
    /** Replies are timed by the server's watchdog ({@link #abortIfOverdue}), not by a socket timeout. */
    private volatile boolean watched;
    /** {@link System#nanoTime()} when the wait for the current reply began; 0 while no reply is awaited. */
    private volatile long waitingSince;

    private volatile boolean overdue;
    /** {@link System#nanoTime()} by which the {@code agi_} block must be complete; 0 outside it. */
    private long blockDeadline;

    AgiLink(Socket socket, Duration replyTimeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1024);
        this.replyTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, replyTimeout.toMillis());
        this.replyTimeoutNanos = replyTimeout.toNanos();
    }

    /**
     * From now on a reply is awaited without a socket timeout, and the server's watchdog calls
     * {@link #abortIfOverdue} instead. A timed read on a virtual thread schedules a timer and
     * cancels it again, waking the scheduler's thread twice on every turn of every call; one
     * watchdog looking at all the calls a few times a second costs nothing per turn.
     */
    void watchedByServer() {
        watched = true;
    }

    /**
     * For the watchdog: when the reply awaited since before {@code now} (a {@link System#nanoTime()})
     * is later than the reply timeout, closes the link, and the waiting call gets the same
     * {@link TelephonyException} a socket timeout would have given it. Returns whether it did.
     */
    boolean abortIfOverdue(long now) {
        long since = waitingSince;
        if (since == 0 || now - since <= replyTimeoutNanos) {
            return false;
        }
        overdue = true;
        abort();
        return true;
    }

    private void startWaiting() throws IOException {
        socket.setSoTimeout(watched ? 0 : replyTimeoutMillis);
        long now = System.nanoTime();
        waitingSince = now == 0 ? 1 : now;
    }

    /**
     * Reads the {@code agi_} block up to its empty line. Empty when the peer closed the
     * connection before finishing it (a port probe, an aborted call).
     */
    Optional<List<String>> readRequestBlock(Duration timeout) {
        List<String> lines = new ArrayList<>();
        // The timeout bounds the whole block, not each read: a peer dripping a byte every few seconds
        // would otherwise hold its connection (and its thread) for as long as it likes.
        long now = System.nanoTime();
        blockDeadline = now + timeout.toNanos() == 0 ? 1 : now + timeout.toNanos();
        try {
            while (true) {
                String line = readLine();
                if (line == null) {
                    return Optional.empty();
                }
                if (line.isEmpty()) {
                    return Optional.of(lines);
                }
                if (lines.size() >= AgiRequest.MAX_LINES) {
                    throw new AgiProtocolException("agi_ block longer than " + AgiRequest.MAX_LINES + " lines");
                }
                lines.add(line);
            }
        } catch (SocketTimeoutException e) {
            throw new AgiProtocolException("no complete agi_ block within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Optional.empty();
        } finally {
            blockDeadline = 0;
        }
    }

    /**
     * Sends one command and returns its reply, skipping (and remembering) {@code HANGUP}
     * lines that arrive before it.
     */
    AgiReply send(AgiCommand command) {
        try {
            startWaiting();
            out.write((command.line() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String line = readLine();
                if (line == null) {
                    throw gone("Asterisk closed the AGI connection");
                }
                if (isHangup(line)) {
                    hangupSeen = true;
                    continue;
                }
                AgiReply reply = AgiReply.parse(line)
                        .orElseThrow(() -> new AgiProtocolException(
                                "not an AGI reply to " + verb(command) + ": " + AgiRequest.printable(line)));
                return reply.status() == AgiReply.USAGE ? readUsage(line) : reply;
            }
        } catch (SocketTimeoutException e) {
            throw noReply(command);
        } catch (IOException e) {
            if (overdue) { // the watchdog closed the link
                throw noReply(command);
            }
            // reset, broken pipe, or our own abort(): the other side is gone
            throw gone("AGI connection lost: " + e.getMessage());
        } finally {
            waitingSince = 0;
        }
    }

    /**
     * Reads lines that are already waiting without blocking for more; used between
     * commands, when only a {@code HANGUP} line may legitimately be there.
     */
    void pollIdle() {
        try {
            while (!eof && (pos < lim || in.available() > 0)) {
                startWaiting(); // the rest of a line that has begun to arrive
                String line = readLine();
                if (line == null) {
                    return;
                }
                if (!isHangup(line)) {
                    throw new AgiProtocolException(
                            "unexpected line while no command runs: " + AgiRequest.printable(line));
                }
                hangupSeen = true;
            }
        } catch (IOException e) {
            throw gone("AGI connection lost: " + e.getMessage());
        } finally {
            waitingSince = 0;
        }
    }

    /**
     * Waits up to {@code grace} for a {@code HANGUP} line (or the end of the stream).
     * Returns whether the caller is gone.
     */
    boolean awaitHangup(Duration grace) {
        if (hangupSeen || eof) {
            return true;
        }
        try {
            socket.setSoTimeout((int) Math.max(1, grace.toMillis()));
            String line = readLine();
            if (line == null || isHangup(line)) {
                hangupSeen = true;
                return true;
            }
            throw new AgiProtocolException("unexpected line while no command runs: " + AgiRequest.printable(line));
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            hangupSeen = true;
            return true;
        }
    }

    boolean hangupSeen() {
        return hangupSeen;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Ends the AGI session the polite way: half-close our side (Asterisk then continues
     * the dialplan if the channel is up), let Asterisk say its last {@code HANGUP} and close,
     * then close the socket.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (!eof && !socket.isClosed()) {
                socket.shutdownOutput();
                socket.setSoTimeout((int) DRAIN.toMillis());
                long deadline = System.nanoTime() + DRAIN.toNanos();
                byte[] sink = new byte[512];
                while (System.nanoTime() < deadline && in.read(sink) >= 0) {
                    // what Asterisk says now ("HANGUP") changes nothing
                }
            }
        } catch (IOException e) {
            // the peer is already gone: nothing left to drain
        } finally {
            abort();
        }
    }

    /**
     * The server is stopping: closes the connection under the call. Asterisk's AGI() returns and the
     * shipped dialplan takes the caller to the fallback queue; the call's next operation fails with a
     * {@link TelephonyException} saying so (not a {@link CallEnded}: the caller did not hang up).
     */
    void stopForServer() {
        serverStopped = true;
        abort();
    }

    private RuntimeException gone(String why) {
        return serverStopped
                ? new TelephonyException("Hotline stopped; the call went back to the dialplan")
                : new CallEnded(why);
    }

    /** Closes the socket at once; a thread blocked on it gets {@link CallEnded}. */
    void abort() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that is already broken: nothing to do
        }
    }

    private AgiReply readUsage(String first) throws IOException {
        List<String> lines = new ArrayList<>(List.of(first));
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new CallEnded("Asterisk closed the AGI connection");
            }
            lines.add(line);
            if (line.startsWith("520 ") || lines.size() > 100) {
                return AgiReply.usage(lines);
            }
        }
    }

    /** One line without its end, or null at the end of the stream. Keeps a partial line across timeouts. */
    private String readLine() throws IOException {
        while (true) {
            if (pos >= lim) {
                if (blockDeadline != 0) {
                    long left = blockDeadline - System.nanoTime();
                    if (left <= 0) {
                        throw new SocketTimeoutException("request block deadline passed");
                    }
                    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                }
                int n = in.read(buf, 0, buf.length); // a timeout leaves pos, lim and the partial line as they were
                if (n < 0) {
                    eof = true;
                    return null;
                }
                pos = 0;
                lim = n;
                continue;
            }
            int start = pos;
            int nl = start;
            while (nl < lim && buf[nl] != '\n') {
                nl++;
            }
            if (partial.size() + (nl - start) > MAX_LINE) {
                throw new AgiProtocolException("line longer than " + MAX_LINE + " bytes");
            }
            if (nl == lim) {
                partial.write(buf, start, nl - start);
                pos = lim;
                continue;
            }
            pos = nl + 1;
            if (partial.size() == 0) {
                int len = nl > start && buf[nl - 1] == '\r' ? nl - start - 1 : nl - start;
                return new String(buf, start, len, StandardCharsets.UTF_8);
            }
            partial.write(buf, start, nl - start);
            byte[] bytes = partial.toByteArray();
            partial.reset();
            int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return new String(bytes, 0, len, StandardCharsets.UTF_8);
        }
    }

    private static boolean isHangup(String line) {
        return line.equals("HANGUP");
    }

    /** The reply timed out, by the socket's timeout or the server's watchdog. */
    private TelephonyException noReply(AgiCommand command) {
        return new TelephonyException("no reply to " + verb(command) + " within " + replyTimeoutMillis + " ms");
    }

    /** The command's name without its arguments, which may hold numbers we must not log. */
    private static String verb(AgiCommand command) {
        return command.getClass().getSimpleName();
    }
}
