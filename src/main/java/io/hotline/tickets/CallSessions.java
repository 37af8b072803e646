package io.hotline.tickets;

import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code call_sessions} table: a row written when a call starts ({@code in_progress}) and
 * completed when it ends, so a crash leaves a trace ({@link #markInterrupted()} at the next start).
 * Each row names the server node that ran the call, so that with several nodes on one database a node
 * that restarts closes only its own calls.
 *
 * <p>Starts and ends are group-committed ({@link GroupWrites}): each returns once its row is committed, as a
 * single statement would, but the starts and ends of calls that come and go at the same moment share one
 * transaction, so thousands of calls in progress do not each take a pooled connection and a durable commit for
 * their bookkeeping.
 *
 * <p>Threading: blocking, thread-safe.
 */
public final class CallSessions {
    private static final Set<String> END_REASONS =
            Set.of("queued", "hangup", "caller_hangup", "error", "interrupted", "callback");

    /** The node name used when none is given (a single server). */
    public static final String DEFAULT_NODE = "local";

    private static final String START = """
            INSERT INTO call_sessions (call_id, transport, flow_id, flow_version, caller_masked, language,
                                       started_at, end_reason, node, pbx)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?) ON CONFLICT (call_id) DO NOTHING""";
    private static final String END = """
            INSERT INTO call_sessions (call_id, ended_at, end_reason, queue, ticket_ref, path, actions, detail,
                                       node, flow_id, flow_version)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
            ON CONFLICT (call_id) DO UPDATE SET
                ended_at = excluded.ended_at, end_reason = excluded.end_reason, queue = excluded.queue,
                ticket_ref = excluded.ticket_ref, path = excluded.path, actions = excluded.actions,
                detail = excluded.detail""";

    private final DataSource ds;
    private final Clock clock;
    private final String node;
    // starts and ends of calls in progress at the same time share transactions (group commit)
    private final GroupWrites writes;

    public CallSessions(DataSource ds) {
        this(ds, Clock.systemUTC());
    }

    public CallSessions(DataSource ds, Clock clock) {
        this(ds, clock, DEFAULT_NODE);
    }

    /** Sessions of the calls run by server node {@code node} ({@code HOTLINE_NODE_ID}). */
    public CallSessions(DataSource ds, Clock clock, String node) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.clock = Clock.tick(Objects.requireNonNull(clock, "clock"), java.time.Duration.ofNanos(1_000));
        this.node = Objects.requireNonNull(node, "node");
        this.writes = new GroupWrites(ds, List.of(START, END));
    }

    /** The server node whose calls these are. */
    public String node() {
        return node;
    }

    /** Records that the call started ({@code in_progress}); a second start of the same call id is ignored. */
    public void started(
            String callId,
            String transport,
            String flowId,
            long flowVersion,
            String callerMasked,
            String language,
            java.time.Instant at) {
        started(callId, transport, flowId, flowVersion, callerMasked, language, "", at);
    }

    /**
     * As above, with the Asterisk server the call came from ({@code pbx}: the FastAGI peer's address or the ARI
     * server's name; empty for none).
     */
    public void started(
            String callId,
            String transport,
            String flowId,
            long flowVersion,
            String callerMasked,
            String language,
            String pbx,
            java.time.Instant at) {
        Objects.requireNonNull(callId, "callId");
        writes.write(new GroupWrites.Row() {
            @Override
            public String sql() {
                return START;
            }

            @Override
            public void bind(PreparedStatement ps) throws SQLException {
                ps.setString(1, callId);
                ps.setString(2, transport);
                ps.setString(3, flowId);
                ps.setLong(4, flowVersion);
                ps.setString(5, callerMasked);
                ps.setString(6, language);
                ps.setTimestamp(7, Timestamp.from(at));
                ps.setString(8, node);
                ps.setString(9, pbx == null || pbx.isEmpty() ? null : pbx);
            }
        });
    }

    /**
     * Records how the call ended, in one statement; writes the whole row when {@link #started} never
     * got written (e.g. the database was down when the call came in).
     *
     * @param endReason one of {@code queued}, {@code hangup}, {@code caller_hangup}, {@code error},
     *                  {@code interrupted}
     * @param pathJson  JSON array of the nodes visited, or null
     */
    public void ended(
            String callId,
            String endReason,
            String queue,
            String ticketRef,
            String pathJson,
            String actionsJson,
            String detail,
            java.time.Instant at) {
        ended(callId, null, null, endReason, queue, ticketRef, pathJson, actionsJson, detail, at);
    }

    /**
     * As {@link #ended(String, String, String, String, String, String, String, java.time.Instant)}; when the
     * start was never written, the row written here still says which flow and flow version the call ran on.
     */
    public void ended(
            String callId,
            String flowId,
            Long flowVersion,
            String endReason,
            String queue,
            String ticketRef,
            String pathJson,
            String actionsJson,
            String detail,
            java.time.Instant at) {
        Objects.requireNonNull(callId, "callId");
        if (!END_REASONS.contains(endReason)) {
            throw new IllegalArgumentException(
                    "unknown end reason '" + endReason + "', expected one of " + END_REASONS);
        }
        writes.write(new GroupWrites.Row() {
            @Override
            public String sql() {
                return END;
            }

            @Override
            public void bind(PreparedStatement ps) throws SQLException {
                ps.setString(1, callId);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setString(3, endReason);
                ps.setString(4, blankToNull(queue));
                ps.setString(5, blankToNull(ticketRef));
                ps.setString(6, blankToNull(pathJson));
                ps.setString(7, blankToNull(actionsJson));
                ps.setString(8, blankToNull(detail));
                ps.setString(9, node);
                ps.setString(10, flowId);
                ps.setObject(11, flowVersion, java.sql.Types.BIGINT);
            }
        });
    }

    public Optional<SessionRow> find(String callId) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT call_id, transport, flow_id, flow_version, caller_masked, language, started_at, ended_at,
                           end_reason, queue, ticket_ref, path::text, actions::text, detail
                    FROM call_sessions WHERE call_id = ?""")) {
                ps.setString(1, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long v = rs.getLong(4);
                    Long version = rs.wasNull() ? null : v;
                    return Optional.of(new SessionRow(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            version,
                            rs.getString(5),
                            rs.getString(6),
                            Tickets.instant(rs, 7),
                            Tickets.instant(rs, 8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11),
                            rs.getString(12),
                            rs.getString(13),
                            rs.getString(14)));
                }
            }
        });
    }

    /**
     * Closes the calls this node left in progress when it stopped (crash, kill, power loss): their
     * sessions become {@code interrupted}, and their tickets that no agent has taken yet say so in their
     * context ({@code interrupted: true}, {@code interruptedAt}), both in one transaction so a crash
     * during this leaves nothing half-marked. Call once at server start, before taking calls. Sessions of
     * other nodes sharing the database are left alone; sessions with no node (written before nodes were
     * recorded) are closed too.
     *
     * @return how many sessions were marked
     */
    public int markInterrupted() {
        return Tx.inTransaction(ds, c -> {
            java.time.Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE tickets SET context = context || jsonb_build_object('interrupted', true,
                                                                               'interruptedAt', ?::text),
                                       updated_at = ?
                    WHERE status IN ('open', 'queued') AND call_id IN (
                        SELECT call_id FROM call_sessions
                        WHERE end_reason = 'in_progress' AND (node = ? OR node IS NULL))""")) {
                ps.setString(1, now.toString());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, node);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE call_sessions SET end_reason = 'interrupted', ended_at = ?,
                           detail = coalesce(detail, 'server stopped during the call')
                    WHERE end_reason = 'in_progress' AND (node = ? OR node IS NULL)""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, node);
                return ps.executeUpdate();
            }
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
