package io.hotline.telephony.agi;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.call.CallHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI listener: accepts Asterisk's connections and runs each call on its own
 * virtual thread through the {@link CallHandler}. Nothing caps the number of concurrent
 * calls but memory: there is no thread pool.
 *
 * <p>Peers not in {@link AgiConfig#allow()} are logged and closed before a byte is read.
 *
 * <p>Threading: {@link #start()} and {@link #close()} may be called from any thread; the
 * counters are safe to read at any time.
 */
public final class AgiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgiServer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final AgiConfig config;
    private final CallHandler handler;
    private final Set<AgiSession> sessions = ConcurrentHashMap.newKeySet();
    /** Guards {@link #liveThreads}; stop() waits on it for the call threads to finish. */
    private final Object threadsLock = new Object();

    private int liveThreads;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile ServerSocket listener;
    private Thread acceptThread;
    private Thread watchdog;
    private volatile boolean stopping;

    public AgiServer(AgiConfig config, CallHandler handler) {
        this.config = Objects.requireNonNull(config);
        this.handler = Objects.requireNonNull(handler);
    }

    /** Binds the port and starts accepting. Returns this server. */
    @SuppressFBWarnings(
            value = "UNENCRYPTED_SERVER_SOCKET",
            justification = "FastAGI is plain TCP (Asterisk has no TLS for it); bind and allow-list limit who connects")
    public synchronized AgiServer start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            // Asterisk opens one connection per call: a burst of calls is a burst of connects
            s.bind(new InetSocketAddress(config.bind(), config.port()), 1024);
        } catch (IOException e) {
            s.close();
            throw new IOException(
                    "cannot listen for FastAGI on " + config.bind().getHostAddress() + ":" + config.port()
                            + " (HOTLINE_AGI_BIND / HOTLINE_AGI_PORT): " + e.getMessage(),
                    e);
        }
        listener = s;
        acceptThread = Thread.ofVirtual().name("hotline-agi-accept").start(this::acceptLoop);
        watchdog = Thread.ofVirtual().name("hotline-agi-watchdog").start(this::watchReplies);
        log.info(
                "FastAGI listening on {}:{}{}",
                config.bind().getHostAddress(),
                port(),
                config.allow().isEmpty() ? "" : " for " + config.allow());
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return listener.getLocalPort();
    }

    /** Connections open right now (calls, and peers still sending their {@code agi_} block). */
    public int activeConnections() {
        return sessions.size();
    }

    /** Connection threads alive right now. */
    public int activeThreads() {
        synchronized (threadsLock) {
            return liveThreads;
        }
    }

    /** Connections accepted since start (refused ones not included). */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Connections refused by the allow-list since start. */
    public long refusedConnections() {
        return refused.get();
    }

    /**
     * Stops accepting, closes every open connection (their calls end as if the caller hung
     * up) and waits a few seconds for the call threads to finish.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (listener == null || stopping) {
                return;
            }
            stopping = true;
            try {
                listener.close();
            } catch (IOException e) {
                log.debug("closing the FastAGI listener: {}", e.getMessage());
            }
        }
        watchdog.interrupt();
        sessions.forEach(s -> s.link().stopForServer());
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            acceptThread.join(STOP_WAIT);
            synchronized (threadsLock) {
                while (liveThreads > 0) {
                    long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (leftMillis <= 0) {
                        break;
                    }
                    threadsLock.wait(leftMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("FastAGI stopped ({} call threads still finishing)", activeThreads());
    }

    /**
     * How often the watchdog looks for overdue replies: a tenth of the reply timeout, between 5 ms and
     * one second, so a link that stops answering is given up between one and 1.1 reply timeouts.
     */
    static Duration watchPeriod(Duration replyTimeout) {
        Duration tenth = replyTimeout.dividedBy(10);
        return tenth.compareTo(Duration.ofMillis(5)) < 0
                ? Duration.ofMillis(5)
                : tenth.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : tenth;
    }

    /** Gives up calls whose Asterisk stopped answering (see {@link AgiLink#watchedByServer()}). */
    private void watchReplies() {
        Duration period = watchPeriod(config.replyTimeout());
        while (!stopping) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (AgiSession s : sessions) {
                s.link().abortIfOverdue(now);
            }
        }
    }

    private void acceptLoop() {
        long seq = 0;
        while (!stopping) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                if (!stopping) {
                    log.error("FastAGI listener failed: {}", e.getMessage());
                }
                return;
            } catch (IOException e) {
                // e.g. too many open files: keep serving the calls we have, try again
                log.warn("FastAGI accept failed: {}", e.getMessage());
                continue;
            }
            if (!config.allows(socket.getInetAddress())) {
                refused.incrementAndGet();
                log.warn(
                        "refused FastAGI connection from {}: not in HOTLINE_AGI_ALLOW",
                        socket.getInetAddress().getHostAddress());
                closeQuietly(socket);
                continue;
            }
            accepted.incrementAndGet();
            String id = "agi-" + ++seq;
            startSession(socket, id);
        }
    }

    private void startSession(Socket socket, String id) {
        AgiSession session;
        try {
            socket.setTcpNoDelay(true);
            session = new AgiSession(socket, config, handler, id);
        } catch (IOException e) {
            log.debug("FastAGI connection {} broke at once: {}", id, e.getMessage());
            closeQuietly(socket);
            return;
        }
        session.link().watchedByServer();
        sessions.add(session);
        synchronized (threadsLock) {
            liveThreads++;
        }
        try {
            Thread.ofVirtual().name("hotline-agi-" + id).start(() -> {
                try {
                    session.run();
                } finally {
                    sessions.remove(session);
                    threadEnded();
                }
            });
        } catch (RuntimeException e) {
            sessions.remove(session);
            threadEnded();
            session.link().abort();
            log.error("cannot start a thread for FastAGI connection {}: {}", id, e.toString());
        }
        if (stopping) {
            session.link().abort();
        }
    }

    private void threadEnded() {
        synchronized (threadsLock) {
            liveThreads--;
            threadsLock.notifyAll();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing useful to do about a socket that fails to close
        }
    }
}
