package io.hotline.tickets;

import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Voice messages callers left (complaints), in Hotline's own database: whichever node took the call, any node can
 * serve it to the agent. A message belongs to its call's ticket; it is kept for the retention period
 * ({@code HOTLINE_RECORDINGS_RETENTION}) and then deleted by {@link #deleteExpired()}.
 *
 * <p>Threading: thread-safe, blocking.
 */
public final class CallRecordings {
    /** A stored message. */
    @SuppressWarnings("ArrayRecordComponent") // the bytes are served once, never compared or kept as a key
    public record Stored(
            long id,
            String callId,
            String purpose,
            byte[] audio,
            String contentType,
            Duration length,
            String endedBy,
            Instant createdAt,
            Instant expiresAt) {}

    /** A message's facts without its audio, for screens. */
    public record Summary(
            long id, String purpose, Duration length, String endedBy, Instant createdAt, Instant expiresAt) {}

    private final DataSource ds;
    private final Clock clock;
    private final Duration retention;

    public CallRecordings(DataSource ds, Clock clock, Duration retention) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
    }

    /** How long messages are kept. */
    public Duration retention() {
        return retention;
    }

    /** Stores a message of {@code callId}; committed before returning. Returns its id. */
    public long keep(String callId, String purpose, byte[] audio, String contentType, Duration length, String endedBy) {
        Instant now = clock.instant();
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO call_recordings (call_id, purpose, audio, content_type, duration_ms, ended_by,
                                                 created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
                ps.setString(1, callId);
                ps.setString(2, purpose);
                ps.setBytes(3, audio);
                ps.setString(4, contentType);
                ps.setLong(5, length.toMillis());
                ps.setString(6, endedBy);
                ps.setTimestamp(7, Timestamp.from(now));
                ps.setTimestamp(8, Timestamp.from(now.plus(retention)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The newest unexpired message of the call, without its audio. */
    public Optional<Summary> latestOf(String callId) {
        if (callId == null) {
            return Optional.empty();
        }
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, purpose, duration_ms, ended_by, created_at, expires_at FROM call_recordings
                    WHERE call_id = ? AND expires_at > ? ORDER BY created_at DESC, id DESC LIMIT 1""")) {
                ps.setString(1, callId);
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Summary(
                            rs.getLong(1),
                            rs.getString(2),
                            Duration.ofMillis(rs.getLong(3)),
                            rs.getString(4),
                            Tickets.instant(rs, 5),
                            Tickets.instant(rs, 6)));
                }
            }
        });
    }

    /** The message with this id of this call, with its audio, unless it expired. */
    public Optional<Stored> audio(String callId, long id) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, call_id, purpose, audio, content_type, duration_ms, ended_by, created_at, expires_at
                    FROM call_recordings WHERE id = ? AND call_id = ? AND expires_at > ?""")) {
                ps.setLong(1, id);
                ps.setString(2, callId);
                ps.setTimestamp(3, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Stored(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getBytes(4),
                            rs.getString(5),
                            Duration.ofMillis(rs.getLong(6)),
                            rs.getString(7),
                            Tickets.instant(rs, 8),
                            Tickets.instant(rs, 9)));
                }
            }
        });
    }

    /** Deletes every message past its retention; returns how many. */
    public int deleteExpired() {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM call_recordings WHERE expires_at <= ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }
}
