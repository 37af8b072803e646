package io.hotline.telephony.ami;

import io.hotline.telephony.queue.LinkLease;
import io.hotline.telephony.queue.LinkStatus;
import io.hotline.telephony.queue.QueueEventSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
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
 * <p>With several Hotline nodes on one database, the link connects only while this node holds its
 * {@link LinkLease} ({@code ami:<server>}); otherwise it stands by ({@link LinkStatus.State#STANDBY}) and
 * connects as soon as the lease comes to it. Losing the lease ends the connection at once.
 *
 * <p>The secret is never logged; asterisk-java logs in with an MD5 challenge, so it does not cross
 * the wire either.
 */
public final class AmiLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);
    static final int PING_SECONDS = 20;

    private final AmiServer server;
    private final AmiConfig config;
    private final LinkLease lease;
    private final Semaphore leaseChanged = new Semaphore(0);
    private volatile Set<String> queues = Set.of();
    private final QueueEventSink sink;
    private final Consumer<LinkStatus> statusSink;
    private final Clock clock;
    private final AmiTranslator translator;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile LinkStatus status;
    private volatile ManagerConnection current;
    private volatile Session currentSession;
    private Thread supervisor;
    private final List<Consumer<ManagerEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> connected = new CopyOnWriteArrayList<>();

    /**
     * @param sink       receives queue events (on asterisk-java's reader thread and on the supervisor
     *                   thread for re-syncs); must not block
     * @param statusSink receives every change of the link's state; must not block
     */
    public AmiLink(AmiConfig config, QueueEventSink sink, Consumer<LinkStatus> statusSink, Clock clock) {
        this(
                new AmiServer(config.host(), "ami", config),
                LinkLease.always("ami:" + config.host()),
                sink,
                statusSink,
                clock);
    }

    /**
     * @param server which Asterisk, under which name (events carry it)
     * @param lease  held while this node may connect
     */
    public AmiLink(
            AmiServer server, LinkLease lease, QueueEventSink sink, Consumer<LinkStatus> statusSink, Clock clock) {
        this.server = Objects.requireNonNull(server);
        this.config = server.config();
        this.lease = Objects.requireNonNull(lease);
        this.sink = Objects.requireNonNull(sink);
        this.statusSink = Objects.requireNonNull(statusSink);
        this.clock = Objects.requireNonNull(clock);
        this.translator = new AmiTranslator(clock, server.name());
        this.status = new LinkStatus(server.link(), LinkStatus.State.CONNECTING, "", clock.instant());
        lease.onChange(() -> {
            leaseChanged.release();
            Session s = currentSession;
            if (s != null && !lease.held()) {
                s.lost.countDown();
            }
        });
    }

    /** The server this link is to. */
    public AmiServer server() {
        return server;
    }

    /**
     * The queues the server had at the last {@code QueueStatus} (empty before the first, or when it answered
     * none): agents are added only to those of their queues that this server has.
     */
    public Set<String> queues() {
        return queues;
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

    /**
     * As {@link #send}, for an action answered by a list of events (Status, QueueStatus); empty when the link is
     * not connected. Blocking, as {@link #send}.
     */
    public java.util.Optional<ResponseEvents> sendEvents(EventGeneratingAction action)
            throws IOException, TimeoutException {
        ManagerConnection conn = current;
        if (conn == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(
                conn.sendEventGeneratingAction(action, config.timeout().toMillis()));
    }

    /**
     * Every event of the server, as asterisk-java built it, on its reader thread: {@code listener} must not block
     * (hand the work elsewhere).
     */
    public void onEvent(Consumer<ManagerEvent> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Told after every (re)connect, once the queues were re-read, on the link's supervisor thread: {@code listener}
     * must return quickly (hand the work elsewhere). Events sent while the link was down are lost.
     */
    public void onConnected(Runnable listener) {
        connected.add(Objects.requireNonNull(listener));
    }

    /** The link's state now. */
    public LinkStatus status() {
        return status;
    }

    private void supervise() {
        int failures = 0;
        String lastProblem = "";
        while (!isClosed()) {
            if (!awaitLease()) {
                break;
            }
            setStatus(failures == 0 ? LinkStatus.State.CONNECTING : LinkStatus.State.DISCONNECTED, lastProblem);
            ManagerConnection conn = connection();
            Session session = new Session();
            currentSession = session;
            conn.addEventListener(session);
            try {
                log.info("AMI: connecting to {}:{} as {}", config.host(), config.port(), config.user());
                // agent: app_queue's events; call: OriginateResponse, Hangup, Status; user: UserEvent (callbacks)
                conn.login("agent,call,user");
                current = conn;
                log.info("AMI: connected to {} ({}:{})", server.name(), config.host(), config.port());
                // the board and the agents' memberships follow from this server's queues: read them first
                new QueueResync(conn, sink, clock, config.timeout(), server.name())
                        .run()
                        .ifPresent(q -> queues = q);
                setStatus(LinkStatus.State.CONNECTED, "");
                connected.forEach(Runnable::run);
                failures = 0;
                lastProblem = keepAlive(conn, session);
                if (!lease.held() && !isClosed()) {
                    log.info(
                            "AMI: link to {} given up: this node no longer holds lease {}",
                            server.name(),
                            lease.name());
                    lastProblem = "";
                    failures = -1;
                } else if (!isClosed()) {
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
            if (failures == 0) {
                continue; // the lease went elsewhere: stand by at once, no back-off
            }
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

    /** Waits (standing by) until this node holds the lease; false when closed meanwhile. */
    private boolean awaitLease() {
        while (!isClosed() && !lease.held()) {
            String holder = lease.holder();
            setStatus(
                    LinkStatus.State.STANDBY,
                    holder.isEmpty() ? "another node holds " + lease.name() : "node " + holder + " holds the link");
            try {
                boolean news = leaseChanged.tryAcquire(1, TimeUnit.SECONDS);
                log.trace("AMI: lease {} {}", lease.name(), news ? "changed" : "unchanged for a second");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !isClosed();
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
        conn.registerUserEventClass(HotlineCallbackEvent.class);
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
        LinkStatus now = new LinkStatus(server.link(), state, detail, clock.instant());
        status = now;
        statusSink.accept(now);
    }

    /** Stops the link: logs off and ends the supervisor. Idempotent. */
    @Override
    public void close() {
        closed.countDown();
        leaseChanged.release();
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
            try {
                translator.translate(event).ifPresent(sink::publish);
                listeners.forEach(l -> l.accept(event));
            } catch (RuntimeException e) {
                // One odd event must not stop the reader thread's dispatch of the next ones.
                log.warn("AMI: could not translate {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
