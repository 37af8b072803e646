package io.hotline.wallet;

import io.hotline.call.Masking;
import io.hotline.db.AuditLog;
import io.hotline.db.SecretHash;
import io.hotline.db.Tx;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Getting a locked-out customer back in: password-reset codes by SMS (rate limited per account) and
 * app login unlocks. Both lock the account row, so concurrent requests are counted one by one.
 */
final class AccountRecovery {
    /** Reset codes are short-lived and random, so fewer iterations than a PIN are enough. */
    static final int CODE_HASH_ITERATIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource ds;
    private final Clock clock;

    AccountRecovery(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    ResetCode sendResetCode(long accountId, String callId, String lang) {
        return Tx.inTransaction(ds, c -> {
            Freezes.lockAccount(c, accountId);
            String msisdn = msisdn(c, accountId);
            String masked = Masking.phone(msisdn);
            Instant now = clock.instant();
            int recent;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(*) FROM reset_codes WHERE account_id = ? AND created_at > ?")) {
                ps.setLong(1, accountId);
                ps.setTimestamp(2, Timestamp.from(now.minus(Duration.ofHours(1))));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    recent = rs.getInt(1);
                }
            }
            if (recent >= Wallet.RESET_CODES_PER_HOUR) {
                AuditLog.append(
                        c,
                        now,
                        "ivr",
                        "reset_code_rate_limited",
                        Freezes.subject(accountId),
                        Json.write(Map.of("sentLastHour", recent)),
                        callId);
                return new ResetCode(ResetResult.RATE_LIMITED, masked, 0);
            }
            String code = String.format("%06d", RANDOM.nextInt(1_000_000));
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE reset_codes SET expires_at = ? WHERE account_id = ? AND used_at IS NULL AND expires_at > ?""")) {
                // only the newest code works
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setLong(2, accountId);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.executeUpdate();
            }
            long codeId;
            Instant expires = now.plus(Wallet.RESET_CODE_TTL);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO reset_codes (account_id, code_hash, created_at, expires_at, call_id)
                    VALUES (?, ?, ?, ?, ?) RETURNING id""")) {
                ps.setLong(1, accountId);
                ps.setString(2, SecretHash.hash(code, CODE_HASH_ITERATIONS));
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setTimestamp(4, Timestamp.from(expires));
                ps.setString(5, callId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    codeId = rs.getLong(1);
                }
            }
            // the code goes into the outbox sealed, for this process's sender only (see CodeSeal)
            long messageId = SmsOutbox.enqueue(
                    c,
                    now,
                    new SmsOutbox.NewSms(
                            msisdn,
                            SmsKind.RESET_CODE,
                            lang,
                            Map.of(),
                            code,
                            true,
                            accountId,
                            codeId,
                            callId,
                            expires));
            AuditLog.append(
                    c,
                    now,
                    "ivr",
                    "reset_code_issued",
                    Freezes.subject(accountId),
                    Json.write(Map.of("to", masked, "sms", messageId)),
                    callId);
            return new ResetCode(ResetResult.QUEUED, masked, messageId);
        });
    }

    Unlock unlockLogin(long accountId, String callId, String actor, String reason) {
        String by = actor == null || actor.isBlank() ? "ivr" : actor;
        return Tx.inTransaction(ds, c -> {
            Freezes.lockAccount(c, accountId);
            boolean wasLocked;
            try (PreparedStatement ps = c.prepareStatement("SELECT login_locked FROM accounts WHERE id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    wasLocked = rs.getBoolean(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE accounts SET login_locked = false, login_failed_count = 0 WHERE id = ?")) {
                ps.setLong(1, accountId);
                ps.executeUpdate();
            }
            AuditLog.append(
                    c,
                    clock.instant(),
                    by,
                    "unlock_login",
                    Freezes.subject(accountId),
                    Json.write(
                            reason == null
                                    ? Map.of("wasLocked", wasLocked)
                                    : Map.of("wasLocked", wasLocked, "reason", reason)),
                    callId);
            return new Unlock(wasLocked);
        });
    }

    private static String msisdn(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT msisdn FROM accounts WHERE id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Wallet.noAccount(accountId);
                }
                return rs.getString(1);
            }
        }
    }
}
