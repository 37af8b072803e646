package io.hotline.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.db.AuditLog;
import io.hotline.db.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code callbacks} table. Every change is one statement or one transaction; which node may act on a row is
 * decided in SQL (a lease taken with {@code FOR UPDATE SKIP LOCKED}, a conditional update for the dial), so nodes
 * sharing the database never both act on one callback.
 */
final class CallbackStore {
    static final String COLUMNS = """
            reference, ticket_ref, call_id, queue, priority, language, account_id, number_masked, status, placed_at,
            attempts, next_attempt_at, owner, agent, last_result""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource ds;
    private final Clock clock;
    private final AuditLog audit;

    CallbackStore(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
        this.audit = new AuditLog(ds, clock);
    }

    /** A callback to book. */
    record NewCallback(
            String ticketRef,
            String callId,
            String queue,
            int priority,
            String language,
            Long accountId,
            String numberMasked,
            String numberSealed,
            Instant placedAt,
            Instant pendingUntil) {
        /** A callback that waits in the queue from {@code placedAt}. */
        NewCallback(
                String ticketRef,
                String callId,
                String queue,
                int priority,
                String language,
                Long accountId,
                String numberMasked,
                String numberSealed,
                Instant placedAt) {
            this(ticketRef, callId, queue, priority, language, accountId, numberMasked, numberSealed, placedAt, null);
        }
    }

    /** A callback being dialed, with its sealed number. */
    record Dialing(Callback callback, String numberSealed) {}

    Callback book(NewCallback n) {
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("WITH n AS (SELECT nextval('callbacks_id_seq') AS id) "
                    + "INSERT INTO callbacks (id, reference, ticket_ref, call_id, queue, priority, language, account_id,"
                    + " number_masked, number_sealed, placed_at, next_attempt_at, created_at, updated_at, status)"
                    + " SELECT n.id, 'CB-' || (100000 + n.id), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM n"
                    + " RETURNING " + COLUMNS)) {
                ps.setString(1, n.ticketRef().isEmpty() ? null : n.ticketRef());
                ps.setString(2, n.callId());
                ps.setString(3, n.queue());
                ps.setInt(4, n.priority());
                ps.setString(5, n.language());
                if (n.accountId() == null) {
                    ps.setNull(6, Types.BIGINT);
                } else {
                    ps.setLong(6, n.accountId());
                }
                ps.setString(7, n.numberMasked());
                ps.setString(8, n.numberSealed());
                ps.setTimestamp(9, Timestamp.from(n.placedAt()));
                ps.setTimestamp(10, Timestamp.from(n.pendingUntil() == null ? n.placedAt() : n.pendingUntil()));
                ps.setTimestamp(11, Timestamp.from(now));
                ps.setTimestamp(12, Timestamp.from(now));
                ps.setString(13, n.pendingUntil() == null ? "waiting" : "pending");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return row(rs);
                }
            }
        });
    }

    /**
     * The waiting callbacks whose placeholders this node keeps from now on: due, and either its own or with nobody's
     * lease running. Renews the lease on each; rows another node holds a live lease on are skipped, not waited for.
     */
    List<Callback> keepPlaces(String node, Duration lease, int max) {
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callbacks SET owner = ?, lease_until = ?"
                    + " WHERE id IN (SELECT id FROM callbacks WHERE status = 'waiting' AND next_attempt_at <= ?"
                    + " AND (owner IS NULL OR owner = ? OR lease_until IS NULL OR lease_until < ?)"
                    + " ORDER BY placed_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)) {
                ps.setString(1, node);
                ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setString(4, node);
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setInt(6, max);
                return list(ps);
            }
        });
    }

    /**
     * An agent took the placeholder: the callback is this node's to dial, unless it is not waiting any more (another
     * node took it first, a supervisor cancelled it).
     */
    Optional<Dialing> startDialing(String reference, String node, String agent, Duration lease) {
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callbacks SET status = 'dialing', owner = ?,"
                    + " agent = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?"
                    + " WHERE reference = ? AND status = 'waiting' RETURNING number_sealed, " + COLUMNS)) {
                ps.setString(1, node);
                ps.setString(2, agent);
                ps.setTimestamp(3, Timestamp.from(now.plus(lease)));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setString(5, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Dialing(row(rs), rs.getString("number_sealed")))
                            : Optional.empty();
                }
            }
        });
    }

    /** The sealed number of an open callback this node is dialing, or empty. */
    Optional<String> sealedNumber(String reference) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT number_sealed FROM callbacks WHERE reference = ?")) {
                ps.setString(1, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The attempt this node was dialing ended with {@code result}: {@code done} when connected; else back to
     * {@code waiting} from {@code retryAt}, or {@code given_up} when {@code giveUp}. The number is removed once it is
     * done or given up. Empty when this node was not dialing it.
     */
    Optional<Callback> attemptEnded(
            String reference, String node, String result, boolean connected, boolean giveUp, Instant retryAt) {
        Instant now = clock.instant();
        String status = connected ? "done" : giveUp ? "given_up" : "waiting";
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callbacks SET status = ?, last_result = ?,"
                    + " next_attempt_at = ?, owner = NULL, lease_until = NULL, updated_at = ?,"
                    + " number_sealed = CASE WHEN ?::text IN ('done', 'given_up') THEN NULL ELSE number_sealed END,"
                    + " finished_at = CASE WHEN ?::text IN ('done', 'given_up') THEN ?::timestamptz ELSE NULL END"
                    + " WHERE reference = ? AND status = 'dialing' AND owner = ? RETURNING " + COLUMNS)) {
                ps.setString(1, status);
                ps.setString(2, result);
                ps.setTimestamp(3, Timestamp.from(retryAt == null ? now : retryAt));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setString(5, status);
                ps.setString(6, status);
                ps.setTimestamp(7, Timestamp.from(now));
                ps.setString(8, reference);
                ps.setString(9, node);
                List<Callback> rows = list(ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
            }
        });
    }

    /** Dialing callbacks whose node's lease ran out (the node stopped mid-call): this node finishes them. */
    List<Callback> takeOverStaleDialing(String node, Duration lease) {
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callbacks SET owner = ?, lease_until = ?"
                    + " WHERE id IN (SELECT id FROM callbacks WHERE status = 'dialing' AND lease_until < ?"
                    + " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)) {
                ps.setString(1, node);
                ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
                ps.setTimestamp(3, Timestamp.from(now));
                return list(ps);
            }
        });
    }

    /** A supervisor cancels an open callback, or one waiting for its queue's opening (audited); its number goes. */
    Optional<Callback> cancel(String reference, String actor, String reason) {
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            Optional<Callback> done;
            try (PreparedStatement ps = c.prepareStatement("UPDATE callbacks SET status = 'cancelled',"
                    + " number_sealed = NULL, owner = NULL, lease_until = NULL, last_result = ?, updated_at = ?,"
                    + " finished_at = ? WHERE reference = ? AND status IN ('pending', 'waiting', 'dialing')"
                    + " RETURNING " + COLUMNS)) {
                ps.setString(1, "cancelled by " + actor);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setString(4, reference);
                List<Callback> rows = list(ps);
                done = rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
            }
            if (done.isPresent()) {
                audited(
                        c,
                        actor,
                        "callback.cancel",
                        reference,
                        "reason",
                        reason,
                        done.get().callId());
            }
            return done;
        });
    }

    /**
     * A supervisor moves a callback still in {@code status} ({@code waiting}, or {@code pending}: waiting for its
     * queue's opening) to another queue, or to another place ({@code placedAt}: the time of the place it takes; null
     * keeps its place); audited. A waiting one's placeholder is placed again by its node; a pending one waits for
     * {@code opensAt} (null keeps it), its new queue's opening. Empty when it is not in {@code status} any more.
     */
    Optional<Callback> move(
            String reference, String status, String queue, Instant placedAt, Instant opensAt, String actor) {
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            Optional<Callback> moved;
            try (PreparedStatement ps = c.prepareStatement("UPDATE callbacks SET queue = COALESCE(?, queue),"
                    + " placed_at = COALESCE(?, placed_at), next_attempt_at = COALESCE(?, next_attempt_at),"
                    + " updated_at = ? WHERE reference = ? AND status = ? RETURNING " + COLUMNS)) {
                ps.setString(1, queue);
                ps.setTimestamp(2, placedAt == null ? null : Timestamp.from(placedAt));
                ps.setTimestamp(3, opensAt == null ? null : Timestamp.from(opensAt));
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setString(5, reference);
                ps.setString(6, status);
                List<Callback> rows = list(ps);
                moved = rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
            }
            if (moved.isPresent()) {
                Callback m = moved.get();
                String to = m.queue() + " " + m.placedAt() + (m.waitsForOpening() ? " opens " + m.nextAttempt() : "");
                audited(c, actor, "callback.move", reference, "to", to, m.callId());
            }
            return moved;
        });
    }

    Optional<Callback> byReference(String reference) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM callbacks WHERE reference = ?")) {
                ps.setString(1, reference);
                List<Callback> rows = list(ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
            }
        });
    }

    /** Open callbacks (waiting for the opening, waiting or dialing), in their places' order per queue. */
    List<Callback> open() {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM callbacks"
                    + " WHERE status IN ('pending', 'waiting', 'dialing') ORDER BY queue, priority DESC, placed_at")) {
                return list(ps);
            }
        });
    }

    /** Callbacks booked from {@code from} (inclusive) to {@code to}, per queue. */
    Map<String, Integer> bookedPerQueue(Instant from, Instant to) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT queue, count(*) FROM callbacks"
                    + " WHERE created_at >= ? AND created_at < ? GROUP BY queue ORDER BY queue")) {
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                Map<String, Integer> out = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                }
                return out;
            }
        });
    }

    private void audited(
            Connection c, String actor, String action, String subject, String key, String value, String callId)
            throws SQLException {
        String json;
        try {
            json = JSON.writeValueAsString(Map.of(key, value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of two strings is JSON", e);
        }
        audit.append(c, actor, action, subject, json, callId.isEmpty() ? null : callId);
    }

    static List<Callback> list(PreparedStatement ps) throws SQLException {
        List<Callback> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static Callback row(ResultSet rs) throws SQLException {
        long account = rs.getLong("account_id");
        boolean noAccount = rs.wasNull();
        return new Callback(
                rs.getString("reference"),
                rs.getString("ticket_ref"),
                rs.getString("call_id"),
                rs.getString("queue"),
                rs.getInt("priority"),
                rs.getString("language"),
                noAccount ? null : account,
                rs.getString("number_masked"),
                rs.getString("status"),
                rs.getTimestamp("placed_at").toInstant(),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("owner"),
                rs.getString("agent"),
                rs.getString("last_result"));
    }
}
