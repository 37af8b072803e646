package io.hotline.reports;

import io.hotline.analytics.SessionHistory;
import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads one call's {@link CallHistory} from {@code call_sessions}, {@code queue_log} (with the agents' after-call
 * work) and {@code tickets}. Threading: blocking JDBC; thread-safe.
 */
final class CallHistories {
    private final DataSource ds;
    private final QueueLogStore log;

    CallHistories(DataSource ds) {
        this.ds = Objects.requireNonNull(ds);
        this.log = new QueueLogStore(ds);
    }

    /** The call's history, or empty when nothing at all is known of it. */
    Optional<CallHistory> of(String callId) {
        Optional<CallHistory.Ivr> ivr = ivr(callId);
        List<QueueCall> calls = new AfterCallWork(ds).attach(QueueCalls.fold(log.ofCall(callId)));
        List<QueueCall.Segment> segments =
                calls.isEmpty() ? List.of() : calls.getFirst().segments();
        String ref = calls.isEmpty() ? "" : calls.getFirst().ticket();
        Optional<CallHistory.TicketState> ticket = ticket(callId, ref);
        if (ivr.isEmpty() && segments.isEmpty() && ticket.isEmpty()) {
            return Optional.empty();
        }
        long[] holds = holds(callId);
        return Optional.of(new CallHistory(callId, ivr, segments, ticket, (int) holds[0], holds[1]));
    }

    /** How many times the call was put on hold, and the seconds of the holds that ended. */
    private long[] holds(String callId) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*), coalesce(sum(floor(extract(epoch FROM resumed_at - held_at))), 0)::bigint"
                            + " FROM call_holds WHERE call_id = ?")) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        });
    }

    private Optional<CallHistory.Ivr> ivr(String callId) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT transport, pbx, flow_id, flow_version, language, started_at, ended_at, end_reason, queue,
                           node, path::text, actions::text
                    FROM call_sessions WHERE call_id = ?""")) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new CallHistory.Ivr(
                            text(rs, 1),
                            text(rs, 2),
                            text(rs, 3),
                            rs.getLong(4),
                            text(rs, 5),
                            instant(rs, 6),
                            instant(rs, 7),
                            text(rs, 8),
                            text(rs, 9),
                            text(rs, 10),
                            SessionHistory.path(rs.getString(11)),
                            SessionHistory.actions(rs.getString(12))));
                }
            }
        });
    }

    /** The ticket of the call (by its call id, or the reference the queue rows carry). */
    private Optional<CallHistory.TicketState> ticket(String callId, String reference) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT reference, category, queue, status, disposition, agent_login, created_at, closed_at,
                           closed_by, due_at
                    FROM tickets WHERE call_id = ? OR reference = ? ORDER BY (call_id = ?) DESC NULLS LAST LIMIT 1""")) {
                ps.setString(1, callId);
                ps.setString(2, reference);
                ps.setString(3, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new CallHistory.TicketState(
                            text(rs, 1),
                            text(rs, 2),
                            text(rs, 3),
                            text(rs, 4),
                            text(rs, 5),
                            text(rs, 6),
                            instant(rs, 7),
                            instant(rs, 8),
                            text(rs, 9),
                            instant(rs, 10)));
                }
            }
        });
    }

    private static String text(ResultSet rs, int i) throws SQLException {
        String v = rs.getString(i);
        return v == null ? "" : v;
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
