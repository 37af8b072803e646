package io.hotline.wallet;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.db.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * PIN checks with lockout, counted apart for the account's registered phone and for every other number:
 * wrong PINs from the registered phone lock checks from it after {@link Wallet#PIN_ATTEMPTS}, wrong PINs
 * from other numbers (all of them together, and a call with no number) lock checks from other numbers
 * after {@link Wallet#OTHER_PHONE_PIN_ATTEMPTS}, each for {@link Wallet#PIN_LOCK}. So a stranger who types
 * someone's number and guesses cannot lock the owner calling from the registered phone, and guessing stays
 * bounded both ways. (Caller ID can be spoofed: a spoofer of the registered number uses up that number's
 * tries, not the other numbers'; see the README.)
 *
 * <p>The account row is locked ({@code FOR UPDATE}) for the read-check-write, so wrong PINs typed at the
 * same moment on two calls are counted one after the other and can never give more tries than the limit. A
 * right PIN whose hash is in an older form (PBKDF2 from before the pepper) is stored again in the current one
 * in the same transaction. A right PIN with nothing to reset, the usual case, is decided on one plain read,
 * without the lock or a write.
 *
 * <p>The calling number's wrong PINs ({@link CallerLimits}) are read in that same statement, and a wrong
 * or locked answer counts against the number in the transaction that counts it against the account: one
 * round trip for a right PIN, two for a wrong one.
 */
final class PinChecks {
    private final DataSource ds;
    private final Clock clock;
    private final PinHasher hasher;

    PinChecks(DataSource ds, Clock clock, PinHasher hasher) {
        this.ds = ds;
        this.clock = clock;
        this.hasher = hasher;
    }

    /** Whose tries a check uses: the registered phone's, or those of every other number. */
    private enum Side {
        REGISTERED("UPDATE accounts SET pin_failed_count = ?, pin_locked_until = ? WHERE id = ?", Wallet.PIN_ATTEMPTS),
        OTHER(
                "UPDATE accounts SET pin_other_failed_count = ?, pin_other_locked_until = ? WHERE id = ?",
                Wallet.OTHER_PHONE_PIN_ATTEMPTS);

        /** Writes this side's count and lock: parameters count, lock, account id. */
        final String update;

        final int attempts;

        Side(String update, int attempts) {
            this.update = update;
            this.attempts = attempts;
        }

        @SuppressFBWarnings(
                value = "SQL_INJECTION_JDBC",
                justification = "update is one of the two fixed statements above")
        PreparedStatement prepareUpdate(Connection c) throws SQLException {
            return c.prepareStatement(update);
        }
    }

    private static final String COLUMNS =
            "pin_hash, msisdn, pin_failed_count, pin_locked_until, " + "pin_other_failed_count, pin_other_locked_until";
    private static final String READ = "SELECT " + COLUMNS + " FROM accounts WHERE id = ?";
    private static final String READ_LOCKED = READ + " FOR UPDATE";
    private static final String READ_WITH_CALLER =
            "SELECT " + COLUMNS + ", (" + CallerLimits.COUNT + ") FROM accounts WHERE id = ?";

    /** The PIN columns of an account as read for one side, and the calling number's recent wrong PINs. */
    private record PinRow(String hash, int failed, Instant lockedUntil, long callerFailures) {}

    /**
     * Checks {@code pin}; {@code caller} is the calling number, or null to count wrong PINs only per account
     * (as another number's; tests of the account lock).
     */
    PinCheck verify(long accountId, String pin, String caller) {
        return verify(accountId, pin, caller, true);
    }

    /** As {@link #verify(long, String, String)}; {@code countCaller} false leaves the calling number's count alone. */
    PinCheck verify(long accountId, String pin, String caller, boolean countCaller) {
        String bucket = caller == null || !countCaller ? null : CallerLimits.bucket(caller);
        String national = Wallet.national(caller);
        Instant since = clock.instant().minus(CallerLimits.WINDOW);
        // The common case, a right PIN on an account with no wrong ones and no lock, needs no row lock and
        // no write: one read. Anything else is decided again under the lock.
        Object[] sideSeen = new Object[1];
        PinRow seen = Tx.withConnection(ds, c -> readFirst(c, accountId, bucket, since, national, sideSeen));
        Side side = (Side) sideSeen[0];
        if (seen.callerFailures() >= CallerLimits.Kind.PIN.limit()) {
            return new PinCheck(PinResult.CALLER_LOCKED, 0, null); // the PIN is not even checked
        }
        PinHasher.Check seenCheck = hasher.check(pin, seen.hash()); // a wrong pepper throws: nothing is counted
        if (seenCheck.matches() && !seenCheck.rehash() && seen.failed() == 0 && seen.lockedUntil() == null) {
            return new PinCheck(PinResult.OK, side.attempts, null);
        }
        return Tx.inTransaction(ds, c -> {
            PinRow row = readLocked(c, accountId, side);
            String hash = row.hash();
            int failed = row.failed();
            Instant lockedUntil = row.lockedUntil();
            int before = failed;
            Instant now = clock.instant();
            if (lockedUntil != null && now.isBefore(lockedUntil)) {
                countAgainstCaller(c, bucket, now);
                return new PinCheck(PinResult.LOCKED, 0, lockedUntil);
            }
            if (lockedUntil != null) {
                failed = 0; // the lock has run out: a fresh set of tries
            }
            PinCheck result;
            Instant newLock = null;
            PinHasher.Check check = java.util.Objects.equals(hash, seen.hash()) ? seenCheck : hasher.check(pin, hash);
            if (check.matches()) {
                failed = 0;
                if (check.rehash()) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET pin_hash = ? WHERE id = ?")) {
                        ps.setString(1, hasher.hash(pin));
                        ps.setLong(2, accountId);
                        ps.executeUpdate();
                    }
                }
                result = new PinCheck(PinResult.OK, side.attempts, null);
            } else {
                failed++;
                if (failed >= side.attempts) {
                    newLock = now.plus(Wallet.PIN_LOCK);
                    result = new PinCheck(PinResult.LOCKED, 0, newLock);
                } else {
                    result = new PinCheck(PinResult.WRONG, side.attempts - failed, null);
                }
            }
            if (result.result() != PinResult.OK) {
                countAgainstCaller(c, bucket, now);
            }
            if (failed == before && newLock == null && lockedUntil == null) {
                return result; // a right PIN with no wrong ones before it: nothing to write
            }
            try (PreparedStatement ps = side.prepareUpdate(c)) {
                ps.setInt(1, failed);
                ps.setTimestamp(2, newLock == null ? null : Timestamp.from(newLock));
                ps.setLong(3, accountId);
                ps.executeUpdate();
            }
            return result;
        });
    }

    private static void countAgainstCaller(Connection c, String bucket, Instant now) throws SQLException {
        if (bucket != null) {
            CallerLimits.failed(c, bucket, CallerLimits.Kind.PIN, now);
        }
    }

    /** The side a calling number's checks count on: the registered phone's only for that very number. */
    private static Side side(String callerNational, String accountMsisdn) {
        return !callerNational.isEmpty() && callerNational.equals(Wallet.national(accountMsisdn))
                ? Side.REGISTERED
                : Side.OTHER;
    }

    /** The unlocked first read, with the caller's recent wrong PINs when there is a caller. */
    private static PinRow readFirst(
            Connection c, long accountId, String bucket, Instant since, String national, Object[] sideOut)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(bucket == null ? READ : READ_WITH_CALLER)) {
            if (bucket == null) {
                ps.setLong(1, accountId);
            } else {
                ps.setString(1, bucket);
                ps.setString(2, CallerLimits.Kind.PIN.wire());
                ps.setTimestamp(3, Timestamp.from(since));
                ps.setLong(4, accountId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Wallet.noAccount(accountId);
                }
                Side side = side(national, rs.getString(2));
                sideOut[0] = side;
                return row(rs, side, bucket == null ? 0 : rs.getLong(7));
            }
        }
    }

    private static PinRow readLocked(Connection c, long accountId, Side side) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ_LOCKED)) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Wallet.noAccount(accountId);
                }
                return row(rs, side, 0);
            }
        }
    }

    private static PinRow row(ResultSet rs, Side side, long callerFailures) throws SQLException {
        return side == Side.REGISTERED
                ? new PinRow(rs.getString(1), rs.getInt(3), Wallet.instant(rs, 4), callerFailures)
                : new PinRow(rs.getString(1), rs.getInt(5), Wallet.instant(rs, 6), callerFailures);
    }
}
