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
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit log ({@code audit_log}): who did what to which subject, from which call.
 *
 * <p>Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE on the table (migration V31), whoever
 * the database user is. Tamper-evident: rows form a hash chain, {@code hash = sha256(prev_hash + "\n" +
 * canonical row)}, where the canonical row is a JSON array of every column but the two hashes: id, time
 * (ISO-8601, microseconds), actor, action, subject, detail (as PostgreSQL normalises jsonb) and call id;
 * {@code prev_hash} is the previous row's hash. The last link is also kept in {@code audit_head}. So a
 * superuser who disables the trigger and edits, removes or inserts a row, or removes the last rows, is
 * caught by {@link #verify()} unless they recompute every later hash and the head too; record the head
 * hash {@code hotline audit verify} prints somewhere else to catch that as well.
 *
 * <p>Appends are chained one after another by locking the {@code audit_head} row, so the chain has no
 * forks under concurrency: under READ COMMITTED the next append waits and then sees the new head; under
 * SERIALIZABLE the race is a serialization failure that {@link Tx} retries. Take it last in a
 * transaction (after row locks) to avoid lock-order deadlocks. Never put PINs, codes or full phone
 * numbers in {@code detailJson}.
 *
 * <p>Threading: blocking; thread-safe.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Clock clock;

    /**
     * What {@link #verify()} found.
     *
     * @param entries  rows checked
     * @param brokenAt the id of the first row whose link is wrong (edited, inserted, or following a
     *                 removed row), or -1 when the chain is whole or only its end was cut
     * @param problem  what is wrong, in words; empty when the chain is whole
     * @param headHash the hash of the last row (empty for an empty log); keep it elsewhere to compare
     */
    public record Verification(long entries, long brokenAt, String problem, String headHash) {
        public boolean ok() {
            return problem.isEmpty();
        }
    }

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
        // Two round trips while the head is locked (the lock is held until the caller commits, and every
        // audited write in the system waits for it): the first locks the head and has PostgreSQL normalise
        // the detail (the hash covers jsonb's own text, as a written row can never be changed); the id is
        // the head's last id + 1, so it needs no sequence call and ids stay in chain order; the second
        // writes the row and moves the head in one statement.
        String prev;
        long id;
        String detail;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT last_id, last_hash, ?::jsonb::text FROM audit_head WHERE id = 1 FOR UPDATE")) {
            ps.setString(1, detailJson);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("audit_head has no row: the audit chain cannot be continued", "55000");
                }
                id = rs.getLong(1) + 1; // an empty log's head has no last id: getLong gives 0
                prev = rs.getString(2);
                detail = rs.getString(3);
            }
        }
        String hash = chainHash(prev, id, time, actor, action, subject, detail, callId);
        try (PreparedStatement ps = c.prepareStatement("""
                WITH entry AS (
                    INSERT INTO audit_log (id, at, actor, action, subject, detail, call_id, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?))
                UPDATE audit_head SET last_id = ?, last_hash = ?, entries = entries + 1 WHERE id = 1""")) {
            ps.setLong(1, id);
            ps.setTimestamp(2, Timestamp.from(time));
            ps.setString(3, actor);
            ps.setString(4, action);
            ps.setString(5, subject);
            ps.setString(6, detail);
            ps.setString(7, callId);
            ps.setString(8, prev);
            ps.setString(9, hash);
            ps.setLong(10, id);
            ps.setString(11, hash);
            ps.executeUpdate();
        }
    }

    /** Recomputes the whole chain; false (and a WARN naming the first bad row) if anything was altered. */
    public boolean verifyChain() {
        Verification v = verify();
        if (!v.ok()) {
            log.warn("audit chain broken: {}", v.problem());
        }
        return v.ok();
    }

    /**
     * Walks the whole chain in id order, recomputing every hash and link, then compares its end with
     * {@code audit_head}; reports the first problem found. Reads in one snapshot, so
     * appends running meanwhile do not confuse it (a read-only SERIALIZABLE transaction).
     */
    public Verification verify() {
        return Tx.inTransaction(dataSource, Tx.Isolation.SERIALIZABLE, c -> {
            c.setReadOnly(true);
            long entries = 0;
            String expectedPrev = null;
            long lastId = -1;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, at, actor, action, subject, detail::text, call_id, prev_hash, hash
                    FROM audit_log ORDER BY id""")) {
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                        String prev = rs.getString(8);
                        String hash = rs.getString(9);
                        entries++;
                        if (!Objects.equals(prev, expectedPrev)) {
                            return new Verification(entries, id, "row " + id + " does not follow row "
                                    + (lastId < 0 ? "(none)" : lastId) + ": its previous hash is "
                                    + shortHash(prev) + ", expected " + shortHash(expectedPrev)
                                    + " (a row was removed or inserted before it)", "");
                        }
                        String computed = chainHash(prev, id, at, rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7));
                        if (!computed.equals(hash)) {
                            return new Verification(entries, id, "row " + id + " was changed: its content hashes to "
                                    + shortHash(computed) + ", the chain says " + shortHash(hash), "");
                        }
                        expectedPrev = hash;
                        lastId = id;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_id, last_hash, entries FROM audit_head WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Verification(entries, -1, "audit_head is missing", nullToEmpty(expectedPrev));
                }
                String headHash = rs.getString(2);
                long headEntries = rs.getLong(3);
                if (!Objects.equals(headHash, expectedPrev) || headEntries != entries) {
                    return new Verification(entries, -1, "the chain ends at row " + lastId + " (" + entries
                            + " entries, hash " + shortHash(expectedPrev) + ") but was last extended to row "
                            + rs.getLong(1) + " (" + headEntries + " entries, hash " + shortHash(headHash)
                            + "): rows were removed from its end", nullToEmpty(expectedPrev));
                }
            }
            return new Verification(entries, -1, "", nullToEmpty(expectedPrev));
        });
    }

    private static String shortHash(String h) {
        return h == null ? "(none)" : h.substring(0, Math.min(12, h.length()));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
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
