package io.hotline.tickets;

import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Screen pops as stored with their ticket ({@code screen_pops}), so that a browser that reconnects, or a
 * console that restarted, delivers them again. Blocking; thread-safe.
 */
public final class PopStore {
    private final DataSource ds;
    private final Clock clock;

    public PopStore(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** A pop on screen as stored: its JSON text and its state. */
    public record Shown(String json, String state) {}

    /** A call that rang an agent, as their pop recorded it; the times are ISO-8601 text or null. */
    public record RecentCall(
            String ticket,
            String queue,
            String state,
            String caller,
            String ringingAt,
            String answeredAt,
            String endedAt,
            String note,
            String category) {
        public boolean answered() {
            return answeredAt != null;
        }
    }

    /** A pop as stored: its keys and its JSON text. */
    public record Row(
            String ticket, String call, String agent, String queue, String source, String state, String json) {}

    /** Stores the pop as it now is (one row per call and agent). */
    public void save(Row pop) {
        Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO screen_pops (ticket_id, ticket_ref, call_key, agent_login, queue, source, state, payload,
                                             created_at, updated_at)
                    VALUES ((SELECT id FROM tickets WHERE reference = ?), ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                    ON CONFLICT (call_key, agent_login) DO UPDATE SET
                        state = excluded.state, payload = excluded.payload, updated_at = excluded.updated_at,
                        ticket_id = coalesce(excluded.ticket_id, screen_pops.ticket_id)""")) {
                Timestamp now = Timestamp.from(clock.instant());
                ps.setString(1, pop.ticket());
                ps.setString(2, pop.ticket());
                ps.setString(3, pop.call());
                ps.setString(4, pop.agent());
                ps.setString(5, pop.queue());
                ps.setString(6, pop.source());
                ps.setString(7, pop.state());
                ps.setString(8, pop.json());
                ps.setTimestamp(9, now);
                ps.setTimestamp(10, now);
                ps.executeUpdate();
                return null;
            }
        });
    }

    /** The agent's pops still on screen (ringing, active, ended), oldest first. */
    public List<Shown> live(String login) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT payload::text, state FROM screen_pops
                    WHERE agent_login = ? AND state IN ('ringing', 'active', 'ended') ORDER BY updated_at, id""")) {
                ps.setString(1, login);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Shown> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Shown(rs.getString(1), rs.getString(2)));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * The agent's recent calls, newest first: every call that rang them, with what became of it (answered and
     * when, missed, ...), as their pops recorded it.
     */
    public List<RecentCall> recent(String login, int limit) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT ticket_ref, queue, state, payload->>'caller', payload->>'ringingAt', payload->>'answeredAt',
                           payload->>'endedAt', payload->>'note', payload->>'category'
                    FROM screen_pops WHERE agent_login = ? ORDER BY created_at DESC, id DESC LIMIT ?""")) {
                ps.setString(1, login);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<RecentCall> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new RecentCall(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9)));
                    }
                    return out;
                }
            }
        });
    }

    /** Marks every pop of a ticket closed; returns the agents who had one on screen. */
    public List<String> closeTicket(String ticketRef) {
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE screen_pops SET state = 'closed', payload = jsonb_set(payload, '{state}', '"closed"'),
                                           updated_at = ?
                    WHERE ticket_ref = ? AND state IN ('ringing', 'active', 'ended') RETURNING agent_login""")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, ticketRef);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
    }
}
