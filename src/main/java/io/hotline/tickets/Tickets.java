package io.hotline.tickets;

import io.hotline.db.DataAccessException;
import io.hotline.db.Tx;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tickets: one per call, opened by the IVR when a caller needs a person and updated as the call goes on.
 *
 * <p>References are {@code T-} and six random digits (said digit by digit to the caller); a clash with
 * an existing reference is retried with a new one.
 *
 * <p>Threading: blocking, thread-safe; every method commits before it returns.
 */
public final class Tickets {
    private static final int REFERENCE_ATTEMPTS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = """
            id, reference, call_id, category, queue, priority, status, account_id, caller_masked, verified,
            verified_by, context::text, flow_version, created_at, updated_at, due_at""";

    private final DataSource ds;
    private final Clock clock;

    public Tickets(DataSource ds, Clock clock) {
        this.ds = Objects.requireNonNull(ds, "ds");
        // PostgreSQL keeps microseconds: times handed out must equal the times stored
        this.clock = Clock.tick(Objects.requireNonNull(clock, "clock"), java.time.Duration.ofNanos(1_000));
    }

    /**
     * Opens the call's ticket or, when the call already has one, updates its category, queue, priority,
     * context, verification and account (an account once known is kept) and keeps its reference. A
     * ticket with a queue is {@code queued}; one an agent has or closed keeps its status.
     */
    public Ticket openOrUpdate(TicketDraft d) {
        Objects.requireNonNull(d, "draft");
        for (int attempt = 1; ; attempt++) {
            String reference = newReference();
            try {
                return Tx.withConnection(
                        ds,
                        c -> { // one statement: auto-commit saves the COMMIT round trip
                            try (PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO tickets (reference, call_id, category, queue, priority, status, account_id,
                                                 caller_masked, verified, verified_by, context, flow_version,
                                                 created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                            ON CONFLICT (call_id) DO UPDATE SET
                                category = excluded.category,
                                queue = excluded.queue,
                                priority = excluded.priority,
                                status = CASE WHEN tickets.status IN ('open', 'queued') THEN excluded.status
                                              ELSE tickets.status END,
                                account_id = coalesce(excluded.account_id, tickets.account_id),
                                caller_masked = coalesce(excluded.caller_masked, tickets.caller_masked),
                                verified = excluded.verified OR tickets.verified,
                                verified_by = coalesce(excluded.verified_by, tickets.verified_by),
                                context = tickets.context || excluded.context,
                                flow_version = excluded.flow_version,
                                updated_at = excluded.updated_at
                            RETURNING\s""" + COLUMNS)) {
                                Instant now = clock.instant();
                                ps.setString(1, reference);
                                ps.setString(2, d.callId());
                                ps.setString(3, d.category());
                                ps.setString(4, d.queue());
                                ps.setInt(5, d.priority());
                                ps.setString(6, d.queue() == null || d.queue().isBlank() ? "open" : "queued");
                                if (d.accountId() == null) {
                                    ps.setNull(7, Types.BIGINT);
                                } else {
                                    ps.setLong(7, d.accountId());
                                }
                                ps.setString(8, d.callerMasked());
                                ps.setBoolean(9, d.verified());
                                ps.setString(10, d.verifiedBy());
                                ps.setString(11, d.contextJson());
                                ps.setLong(12, d.flowVersion());
                                ps.setTimestamp(13, Timestamp.from(now));
                                ps.setTimestamp(14, Timestamp.from(now));
                                try (ResultSet rs = ps.executeQuery()) {
                                    rs.next();
                                    return ticket(rs);
                                }
                            }
                        });
            } catch (DataAccessException e) {
                boolean referenceClash =
                        "23505".equals(e.sqlState()) && e.getMessage().contains("tickets_reference_key");
                if (!referenceClash || attempt >= REFERENCE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public Optional<Ticket> byReference(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tickets WHERE reference = ?")) {
                ps.setString(1, ref.trim().toUpperCase(java.util.Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ticket(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The call's ticket, if it has one. */
    public Optional<Ticket> byCallId(String callId) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tickets WHERE call_id = ?")) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ticket(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The account's tickets, newest first. */
    public List<Ticket> forAccount(long accountId, int limit) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM tickets WHERE account_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
                ps.setLong(1, accountId);
                ps.setInt(2, Math.max(0, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    List<Ticket> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(ticket(rs));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Records on the call's ticket, if it is still open or queued, that the caller hung up before an
     * agent took the call: {@code callerHungUp} and {@code callerHungUpAt} in its context.
     */
    public void markCallerHungUp(String callId) {
        Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tickets SET context = context || jsonb_build_object('callerHungUp', true,
                                                                               'callerHungUpAt', ?::text),
                                       updated_at = ?
                    WHERE call_id = ? AND status IN ('open', 'queued')""")) {
                Instant now = clock.instant();
                ps.setString(1, now.toString());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, callId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Records a queued callback's state on its ticket's context: {@code callback} (its reference),
     * {@code callbackState} ({@code booked}, {@code connected}, {@code given_up}, {@code cancelled}) and
     * {@code callbackDetail}; the agent and the supervisor's lists see it. False for an unknown reference.
     */
    public boolean markCallback(String reference, String callbackRef, String state, String detail) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tickets SET updated_at = ?,
                                       context = context || jsonb_build_object('callback', ?::text,
                                                                               'callbackState', ?::text,
                                                                               'callbackDetail', ?::text)
                    WHERE reference = ?""")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, callbackRef);
                ps.setString(3, state);
                ps.setString(4, detail == null ? "" : detail);
                ps.setString(5, reference);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * The caller of a queued ticket hung up before an agent took the call (app_queue's QueueCallerAbandon):
     * status {@code abandoned}, for the supervisor's list; an agent may still close it. False when the ticket
     * was not waiting (closed, or with an agent already).
     */
    public boolean markAbandoned(String reference, long heldSeconds) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tickets SET status = 'abandoned', updated_at = ?,
                                       context = context || jsonb_build_object('abandonedAfterSeconds', ?::int)
                    WHERE reference = ? AND status IN ('open', 'queued')""")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setLong(2, heldSeconds);
                ps.setString(3, reference);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Gives the ticket its promise: due {@code within} after it was opened (a complaint: 24 hours), shown as due or
     * overdue in the console; and adds {@code recordJson} (a JSON object, e.g. the complaint's topic) to its
     * context's records. Returns the due time, or empty for an unknown reference.
     */
    public Optional<Instant> promise(String reference, java.time.Duration within, String recordJson) {
        Objects.requireNonNull(within, "within");
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tickets SET due_at = created_at + make_interval(secs => ?), updated_at = ?,
                        context = jsonb_set(context, '{records}',
                                            coalesce(context->'records', '[]'::jsonb) || jsonb_build_array(?::jsonb))
                    WHERE reference = ? RETURNING due_at""")) {
                ps.setLong(1, within.toSeconds());
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                ps.setString(3, recordJson == null ? "{}" : recordJson);
                ps.setString(4, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(instant(rs, 1)) : Optional.empty();
                }
            }
        });
    }

    static String newReference() {
        return "T-" + (100_000 + RANDOM.nextInt(900_000));
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        long account = rs.getLong(8);
        Long accountId = rs.wasNull() ? null : account;
        return new Ticket(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getString(7),
                accountId,
                rs.getString(9),
                rs.getBoolean(10),
                rs.getString(11),
                rs.getString(12),
                rs.getLong(13),
                instant(rs, 14),
                instant(rs, 15),
                instant(rs, 16));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
