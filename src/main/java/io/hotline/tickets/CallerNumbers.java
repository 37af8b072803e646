package io.hotline.tickets;

import io.hotline.db.AuditLog;
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
 * Callers' full numbers, kept only sealed ({@code io.hotline.secrets.NumberVault}, purpose {@code "caller"}) in
 * {@code caller_numbers}, one per call, for the retention period ({@code HOTLINE_CALLER_NUMBER_RETENTION}); then
 * {@link #deleteExpired()} removes them. This class never sees a number in clear: it stores and hands out the
 * sealed text, and every hand-out is written to the audit log in the same transaction.
 *
 * <p>Threading: thread-safe, blocking.
 */
public final class CallerNumbers {
    /** The purpose callers' numbers are sealed for ({@code NumberVault}): the handling agent's reveal. */
    public static final String PURPOSE = "caller";

    /** How long sealed numbers are kept by default ({@code HOTLINE_CALLER_NUMBER_RETENTION}). */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private final DataSource ds;
    private final Clock clock;
    private final Duration retention;

    public CallerNumbers(DataSource ds, Clock clock, Duration retention) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
    }

    /** How long sealed numbers are kept. */
    public Duration retention() {
        return retention;
    }

    /** Keeps the sealed number of {@code callId}; a second one for the same call is ignored. */
    public void keep(String callId, String sealed) {
        Instant now = clock.instant();
        Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO caller_numbers (call_id, sealed, created_at, expires_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (call_id) DO NOTHING""")) {
                ps.setString(1, callId);
                ps.setString(2, sealed);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setTimestamp(4, Timestamp.from(now.plus(retention)));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * The sealed number of {@code callId} for {@code actor} to reveal, if it is still kept; the hand-out is
     * audited ({@code caller_number_revealed}, subject the ticket) in the same transaction, so no number leaves
     * without its audit row.
     */
    public Optional<String> revealTo(String actor, String callId, String ticket) {
        if (ticket == null || !ticket.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("ticket must be a ticket reference");
        }
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            String sealed;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT sealed FROM caller_numbers WHERE call_id = ? AND expires_at > ?")) {
                ps.setString(1, callId);
                ps.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<String>empty();
                    }
                    sealed = rs.getString(1);
                }
            }
            AuditLog.append(
                    c,
                    now,
                    actor,
                    "caller_number_revealed",
                    "ticket:" + ticket,
                    "{\"ticket\":\"" + ticket + "\"}",
                    callId);
            return Optional.of(sealed);
        });
    }

    /** Deletes the sealed numbers past their retention; returns how many. */
    public int deleteExpired() {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM caller_numbers WHERE expires_at <= ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                return ps.executeUpdate();
            }
        });
    }
}
