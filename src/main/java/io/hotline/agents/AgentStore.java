package io.hotline.agents;

import io.hotline.db.AuditLog;
import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Agent states in PostgreSQL ({@code agent_states}, one row per agent, and {@code agent_state_changes}, one
 * row per change). A change made by a person (not by Hotline's own timers) is audited too.
 *
 * <p>Threading: blocking JDBC; thread-safe.
 */
public final class AgentStore {
    private final DataSource ds;

    public AgentStore(DataSource ds) {
        this.ds = ds;
    }

    /** Every stored state, by login. */
    public Map<String, AgentStatus> all() {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT login, state, reason, since, until, set_by FROM agent_states ORDER BY login");
                    ResultSet rs = ps.executeQuery()) {
                Map<String, AgentStatus> out = new LinkedHashMap<>();
                while (rs.next()) {
                    OffsetDateTime until = rs.getObject(5, OffsetDateTime.class);
                    out.put(
                            rs.getString(1),
                            new AgentStatus(
                                    rs.getString(1),
                                    AgentState.parse(rs.getString(2)),
                                    rs.getString(3),
                                    rs.getObject(4, OffsetDateTime.class).toInstant(),
                                    until == null ? null : until.toInstant(),
                                    rs.getString(6)));
                }
                return out;
            }
        });
    }

    /** Stores a new state; {@code audited} adds an audit row ({@code agent.state}, subject {@code user:<login>}). */
    public void save(AgentStatus s, AgentState from, boolean audited) {
        Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO agent_states (login, state, reason, since, until, set_by) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (login) DO UPDATE SET state = excluded.state, reason = excluded.reason,
                        since = excluded.since, until = excluded.until, set_by = excluded.set_by""")) {
                ps.setString(1, s.login());
                ps.setString(2, s.state().wire());
                ps.setString(3, s.reason());
                ps.setTimestamp(4, Timestamp.from(s.since()));
                ps.setTimestamp(5, s.until() == null ? null : Timestamp.from(s.until()));
                ps.setString(6, s.by());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO agent_state_changes (login, state, reason, at, set_by) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, s.login());
                ps.setString(2, s.state().wire());
                ps.setString(3, s.reason());
                ps.setTimestamp(4, Timestamp.from(s.since()));
                ps.setString(5, s.by());
                ps.executeUpdate();
            }
            if (audited) {
                AuditLog.append(
                        c,
                        s.since(),
                        s.by(),
                        "agent.state",
                        "user:" + s.login(),
                        // states are enum words and reasons lower-case words (AgentsConfig): nothing to escape
                        "{\"from\":\"" + from.wire() + "\",\"to\":\""
                                + s.state().wire() + "\",\"reason\":\"" + s.reason() + "\"}",
                        null);
            }
            return null;
        });
    }
}
