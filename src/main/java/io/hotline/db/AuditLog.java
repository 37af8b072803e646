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
 * <p>Append-only: triggers refuse DELETE and TRUNCATE, and every UPDATE but one: the chainer linking a
 * row once (migrations V31, V34), whoever the database user is. Tamper-evident: rows form a hash chain,
 * {@code hash = sha256(prev_hash + "\n" + canonical row)}, where the canonical row is a JSON array of
 * the row's id, time (ISO-8601, microseconds), actor, action, subject, detail (as PostgreSQL normalises
 * jsonb) and call id; {@code prev_hash} is the previous link's hash and {@code chain_seq} the row's place
 * in the chain. The last link is also kept in {@code audit_head}. So a superuser who disables the
 * triggers and edits, removes or inserts a chained row, or removes the last ones, is caught by
 * {@link #verify()} unless they recompute every later hash and the head too; record the head hash
 * {@code hotline audit verify} prints somewhere else to catch that as well.
 *
 * <p>Chained after commit: {@link #append} only inserts the row, in the caller's transaction, so
 * audited writes never wait for each other. {@link #chainPending()} links the rows committed since,
 * in the order it finds them, under the {@code audit_head} row lock (one chainer at a time, across
 * nodes); {@link AuditChainer} runs it a few times a second in the server, and {@link #verify()} runs it
 * first. Until a row is linked (normally well under a second) it is protected by the triggers only.
 * Never put PINs, codes or full phone numbers in {@code detailJson}.
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

    /**
     * The start of an INSERT of audit rows from a query: append {@code SELECT at, actor, action, subject,
     * detail (jsonb), call_id FROM ...}. For one statement that audits what it reads, where a read and then
     * {@link #append} would be two round trips; the caller checks actor and action as {@code append} does.
     */
    public static final String INSERT_SELECTED = "INSERT INTO audit_log (at, actor, action, subject, detail, call_id) ";

    /** As {@link #append(Connection, String, String, String, String, String)} at a given time. */
    public static void append(
            Connection c, Instant at, String actor, String action, String subject, String detailJson, String callId)
            throws SQLException {
        if (actor == null || actor.isBlank() || action == null || action.isBlank()) {
            throw new IllegalArgumentException("audit rows need an actor and an action");
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_log (at, actor, action, subject, detail, call_id) VALUES (?, ?, ?, ?, ?::jsonb, ?)""")) {
            ps.setTimestamp(1, Timestamp.from(at.truncatedTo(ChronoUnit.MICROS)));
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, subject);
            ps.setString(5, detailJson);
            ps.setString(6, callId);
            ps.executeUpdate();
        }
    }

    /**
     * Links every committed row not yet in the chain, oldest id first, in batches of {@value #BATCH}; waits
     * for a chainer running elsewhere to finish first. Returns how many rows it linked.
     */
    public int chainPending() {
        return chainAll(false);
    }

    /** As {@link #chainPending()}, but returns 0 at once when another chainer holds the head. */
    int chainPendingUnlessBusy() {
        return chainAll(true);
    }

    private int chainAll(boolean skipIfBusy) {
        int total = 0;
        for (int n = chainBatch(skipIfBusy); n > 0; n = chainBatch(skipIfBusy)) {
            total += n;
        }
        return total;
    }

    private static final int BATCH = 500;
    private static final String HEAD = "SELECT last_seq, last_hash, entries FROM audit_head WHERE id = 1 FOR UPDATE";
    private static final String HEAD_UNLESS_BUSY = HEAD + " SKIP LOCKED";

    private int chainBatch(boolean skipIfBusy) {
        return Tx.inTransaction(dataSource, c -> {
            long seq;
            long entries;
            String prev;
            try (PreparedStatement ps = c.prepareStatement(skipIfBusy ? HEAD_UNLESS_BUSY : HEAD);
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    if (skipIfBusy) {
                        return 0;
                    }
                    throw new SQLException("audit_head has no row: the audit chain cannot be continued", "55000");
                }
                seq = rs.getLong(1);
                prev = rs.getString(2);
                entries = rs.getLong(3);
            }
            int n = 0;
            long lastId = -1;
            try (PreparedStatement read = c.prepareStatement("""
                    SELECT id, at, actor, action, subject, detail::text, call_id FROM audit_log
                    WHERE hash IS NULL ORDER BY id LIMIT ?""");
                    PreparedStatement link = c.prepareStatement(
                            "UPDATE audit_log SET chain_seq = ?, prev_hash = ?, hash = ? WHERE id = ?")) {
                read.setInt(1, BATCH);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String hash = chainHash(
                                prev,
                                id,
                                rs.getObject(2, OffsetDateTime.class).toInstant(),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7));
                        link.setLong(1, ++seq);
                        link.setString(2, prev);
                        link.setString(3, hash);
                        link.setLong(4, id);
                        link.addBatch();
                        prev = hash;
                        lastId = id;
                        n++;
                    }
                }
                if (n == 0) {
                    return 0;
                }
                link.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE audit_head SET last_seq = ?, last_id = ?, last_hash = ?, entries = ? WHERE id = 1")) {
                ps.setLong(1, seq);
                ps.setLong(2, lastId);
                ps.setString(3, prev);
                ps.setLong(4, entries + n);
                ps.executeUpdate();
            }
            return n;
        });
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
     * Links the rows committed so far ({@link #chainPending()}), then walks the whole chain in chain
     * order, recomputing every hash and link, and compares its end with {@code audit_head}; reports the
     * first problem found. Reads in one snapshot, so appends running meanwhile do not confuse it (a
     * read-only SERIALIZABLE transaction); rows committed after the linking wait for the next run.
     */
    public Verification verify() {
        chainPending();
        return Tx.inTransaction(dataSource, Tx.Isolation.SERIALIZABLE, c -> {
            c.setReadOnly(true);
            long entries = 0;
            String expectedPrev = null;
            long lastId = -1;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, at, actor, action, subject, detail::text, call_id, prev_hash, hash
                    FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq""")) {
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                        String prev = rs.getString(8);
                        String hash = rs.getString(9);
                        entries++;
                        if (!Objects.equals(prev, expectedPrev)) {
                            return new Verification(
                                    entries,
                                    id,
                                    "row " + id + " does not follow row "
                                            + (lastId < 0 ? "(none)" : lastId) + ": its previous hash is "
                                            + shortHash(prev) + ", expected " + shortHash(expectedPrev)
                                            + " (a row was removed or inserted before it)",
                                    "");
                        }
                        String computed = chainHash(
                                prev,
                                id,
                                at,
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7));
                        if (!computed.equals(hash)) {
                            return new Verification(
                                    entries,
                                    id,
                                    "row " + id + " was changed: its content hashes to " + shortHash(computed)
                                            + ", the chain says " + shortHash(hash),
                                    "");
                        }
                        expectedPrev = hash;
                        lastId = id;
                    }
                }
            }
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT last_id, last_hash, entries FROM audit_head WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Verification(entries, -1, "audit_head is missing", nullToEmpty(expectedPrev));
                }
                String headHash = rs.getString(2);
                long headEntries = rs.getLong(3);
                if (!Objects.equals(headHash, expectedPrev) || headEntries != entries) {
                    return new Verification(
                            entries,
                            -1,
                            "the chain ends at row " + lastId + " (" + entries
                                    + " entries, hash " + shortHash(expectedPrev) + ") but was last extended to row "
                                    + rs.getLong(1) + " (" + headEntries + " entries, hash " + shortHash(headHash)
                                    + "): rows were removed from its end",
                            nullToEmpty(expectedPrev));
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

    static String chainHash(
            String prev,
            long id,
            Instant at,
            String actor,
            String action,
            String subject,
            String detail,
            String callId) {
        String canonical;
        try {
            canonical = JSON.writeValueAsString(
                    Arrays.asList(Long.toString(id), at.toString(), actor, action, subject, detail, callId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return SecretHash.sha256Hex((prev == null ? "" : prev) + "\n" + canonical);
    }
}
