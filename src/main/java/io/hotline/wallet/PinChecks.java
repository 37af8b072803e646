package io.hotline.wallet;

import io.hotline.db.SecretHash;
import io.hotline.db.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * PIN checks with lockout. The account row is locked ({@code FOR UPDATE}) for the read-check-write, so
 * wrong PINs typed at the same moment on two calls are counted one after the other and can never give
 * more than {@link Wallet#PIN_ATTEMPTS} tries.
 */
final class PinChecks {
    private final DataSource ds;
    private final Clock clock;

    PinChecks(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    PinCheck verify(long accountId, String pin) {
        return Tx.inTransaction(ds, c -> {
            String hash;
            int failed;
            Instant lockedUntil;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pin_hash, pin_failed_count, pin_locked_until FROM accounts WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw Wallet.noAccount(accountId);
                    }
                    hash = rs.getString(1);
                    failed = rs.getInt(2);
                    lockedUntil = Wallet.instant(rs, 3);
                }
            }
            Instant now = clock.instant();
            if (lockedUntil != null && now.isBefore(lockedUntil)) {
                return new PinCheck(PinResult.LOCKED, 0, lockedUntil);
            }
            if (lockedUntil != null) {
                failed = 0; // the lock has run out: a fresh set of tries
            }
            PinCheck result;
            Instant newLock = null;
            if (pin != null && SecretHash.matches(pin, hash)) {
                failed = 0;
                result = new PinCheck(PinResult.OK, Wallet.PIN_ATTEMPTS, null);
            } else {
                failed++;
                if (failed >= Wallet.PIN_ATTEMPTS) {
                    newLock = now.plus(Wallet.PIN_LOCK);
                    result = new PinCheck(PinResult.LOCKED, 0, newLock);
                } else {
                    result = new PinCheck(PinResult.WRONG, Wallet.PIN_ATTEMPTS - failed, null);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE accounts SET pin_failed_count = ?, pin_locked_until = ? WHERE id = ?")) {
                ps.setInt(1, failed);
                ps.setTimestamp(2, newLock == null ? null : Timestamp.from(newLock));
                ps.setLong(3, accountId);
                ps.executeUpdate();
            }
            return result;
        });
    }
}
