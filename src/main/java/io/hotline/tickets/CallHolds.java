package io.hotline.tickets;

import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The periods a caller spent on hold, from the agent's console ({@code call_holds}: held_at, resumed_at per call
 * and agent). Hold time is reported apart: app_queue's talk time includes it.
 *
 * <p>Threading: thread-safe, blocking.
 */
public final class CallHolds {
    private final DataSource ds;
    private final Clock clock;

    public CallHolds(DataSource ds, Clock clock) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code agent} put the caller of {@code callId} on hold now; a second hold while one is open is ignored. */
    public void held(String callId, String agent) {
        Instant now = clock.instant();
        Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO call_holds (call_id, agent, held_at) VALUES (?, ?, ?)
                    ON CONFLICT (call_id) WHERE resumed_at IS NULL DO NOTHING""")) {
                ps.setString(1, callId);
                ps.setString(2, agent);
                ps.setTimestamp(3, Timestamp.from(now));
                return ps.executeUpdate();
            }
        });
    }

    /** The caller of {@code callId} is back with the agent (or the call ended on hold): the open hold ends now. */
    public void resumed(String callId) {
        Instant now = clock.instant();
        Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE call_holds SET resumed_at = greatest(held_at, ?) WHERE call_id = ? AND resumed_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, callId);
                return ps.executeUpdate();
            }
        });
    }

    /** How long the caller of {@code callId} was on hold in all (an open hold counts up to now). */
    public Duration total(String callId) {
        Instant now = clock.instant();
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT coalesce(sum(extract(epoch FROM coalesce(resumed_at, greatest(held_at, ?)) - held_at)), 0)
                    FROM call_holds WHERE call_id = ?""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Duration.ofMillis(Math.round(rs.getDouble(1) * 1000));
                }
            }
        });
    }
}
