package io.hotline.telephony.ami;

import io.hotline.telephony.queue.LinkStatus;
import io.hotline.telephony.queue.QueueEventSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.AbstractParkedCallEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ParkedCallEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to Asterisk's manager interface: logs in, turns queue events into
 * {@link io.hotline.telephony.queue.QueueEvent}s for the sink, and after every (re)connect
 * re-reads the queues with {@code QueueStatus} (events sent while we were away are lost).
 *
 * <p>One supervising virtual thread owns the connection: it logs in, pings every
 * {@value #PING_SECONDS} s to notice a silent peer, and after a failure or a lost connection
 * waits {@link AmiConfig#backoff} (1 s, 2 s, 4 s ... 30 s) before a fresh connection. (asterisk-java's
 * own reconnect loop is stopped each time so that only this one runs.) The listener callbacks, on
 * asterisk-java's reader thread, only translate and hand over to the sink; they never block.
 *
 * <p>The secret is never logged; asterisk-java logs in with an MD5 challenge, so it does not cross
 * the wire either.
 */
public final class AmiLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);
    static final int PING_SECONDS = 20;

    private final AmiConfig config;
    private final QueueEventSink sink;
    private final Consumer<LinkStatus> statusSink;
    private final Clock clock;
    private final AmiTranslator translator;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile LinkStatus status;
    private volatile ManagerConnection current;
    private volatile Session currentSession;
    /** The parking space of each parked channel, from res_parking's ParkedCall events (Park sets no variable). */
    private final Map<String, String> parked = new ConcurrentHashMap<>();

    private Thread supervisor;

    /**
     * @param sink       receives queue events (on asterisk-java's reader thread and on the supervisor
     *                   thread for re-syncs); must not block
     * @param statusSink receives every change of the link's state; must not block
     */
    public AmiLink(AmiConfig config, QueueEventSink sink, Consumer<LinkStatus> statusSink, Clock clock) {
        this.config = Objects.requireNonNull(config);
        this.sink = Objects.requireNonNull(sink);
        this.statusSink = Objects.requireNonNull(statusSink);
        this.clock = Objects.requireNonNull(clock);
        this.translator = new AmiTranslator(clock);
        this.status = new LinkStatus("ami", LinkStatus.State.CONNECTING, "", clock.instant());
    }

    /** Starts connecting in the background; returns at once. */
    public synchronized void start() {
        if (supervisor != null) {
            throw new IllegalStateException("already started");
        }
        supervisor = Thread.ofVirtual().name("ami-link").start(this::supervise);
    }

    /**
     * Sends an action on the current connection and waits for its response (at most the configured timeout);
     * empty when the link is not connected. Blocking: call it on a thread of its own, never an event loop or a
     * listener callback.
     */
    public java.util.Optional<org.asteriskjava.manager.response.ManagerResponse> send(
            org.asteriskjava.manager.action.ManagerAction action) throws IOException, TimeoutException {
        ManagerConnection conn = current;
        if (conn == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(
                conn.sendAction(action, config.timeout().toMillis()));
    }

    /** The parking space {@code channel} is parked in, as res_parking's last ParkedCall event said. */
    public Optional<String> parkingSpace(String channel) {
        return Optional.ofNullable(parked.get(channel));
    }

    /** The link's state now. */
    public LinkStatus status() {
        return status;
    }

    private void supervise() {
        int failures = 0;
        String lastProblem = "";
        while (!isClosed()) {
            setStatus(failures == 0 ? LinkStatus.State.CONNECTING : LinkStatus.State.DISCONNECTED, lastProblem);
            ManagerConnection conn = connection();
            Session session = new Session();
            currentSession = session;
            conn.addEventListener(session);
            try {
                log.info("AMI: connecting to {}:{} as {}", config.host(), config.port(), config.user());
                conn.login("agent");
                current = conn;
                setStatus(LinkStatus.State.CONNECTED, "");
                log.info("AMI: connected to {}:{}", config.host(), config.port());
                new QueueResync(conn, sink, clock, config.timeout()).run();
                failures = 0;
                lastProblem = keepAlive(conn, session);
                if (!isClosed()) {
                    log.warn("AMI: link to {}:{} lost ({}); reconnecting", config.host(), config.port(), lastProblem);
                }
            } catch (AuthenticationFailedException e) {
                lastProblem = "authentication failed (check HOTLINE_AMI_USER / HOTLINE_AMI_SECRET)";
                log.warn("AMI: {} at {}:{}", lastProblem, config.host(), config.port());
            } catch (IOException | TimeoutException | IllegalStateException e) {
                lastProblem = describe(e);
                log.warn("AMI: cannot connect to {}:{}: {}", config.host(), config.port(), lastProblem);
            } finally {
                current = null;
                conn.removeEventListener(session);
                disconnectQuietly(conn);
            }
            if (isClosed()) {
                break;
            }
            failures++;
            Duration wait = config.backoff(failures);
            setStatus(LinkStatus.State.DISCONNECTED, lastProblem + "; retrying in " + wait.toMillis() + " ms");
            try {
                if (closed.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        setStatus(LinkStatus.State.STOPPED, "");
    }

    /** Blocks while the connection is healthy; returns why it is not any more. */
    private String keepAlive(ManagerConnection conn, Session session) {
        try {
            while (!isClosed()) {
                if (session.lost.await(PING_SECONDS, TimeUnit.SECONDS)) {
                    return "connection closed by peer";
                }
                try {
                    if (conn.sendAction(new PingAction(), config.timeout().toMillis()) instanceof ManagerError err) {
                        return "ping refused: " + err.getMessage();
                    }
                } catch (IOException | TimeoutException | IllegalStateException e) {
                    return "no answer to ping: " + describe(e);
                }
            }
            return "closed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private ManagerConnection connection() {
        ManagerConnection conn = new ManagerConnectionFactory(
                        config.host(), config.port(), config.user(), config.secret())
                .createManagerConnection();
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        conn.setSocketTimeout(timeoutMs);
        if (conn instanceof ManagerConnectionImpl impl) {
            impl.setDefaultResponseTimeout(timeoutMs);
            impl.setDefaultEventTimeout(timeoutMs);
        }
        // A failed login must not start asterisk-java's own retry loop: the supervisor retries.
        conn.setKeepAliveAfterAuthenticationFailure(false);
        return conn;
    }

    private static void disconnectQuietly(ManagerConnection conn) {
        ManagerConnectionState s = conn.getState();
        if (s == ManagerConnectionState.CONNECTED || s == ManagerConnectionState.RECONNECTING) {
            try {
                // Also ends asterisk-java's own reconnect loop, which a DisconnectEvent starts.
                conn.logoff();
            } catch (RuntimeException e) {
                log.debug("AMI: logoff failed: {}", e.toString());
            }
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private boolean isClosed() {
        return closed.getCount() == 0;
    }

    private void setStatus(LinkStatus.State state, String detail) {
        LinkStatus old = status;
        if (old.state() == state && old.detail().equals(detail)) {
            return;
        }
        LinkStatus now = new LinkStatus("ami", state, detail, clock.instant());
        status = now;
        statusSink.accept(now);
    }

    /** Stops the link: logs off and ends the supervisor. Idempotent. */
    @Override
    public void close() {
        closed.countDown();
        Session session = currentSession;
        if (session != null) {
            session.lost.countDown();
        }
        Thread t;
        synchronized (this) {
            t = supervisor;
        }
        ManagerConnection conn = current;
        if (conn != null) {
            disconnectQuietly(conn);
        }
        if (t != null) {
            try {
                if (!t.join(Duration.ofSeconds(5))) {
                    log.warn("AMI: link did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            setStatus(LinkStatus.State.STOPPED, "");
        }
    }

    /** One connection's listener: translate and publish; notice the end. Runs on the reader thread. */
    private final class Session implements ManagerEventListener {
        final CountDownLatch lost = new CountDownLatch(1);

        @Override
        public void onManagerEvent(ManagerEvent event) {
            if (event instanceof DisconnectEvent) {
                lost.countDown();
                return;
            }
            if (event instanceof ParkedCallEvent p && p.getParkeeChannel() != null && p.getParkingSpace() != null) {
                parked.put(p.getParkeeChannel(), p.getParkingSpace());
            } else if (event instanceof AbstractParkedCallEvent p && p.getParkeeChannel() != null) {
                // retrieved, gave up, timed out, swapped: no longer parked there
                parked.remove(p.getParkeeChannel());
            }
            try {
                translator.translate(event).ifPresent(sink::publish);
            } catch (RuntimeException e) {
                // One odd event must not stop the reader thread's dispatch of the next ones.
                log.warn("AMI: could not translate {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
