package io.hotline.wallet;

import io.hotline.call.Masking;
import io.hotline.db.AuditLog;
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
import javax.sql.DataSource;

/**
 * Checking a reset code the customer typed into the app: single use, {@link Wallet#RESET_CODE_TTL} expiry,
 * {@link Wallet#RESET_CODE_TRIES} tries per code, {@link Wallet#RESET_CODE_FAILURES_PER_HOUR} wrong tries per
 * account per hour. Only the account's newest code counts, and only once its SMS was accepted. The account row
 * is locked, so concurrent checks of one account are counted one by one and a code is used up once.
 *
 * <p>The comparison is PBKDF2 then {@link java.security.MessageDigest#isEqual}; when there is no code to compare
 * with, a dummy hash is computed all the same, so the time taken does not tell whether a code exists.
 */
final class ResetCodeChecks {
    private static final String DUMMY = SecretHash.hash("000000", AccountRecovery.CODE_HASH_ITERATIONS);

    private final DataSource ds;
    private final Clock clock;

    ResetCodeChecks(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    ResetCodeCheck verify(String msisdn, String code, String actor) {
        String national = Wallet.national(msisdn);
        return Tx.inTransaction(ds, c -> {
            Instant now = clock.instant();
            Long accountId = accountId(c, national);
            if (accountId == null) {
                SecretHash.matches(code, DUMMY);
                AuditLog.append(
                        c,
                        now,
                        actor,
                        "reset_code_rejected",
                        "msisdn:" + Masking.phone(national),
                        Json.write(new Rejected("no_account")),
                        null);
                return ResetCodeCheck.NO_VALID_CODE;
            }
            Freezes.lockAccount(c, accountId);
            String subject = Freezes.subject(accountId);
            if (failuresLastHour(c, accountId, now) >= Wallet.RESET_CODE_FAILURES_PER_HOUR) {
                SecretHash.matches(code, DUMMY);
                AuditLog.append(
                        c, now, actor, "reset_code_rejected", subject, Json.write(new Rejected("locked")), null);
                return ResetCodeCheck.LOCKED;
            }
            long codeId = 0;
            String hash = null;
            int failed = 0;
            String callId = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.id, r.code_hash, r.failed_tries, r.call_id FROM reset_codes r
                    WHERE r.account_id = ? AND r.used_at IS NULL AND r.expires_at > ?
                      AND r.id = (SELECT max(id) FROM reset_codes WHERE account_id = r.account_id)
                      AND EXISTS (SELECT 1 FROM sms_outbox o WHERE o.reset_code_id = r.id AND o.status = 'accepted')""")) {
                ps.setLong(1, accountId);
                ps.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        codeId = rs.getLong(1);
                        hash = rs.getString(2);
                        failed = rs.getInt(3);
                        callId = rs.getString(4);
                    }
                }
            }
            boolean right = SecretHash.matches(code, hash == null ? DUMMY : hash);
            if (hash != null && right) {
                update(c, "UPDATE reset_codes SET used_at = ? WHERE id = ?", now, codeId);
                AuditLog.append(
                        c, now, actor, "reset_code_verified", subject, Json.write(new Verified(codeId)), callId);
                return ResetCodeCheck.VALID;
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO reset_code_failures (account_id, at) VALUES (?, ?)")) {
                ps.setLong(1, accountId);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.executeUpdate();
            }
            if (hash == null) {
                AuditLog.append(
                        c, now, actor, "reset_code_rejected", subject, Json.write(new Rejected("no_valid_code")), null);
                return ResetCodeCheck.NO_VALID_CODE;
            }
            int tries = failed + 1;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE reset_codes SET failed_tries = ?, expires_at = CASE WHEN ? THEN ? ELSE expires_at END
                    WHERE id = ?""")) {
                ps.setInt(1, tries);
                ps.setBoolean(2, tries >= Wallet.RESET_CODE_TRIES);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setLong(4, codeId);
                ps.executeUpdate();
            }
            var wrong = new WrongCode("wrong", codeId, Math.max(0, Wallet.RESET_CODE_TRIES - tries));
            AuditLog.append(c, now, actor, "reset_code_rejected", subject, Json.write(wrong), callId);
            return ResetCodeCheck.WRONG;
        });
    }

    private static Long accountId(Connection c, String national) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM accounts WHERE msisdn = ?")) {
            ps.setString(1, national);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static int failuresLastHour(Connection c, long accountId, Instant now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT count(*) FROM reset_code_failures WHERE account_id = ? AND at > ?")) {
            ps.setLong(1, accountId);
            ps.setTimestamp(2, Timestamp.from(now.minus(Duration.ofHours(1))));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void update(Connection c, String sql, Instant at, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** The audit detail of a code refused before it was compared: {@code no_account}, {@code locked}, ... */
    private record Rejected(String reason) {}

    /** The audit detail of a wrong code ({@code reason} is {@code wrong}). */
    private record WrongCode(String reason, long resetCode, int triesLeft) {}

    /** The audit detail of a right code: which reset code it used up. */
    private record Verified(long resetCode) {}
}
