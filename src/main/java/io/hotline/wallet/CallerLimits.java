package io.hotline.wallet;

import io.hotline.db.SecretHash;
import io.hotline.db.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Rate limits per calling number (ANI) on identity checks, on top of the per-account PIN lock: one phone
 * may get at most {@link #LOOKUPS_PER_HOUR} typed phone numbers wrong (finding no account) and at most
 * {@link #PINS_PER_HOUR} PINs wrong, over any accounts, in the last hour; after that its identity checks
 * answer "locked" until the oldest failure is an hour old. A caller who withholds the number shares one
 * bucket with everyone who does (they can still reach an agent).
 *
 * <p>The table keeps the number only as a SHA-256 hash, and no longer than needed: rows older than the
 * window are deleted as new ones are written.
 *
 * <p>Threading: blocking, thread-safe; every method commits before it returns.
 */
public final class CallerLimits {
    /** Typed phone numbers finding no account, per calling number per hour. */
    public static final int LOOKUPS_PER_HOUR = 5;
    /** Wrong PINs, over all accounts, per calling number per hour. */
    public static final int PINS_PER_HOUR = 5;

    static final Duration WINDOW = Duration.ofHours(1);

    /** What is counted. */
    public enum Kind {
        LOOKUP("lookup", LOOKUPS_PER_HOUR),
        PIN("pin", PINS_PER_HOUR);

        private final String wire;
        private final int limit;

        Kind(String wire, int limit) {
            this.wire = wire;
            this.limit = limit;
        }

        public int limit() {
            return limit;
        }

        String wire() {
            return wire;
        }
    }

    /** Failures of a bucket and kind since a time: parameters hash, kind, since. */
    static final String COUNT = "SELECT count(*) FROM caller_attempts WHERE caller_hash = ? AND kind = ? AND at > ?";

    private final DataSource ds;
    private final Clock clock;

    public CallerLimits(DataSource ds, Clock clock) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True when {@code caller} has used up its failures of this kind within the last hour. */
    public boolean locked(String caller, Kind kind) {
        Instant since = clock.instant().minus(WINDOW);
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement(COUNT)) {
                ps.setString(1, bucket(caller));
                ps.setString(2, kind.wire);
                ps.setTimestamp(3, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) >= kind.limit;
                }
            }
        });
    }

    /** Counts one failure of this kind for {@code caller}; forgets failures older than the window. */
    public void failed(String caller, Kind kind) {
        Instant now = clock.instant();
        String hash = bucket(caller);
        Tx.inTransaction(ds, c -> {
            failed(c, hash, kind, now);
            return null;
        });
    }

    /** Counts one failure for the bucket {@code hash} in the caller's transaction on {@code c}. */
    static void failed(Connection c, String hash, Kind kind, Instant now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM caller_attempts WHERE caller_hash = ? AND at <= ?")) {
            ps.setString(1, hash);
            ps.setTimestamp(2, Timestamp.from(now.minus(WINDOW)));
            ps.executeUpdate();
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO caller_attempts (caller_hash, kind, at) VALUES (?, ?, ?)")) {
            ps.setString(1, hash);
            ps.setString(2, kind.wire);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** The hashed bucket of a calling number: its national digits, or one bucket for withheld numbers. */
    static String bucket(String caller) {
        String national = Wallet.national(caller);
        return SecretHash.sha256Hex("caller:" + (national.isEmpty() ? "withheld" : national));
    }
}
