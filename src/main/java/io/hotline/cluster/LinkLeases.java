package io.hotline.cluster;

import io.hotline.config.Backoff;
import io.hotline.telephony.queue.LinkLease;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases on links to the PBXs for the nodes sharing one PostgreSQL: each lease is a session-level advisory lock
 * ({@code pg_try_advisory_lock(class, key)}, the key a CRC-32 of the lease's name) held on one dedicated connection
 * per node. PostgreSQL lets go of a session's advisory locks the moment the session ends, so when a node's process
 * dies (its socket closes) the lock is free at once, and the next node that asks gets it.
 *
 * <p>One virtual thread, the keeper, owns the connection. Every {@code interval} it asks for each lease it does not
 * hold, and checks the connection of those it does (a query, with the connection's network timeout at twice the
 * interval, at least 2 s). A lease counts as {@linkplain LinkLease#held() held} only {@code 2 x interval} after the
 * lock was granted: a holder whose connection broke notices it within one interval and drops its link, so the two
 * never talk to the same Asterisk at once. When the connection fails every lease of this node is lost at once (its
 * links stand by) and the keeper connects again with back-off.
 *
 * <p>Takeover after a holder dies: at most one interval until the next try, the grace of two intervals, then the
 * link's own connect (measured in BENCHMARKS.md).
 */
public final class LinkLeases implements LinkLease.Source, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkLeases.class);
    /** The advisory lock's first key: 'HL' (other users of advisory locks in this database pick other classes). */
    static final int LOCK_CLASS = 0x484C;

    private final DataSource ds;
    private final String node;
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(10);
    private final Duration interval;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Guarded by {@link #lock}: a new lease or the close came during a pause. */
    private boolean woken;

    private final Thread keeper;
    private volatile boolean running = true;
    private volatile boolean connected;

    private LinkLeases(DataSource ds, String node, Duration interval) {
        this.ds = ds;
        this.node = node;
        this.interval = interval;
        this.keeper = Thread.ofVirtual().name("hotline-leases").unstarted(this::keep);
    }

    /**
     * Starts the keeper for this node ({@code HOTLINE_NODE_ID}).
     *
     * @param interval how often leases are asked for and checked ({@code HOTLINE_LEASE_INTERVAL})
     */
    public static LinkLeases start(DataSource ds, String node, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        var leases = new LinkLeases(Objects.requireNonNull(ds), Objects.requireNonNull(node), interval);
        leases.keeper.start();
        return leases;
    }

    @Override
    public LinkLease lease(String name) {
        Lease l = leases.computeIfAbsent(name, Lease::new);
        signal();
        return l;
    }

    /** True while the keeper's connection works. */
    public boolean connected() {
        return connected;
    }

    static int key(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private void keep() {
        // doubling from one interval up to 10 s (or the interval, if that is longer)
        var reconnect = new Backoff(interval, interval.compareTo(RECONNECT_MAX) > 0 ? interval : RECONNECT_MAX);
        int failures = 0;
        while (running) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(true);
                int networkMs = (int) Math.max(2_000, 2 * interval.toMillis());
                c.setNetworkTimeout(Runnable::run, networkMs);
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
                    ps.setString(1, "hotline-leases:" + node);
                    ps.execute();
                }
                connected = true;
                failures = 0;
                try {
                    while (running) {
                        round(c);
                        pause(interval.toMillis());
                    }
                    for (Lease l : leases.values()) {
                        unlock(c, l);
                    }
                } finally {
                    try (PreparedStatement ps =
                            c.prepareStatement("SELECT set_config('application_name', '', false)")) {
                        ps.execute();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("link leases: database connection lost ({}); this node's links stand by", e.getMessage());
                }
            } finally {
                connected = false;
                leases.values().forEach(Lease::lost);
            }
            if (running) {
                failures++;
                pause(reconnect.after(failures).toMillis());
            }
        }
    }

    /** One round: ask for what we lack, keep what we have, give back what was released. */
    private void round(Connection c) throws SQLException {
        boolean checked = false;
        long now = System.nanoTime();
        for (Lease l : List.copyOf(leases.values())) {
            if (l.released) {
                unlock(c, l);
                leases.remove(l.name, l);
                continue;
            }
            if (!l.locked) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                    ps.setInt(1, LOCK_CLASS);
                    ps.setInt(2, key(l.name));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            l.locked = true;
                            l.lockedAt = now;
                            l.holder = node;
                            log.info("link lease {}: granted to node {}; taking it up in {} ms", l.name, node, grace());
                        } else {
                            l.holder = holderInDatabase(c, l.name);
                        }
                    }
                }
                checked = true;
            }
            if (l.locked && !l.held && now - l.lockedAt >= grace() * 1_000_000L) {
                l.set(true);
            }
        }
        if (!checked) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
                ps.execute();
            }
        }
    }

    private static String holderInDatabase(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                  AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.database = (
                      SELECT oid FROM pg_database WHERE datname = current_database())""")) {
            ps.setLong(1, LOCK_CLASS & 0xFFFF_FFFFL);
            ps.setLong(2, key(name) & 0xFFFF_FFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "";
                }
                String app = rs.getString(1);
                return app != null && app.startsWith("hotline-leases:")
                        ? app.substring("hotline-leases:".length())
                        : "";
            }
        }
    }

    private static void unlock(Connection c, Lease l) throws SQLException {
        if (!l.locked) {
            return;
        }
        l.set(false);
        l.locked = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, key(l.name));
            ps.execute();
        }
        log.info("link lease {}: given up", l.name);
    }

    private long grace() {
        return 2 * interval.toMillis();
    }

    private void pause(long millis) {
        lock.lock();
        try {
            long left = millis * 1_000_000L;
            while (running && !woken && left > 0) {
                left = wake.awaitNanos(left);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Gives every lease up (the links stop first, as {@code serve} closes in reverse order) and stops. */
    @Override
    public void close() {
        running = false;
        signal();
        try {
            if (!keeper.join(Duration.ofSeconds(5))) {
                log.warn("link leases: keeper did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Lease implements LinkLease {
        final String name;
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();
        // written by the keeper only
        boolean locked;
        long lockedAt;
        volatile String holder = "";
        volatile boolean held;
        volatile boolean released;

        Lease(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean held() {
            return held;
        }

        @Override
        public void onChange(Runnable listener) {
            listeners.add(listener);
        }

        @Override
        public String holder() {
            return holder;
        }

        @Override
        public void release() {
            released = true;
            signal();
        }

        void lost() {
            locked = false;
            holder = "";
            set(false);
        }

        void set(boolean now) {
            if (held == now) {
                return;
            }
            held = now;
            if (now) {
                log.info("link lease {}: held by node {}", name, node);
            } else {
                log.info("link lease {}: no longer held by node {}", name, node);
            }
            for (Runnable r : listeners) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.warn("link lease {}: listener failed: {}", name, e.toString());
                }
            }
        }

        @Override
        public String toString() {
            return "lease " + name + (held ? " (held)" : "");
        }
    }
}
