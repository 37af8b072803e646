package io.hotline.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit log ({@code audit_log}): who did what to which subject, from which call.
 * Rows form a hash chain: {@code hash = sha256(prev_hash + "\n" + canonical row)}, where the canonical
 * row is a JSON array of id, time, actor, action, subject, detail (as PostgreSQL normalises jsonb) and
 * call id. {@link #verifyChain()} recomputes it, so an edited or deleted row shows.
 *
 * <p>Appends are serialised by a transaction-scoped advisory lock so the chain has no forks; take it
 * last in a transaction (after row locks) to avoid lock-order deadlocks. Never put PINs, codes or full
 * phone numbers in {@code detailJson}.
 *
 * <p>Threading: blocking; thread-safe.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    /** Advisory lock key for the chain ("AUDIT" in ASCII). */
    private static final long CHAIN_LOCK = 0x4155444954L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Clock clock;

    public AuditLog(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public AuditLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Appends one row in its own transaction. */
    public void append(String actor, String action, String subject, String detailJson, String callId) {
        Tx.inTransaction(dataSource, c -> {
            append(c, actor, action, subject, detailJson, callId);
            return null;
        });
    }

    /**
     * Appends one row inside the caller's transaction on {@code c} (so it commits or rolls back with
     * the change it records).
     *
     * @param detailJson a JSON object or null
     */
    public void append(Connection c, String actor, String action, String subject, String detailJson, String callId)
            throws SQLException {
        append(c, clock.instant(), actor, action, subject, detailJson, callId);
    }

    /** As {@link #append(Connection, String, String, String, String, String)} at a given time. */
    public static void append(Connection c, Instant at, String actor, String action, String subject,
                              String detailJson, String callId) throws SQLException {
        if (actor == null || actor.isBlank() || action == null || action.isBlank()) {
            throw new IllegalArgumentException("audit rows need an actor and an action");
        }
        Instant time = at.truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, CHAIN_LOCK);
            lock.execute();
        }
        String prev = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                prev = rs.getString(1);
            }
        }
        long id;
        String detail;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_log (at, actor, action, subject, detail, call_id, prev_hash)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id, detail::text""")) {
            ps.setTimestamp(1, Timestamp.from(time));
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, subject);
            ps.setString(5, detailJson);
            ps.setString(6, callId);
            ps.setString(7, prev);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
                detail = rs.getString(2);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_log SET hash = ? WHERE id = ?")) {
            ps.setString(1, chainHash(prev, id, time, actor, action, subject, detail, callId));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Recomputes the whole chain; false (and a WARN naming the first bad row id) if any row was altered. */
    public boolean verifyChain() {
        return Tx.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, at, actor, action, subject, detail::text, call_id, prev_hash, hash
                    FROM audit_log ORDER BY id""")) {
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    String expectedPrev = null;
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                        String prev = rs.getString(8);
                        String hash = rs.getString(9);
                        String computed = chainHash(prev, id, at, rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7));
                        if (!java.util.Objects.equals(prev, expectedPrev) || !computed.equals(hash)) {
                            log.warn("audit chain broken at row {}", id);
                            return false;
                        }
                        expectedPrev = hash;
                    }
                    return true;
                }
            }
        });
    }

    static String chainHash(String prev, long id, Instant at, String actor, String action, String subject,
                            String detail, String callId) {
        String canonical;
        try {
            canonical = JSON.writeValueAsString(Arrays.asList(Long.toString(id), at.toString(), actor, action,
                    subject, detail, callId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return SecretHash.sha256Hex((prev == null ? "" : prev) + "\n" + canonical);
    }
}
