package io.hotline.cluster;

import io.hotline.config.Backoff;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes several server nodes on one PostgreSQL behave as one, with PostgreSQL's own LISTEN/NOTIFY: what a
 * node's console publishes on the local event-bus address {@link #OUT} ({@code {"kind": ..., "body":
 * {...}}}) is sent to every other node, where it is published on the local address {@code IN_PREFIX + kind}
 * for that node's console. So a screen pop built on the node that has the AMI connection reaches the
 * agent's WebSocket on whichever node their browser is connected to, and every node's queue board sees
 * every queue event.
 *
 * <p>Delivery is what NOTIFY gives: to the nodes listening at that moment, in commit order, at most once;
 * a node that was not listening catches up from the database (pops are stored with their ticket and
 * re-sent when a browser connects). Payloads over {@value #MAX_INLINE} bytes go through the
 * {@code cluster_messages} table, the NOTIFY carrying the row id.
 *
 * <p>Threads: one virtual thread holds a dedicated pooled connection and waits for notifications
 * ({@code PGConnection#getNotifications(timeout)}), reconnecting with back-off when the database goes
 * away; one virtual thread sends, in order. Neither ever runs on a Vert.x event loop.
 */
public final class ClusterLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterLink.class);
    /** Event-bus address (local) the console publishes outgoing messages on. */
    public static final String OUT = "hotline.cluster.out";
    /** Prefix of the event-bus addresses (local) incoming messages are published on, by kind. */
    public static final String IN_PREFIX = "hotline.cluster.in.";

    static final String CHANNEL = "hotline_cluster";
    static final int MAX_INLINE = 7_000;
    private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);
    /** How long to wait before listening again after the LISTEN connection broke. */
    private static final Backoff RELISTEN = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));

    private final Vertx vertx;
    private final DataSource ds;
    private final String origin;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("hotline-cluster-send").factory());
    private final Thread listener;
    private volatile boolean running = true;
    private volatile boolean listening;
    private final java.util.concurrent.CountDownLatch firstListen = new java.util.concurrent.CountDownLatch(1);

    private ClusterLink(Vertx vertx, DataSource ds, String node) {
        this.vertx = vertx;
        this.ds = ds;
        this.origin = node + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.listener = Thread.ofVirtual().name("hotline-cluster-listen").unstarted(this::listen);
    }

    /**
     * Starts listening (returns once LISTEN is in place, or after five seconds if the database is not
     * reachable yet: it keeps trying) and forwarding what is published on {@link #OUT}.
     */
    public static ClusterLink start(Vertx vertx, DataSource ds, String node) {
        var link = new ClusterLink(Objects.requireNonNull(vertx), Objects.requireNonNull(ds), node);
        link.listener.start();
        vertx.eventBus().<JsonObject>localConsumer(OUT, m -> link.send(m.body()));
        try {
            link.firstListen.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return link;
    }

    /** True while LISTEN is in place. */
    public boolean listening() {
        return listening;
    }

    /** This process's name in the cluster (node id and a random suffix). */
    public String origin() {
        return origin;
    }

    private void send(JsonObject message) {
        String kind = message.getString("kind");
        JsonObject body = message.getJsonObject("body");
        if (kind == null || body == null) {
            return;
        }
        String payload =
                new JsonObject().put("o", origin).put("k", kind).put("b", body).encode();
        if (!running) {
            log.debug("cluster message ({}) dropped: the link is closed", kind);
            return;
        }
        try {
            sendNow(kind, payload);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // published while this node closes
            log.debug("cluster message ({}) dropped: the link is closed", kind);
        }
    }

    private void sendNow(String kind, String payload) {
        sender.execute(() -> {
            try (Connection c = ds.getConnection()) {
                String notice = payload;
                if (payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_INLINE) {
                    notice = new JsonObject()
                            .put("o", origin)
                            .put("k", kind)
                            .put("ref", store(c, payload))
                            .encode();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    ps.setString(1, CHANNEL);
                    ps.setString(2, notice);
                    ps.execute();
                }
            } catch (SQLException e) {
                log.warn("cluster message ({}) not sent: {}", kind, e.getMessage());
            }
        });
    }

    private static long store(Connection c, String payload) throws SQLException {
        try (PreparedStatement del =
                c.prepareStatement("DELETE FROM cluster_messages WHERE created_at < now() - interval '5 minutes'")) {
            del.executeUpdate();
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO cluster_messages (payload) VALUES (?) RETURNING id")) {
            ps.setString(1, payload);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void listen() {
        int failures = 0;
        while (running) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                firstListen.countDown();
                failures = 0;
                while (running) {
                    PGNotification[] notes = pg.getNotifications(500);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            receive(c, n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    failures++;
                    log.warn(
                            "cluster link lost ({}); listening again in {} ms",
                            e.getMessage(),
                            RELISTEN.after(failures).toMillis());
                }
            } finally {
                listening = false;
            }
            if (running) {
                try {
                    Thread.sleep(RELISTEN.after(failures));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void receive(Connection c, String payload) throws SQLException {
        JsonObject m;
        try {
            m = new JsonObject(payload);
        } catch (DecodeException e) {
            log.warn("unreadable cluster message ignored");
            return;
        }
        if (origin.equals(m.getString("o"))) {
            return;
        }
        if (m.containsKey("ref")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM cluster_messages WHERE id = ?")) {
                ps.setLong(1, m.getLong("ref"));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        log.warn("cluster message {} expired before it was read", m.getLong("ref"));
                        return;
                    }
                    m = new JsonObject(rs.getString(1));
                }
            }
        }
        String kind = m.getString("k");
        JsonObject body = m.getJsonObject("b");
        if (kind != null && body != null) {
            vertx.eventBus().publish(IN_PREFIX + kind, body, LOCAL);
        }
    }

    @Override
    public void close() {
        running = false;
        sender.shutdown();
        // no interrupt: pgjdbc would drop the connection mid-read; the listener notices within 500 ms
        try {
            listener.join(Duration.ofSeconds(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
