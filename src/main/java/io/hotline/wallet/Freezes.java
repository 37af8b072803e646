package io.hotline.wallet;

import static io.hotline.db.AuditLog.INSERT_SELECTED;

import io.hotline.db.AuditLog;
import io.hotline.db.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Freezing and unfreezing. Both lock the account row first ({@code SELECT ... FOR UPDATE}), so
 * concurrent requests for one account run one after the other: the first creates the freeze, the
 * others find it. The partial unique index {@code freezes_one_open_per_account} backs this up in the
 * schema. Every request is audited in the same transaction. A freeze of an account that is already
 * frozen, the common repeat, is answered without the lock, in one statement that reads and audits.
 */
final class Freezes {
    private final DataSource ds;
    private final Clock clock;

    Freezes(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** How long a freeze notice may wait for the SMS centre before it is given up. */
    static final java.time.Duration NOTICE_TTL = java.time.Duration.ofHours(24);

    /** @param noticeLang queue a freeze notice SMS to the registered phone in this language; null for none */
    Freeze freeze(long accountId, String callId, String actor, String reason, String noticeLang) {
        String by = actor == null || actor.isBlank() ? "ivr" : actor;
        String why = reason == null || reason.isBlank() ? "requested by caller" : reason;
        Freeze repeated = Tx.withConnection(ds, c -> alreadyFrozen(c, accountId, by, why, callId));
        if (repeated != null) {
            return repeated;
        }
        return Tx.inTransaction(ds, c -> {
            String status = lockAccount(c, accountId);
            Instant now = clock.instant();
            Freeze existing = openFreeze(c, accountId);
            Freeze result;
            if (existing != null) {
                result = existing;
            } else {
                // the account's status changes in the same statement: one round trip fewer while the caller waits
                try (PreparedStatement ps = c.prepareStatement("""
                        WITH frozen AS (UPDATE accounts SET status = 'frozen' WHERE id = ? AND status = 'active')
                        INSERT INTO freezes (reference, account_id, frozen_at, frozen_by, reason, call_id)
                        VALUES ('F-' || nextval('freeze_ref_seq'), ?, ?, ?, ?, ?) RETURNING reference""")) {
                    ps.setLong(1, accountId);
                    ps.setLong(2, accountId);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setString(4, by);
                    ps.setString(5, why);
                    ps.setString(6, callId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        result = new Freeze(rs.getString(1), now, false);
                    }
                }
                if (noticeLang != null) {
                    queueNotice(c, accountId, result, callId, noticeLang);
                }
            }
            if (existing != null && "active".equals(status)) { // an open freeze on an active account: mend it
                setStatus(c, accountId, "frozen");
            }
            audit(c, now, by, accountId, result, why, callId);
            return result;
        });
    }

    /**
     * The repeated request (a second call about the same stolen phone), without locking: when the account
     * is frozen and its freeze open, that is the answer, and the request is audited in the same statement. Null
     * when anything is otherwise, for the locked path to settle. An agent's unfreeze committing meanwhile
     * is ordered after this read, as it would be after a locked one.
     */
    private Freeze alreadyFrozen(Connection c, long accountId, String by, String why, String callId)
            throws SQLException {
        // one statement, so one round trip: the read, and the audit row only when the read found the freeze
        try (PreparedStatement ps = c.prepareStatement("WITH open_freeze AS ("
                + "SELECT f.reference, f.frozen_at FROM accounts a"
                + " JOIN freezes f ON f.account_id = a.id AND f.released_at IS NULL"
                + " WHERE a.id = ? AND a.status = 'frozen'), audited AS ("
                + INSERT_SELECTED
                + "SELECT ?, ?, 'freeze_repeated', ?, jsonb_build_object('reference', reference, 'reason', ?::text,"
                + " 'alreadyFrozen', true), ? FROM open_freeze) "
                + "SELECT reference, frozen_at FROM open_freeze")) {
            ps.setLong(1, accountId);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setString(3, by);
            ps.setString(4, subject(accountId));
            ps.setString(5, why);
            ps.setString(6, callId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Freeze(rs.getString(1), Wallet.instant(rs, 2), true) : null;
            }
        }
    }

    /** "Your wallet was frozen by a call to the hotline at 10:02, ref F-...": in the freeze's transaction. */
    private void queueNotice(Connection c, long accountId, Freeze f, String callId, String lang) throws SQLException {
        String msisdn;
        try (PreparedStatement ps = c.prepareStatement("SELECT msisdn FROM accounts WHERE id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                msisdn = rs.getString(1);
            }
        }
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .format(f.frozenAt().atZone(clock.getZone()));
        SmsOutbox.enqueue(
                c,
                f.frozenAt(),
                new SmsOutbox.NewSms(
                        msisdn,
                        SmsKind.FREEZE_NOTICE,
                        lang,
                        Map.of("ref", f.reference(), "time", time),
                        null,
                        false,
                        accountId,
                        null,
                        callId,
                        f.frozenAt().plus(NOTICE_TTL)));
    }

    private static void audit(
            Connection c, Instant at, String by, long accountId, Freeze result, String why, String callId)
            throws SQLException {
        AuditLog.append(
                c,
                at,
                by,
                result.alreadyFrozen() ? "freeze_repeated" : "freeze",
                subject(accountId),
                Json.write(new FreezeDetail(result.reference(), why, result.alreadyFrozen())),
                callId);
    }

    /** The audit detail of a freeze ({@code freeze}, {@code freeze_repeated}). */
    private record FreezeDetail(String reference, String reason, boolean alreadyFrozen) {}

    /** The audit detail of an unfreeze; {@code reference} is null when no freeze was open. */
    private record UnfreezeDetail(String reference, String reason, boolean wasFrozen) {}

    Unfreeze unfreeze(long accountId, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an unfreeze needs a reason");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("an unfreeze needs an actor");
        }
        return Tx.inTransaction(ds, c -> {
            String status = lockAccount(c, accountId);
            Instant now = clock.instant();
            String reference = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE freezes SET released_at = ?, released_by = ?, release_reason = ?
                    WHERE account_id = ? AND released_at IS NULL RETURNING reference""")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, actor);
                ps.setString(3, reason);
                ps.setLong(4, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        reference = rs.getString(1);
                    }
                }
            }
            boolean wasFrozen = reference != null || "frozen".equals(status);
            if ("frozen".equals(status)) {
                setStatus(c, accountId, "active");
            }
            AuditLog.append(
                    c,
                    now,
                    actor,
                    "unfreeze",
                    subject(accountId),
                    Json.write(new UnfreezeDetail(reference, reason, wasFrozen)),
                    null);
            return new Unfreeze(reference, wasFrozen);
        });
    }

    static String subject(long accountId) {
        return "account:" + accountId;
    }

    /** Locks the account row for this transaction and returns its status. */
    static String lockAccount(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM accounts WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Wallet.noAccount(accountId);
                }
                return rs.getString(1);
            }
        }
    }

    private static Freeze openFreeze(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT reference, frozen_at FROM freezes WHERE account_id = ? AND released_at IS NULL")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Freeze(rs.getString(1), Wallet.instant(rs, 2), true) : null;
            }
        }
    }

    private static void setStatus(Connection c, long accountId, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET status = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setLong(2, accountId);
            ps.executeUpdate();
        }
    }
}
