package io.hotline.wallet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotline.call.Masking;
import io.hotline.db.AuditLog;
import io.hotline.db.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The SMS outbox as senders work it: claims with a lease, then exactly one settlement per claim.
 *
 * <p>A claim is {@code SELECT ... FOR UPDATE SKIP LOCKED} plus a lease ({@code status = 'sending'},
 * {@code lease_until}, a fresh {@code lease_token}) in one statement, so two senders on one database never
 * claim the same row, and a settlement names the token ({@code WHERE lease_token = ?}): a sender whose lease
 * lapsed and was taken over cannot settle the row a second time. A background row whose lease lapsed (its node
 * died mid-send) is claimed again: delivery is at least once. An in-call row is never taken over: past its
 * lease it is cancelled, because the call that waited for it has moved on.
 *
 * <p>Settling a message as accepted, failed, cancelled or expired drops its sealed code; failed, cancelled or
 * expired also makes its reset code void. Every settlement is audited, without the text or the full number.
 *
 * <p>Threading: thread-safe, blocking (JDBC); call on a virtual thread.
 */
public final class SmsOutbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RETURNING = " RETURNING o.id, o.msisdn, o.kind, o.lang, o.params::text, o.sealed_code,"
            + " o.seal_key, o.attempts, o.expires_at, o.in_call, o.call_id, o.lease_token";

    private final DataSource ds;
    private final Clock clock;

    public SmsOutbox(DataSource ds, Clock clock) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.clock = Clock.tick(Objects.requireNonNull(clock, "clock"), Duration.ofNanos(1_000));
    }

    /** A message to queue, inside the transaction of the change it tells about. */
    record NewSms(
            String msisdn,
            SmsKind kind,
            String lang,
            Map<String, String> params,
            String code,
            boolean inCall,
            Long accountId,
            Long resetCodeId,
            String callId,
            Instant expiresAt) {}

    /** Queues a message in {@code c}'s transaction; returns its id. The body stored has any code blanked. */
    static long enqueue(Connection c, Instant now, NewSms m) throws SQLException {
        String lang = "zh".equals(m.lang()) ? "zh" : "en";
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO sms_outbox (msisdn, body, created_at, kind, lang, params, sealed_code, seal_key, in_call,
                                        account_id, reset_code_id, call_id, next_attempt_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, m.msisdn());
            ps.setString(2, SmsText.stored(m.kind(), lang, m.params()));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, m.kind().wire());
            ps.setString(5, lang);
            ps.setString(6, Json.write(m.params()));
            ps.setBytes(7, m.code() == null ? null : CodeSeal.PROCESS.seal(m.code(), m.msisdn()));
            ps.setString(8, m.code() == null ? null : CodeSeal.PROCESS.keyId());
            ps.setBoolean(9, m.inCall());
            ps.setObject(10, m.accountId());
            ps.setObject(11, m.resetCodeId());
            ps.setString(12, m.callId());
            ps.setTimestamp(13, Timestamp.from(now));
            ps.setTimestamp(14, m.expiresAt() == null ? null : Timestamp.from(m.expiresAt()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Queues a text with no secret in it (operators, tests); sent in the background. */
    public long enqueueText(String msisdn, String text, String lang) {
        Instant now = clock.instant();
        return Tx.inTransaction(
                ds,
                c -> enqueue(
                        c,
                        now,
                        new NewSms(
                                msisdn,
                                SmsKind.TEXT,
                                lang,
                                Map.of("text", text),
                                null,
                                false,
                                null,
                                null,
                                null,
                                null)));
    }

    /**
     * Queues the SMS that gives a caller their complaint's reference and when it will be answered ({@code due},
     * as it should be read, e.g. {@code 2 Dec 10:15}); sent in the background and retried until it goes.
     */
    public long enqueueComplaintReference(
            String msisdn, String reference, String due, String lang, Long accountId, String callId) {
        Instant now = clock.instant();
        return Tx.inTransaction(
                ds,
                c -> enqueue(
                        c,
                        now,
                        new NewSms(
                                msisdn,
                                SmsKind.COMPLAINT_REFERENCE,
                                lang,
                                Map.of("ref", reference, "due", due),
                                null,
                                false,
                                accountId,
                                null,
                                callId,
                                null)));
    }

    /**
     * Claims up to {@code max} background messages that are due (or whose sender's lease lapsed), oldest first,
     * for {@code lease}. Rows another sender holds are skipped, not waited for.
     */
    public List<OutboxMessage> claimDue(String node, int max, Duration lease) {
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH due AS (
                        SELECT id FROM sms_outbox
                        WHERE NOT in_call AND (expires_at IS NULL OR expires_at > ?)
                          AND ((status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?))
                        ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
                    UPDATE sms_outbox o SET status = 'sending', lease_owner = ?, lease_token = ?, lease_until = ?,
                                            attempts = o.attempts + 1
                    FROM due WHERE o.id = due.id""" + RETURNING)) {
                Timestamp t = Timestamp.from(now);
                ps.setTimestamp(1, t);
                ps.setTimestamp(2, t);
                ps.setTimestamp(3, t);
                ps.setInt(4, max);
                ps.setString(5, node);
                ps.setString(6, token);
                ps.setTimestamp(7, Timestamp.from(now.plus(lease)));
                try (ResultSet rs = ps.executeQuery()) {
                    List<OutboxMessage> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(message(rs));
                    }
                    out.sort(java.util.Comparator.comparingLong(OutboxMessage::id));
                    return out;
                }
            }
        });
    }

    /**
     * Claims one in-call message (again, for a retry within the call's budget) for {@code lease}; empty when it
     * is not open any more (settled, expired) or another sender holds it.
     */
    public Optional<OutboxMessage> claim(long id, String node, Duration lease) {
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH one AS (
                        SELECT id FROM sms_outbox
                        WHERE id = ? AND status = 'pending' AND (expires_at IS NULL OR expires_at > ?)
                        FOR UPDATE SKIP LOCKED)
                    UPDATE sms_outbox o SET status = 'sending', lease_owner = ?, lease_token = ?, lease_until = ?,
                                            attempts = o.attempts + 1
                    FROM one WHERE o.id = one.id""" + RETURNING)) {
                ps.setLong(1, id);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, node);
                ps.setString(4, token);
                ps.setTimestamp(5, Timestamp.from(now.plus(lease)));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(message(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The SMS centre accepted it as {@code providerId}: settled, code dropped. False if the lease was lost. */
    public boolean accepted(OutboxMessage m, String gateway, String providerId) {
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            boolean settled = settle(c, """
                    UPDATE sms_outbox SET status = 'accepted', sent_at = ?, provider_id = ?, sealed_code = NULL,
                           lease_token = NULL, lease_until = NULL, last_error = NULL
                    WHERE id = ? AND lease_token = ? AND status = 'sending'""", ps -> {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, providerId);
                ps.setLong(3, m.id());
                ps.setString(4, m.leaseToken());
            });
            if (settled) {
                audit(c, now, m, "sms_accepted", detail(m).acceptedBy(gateway, nz(providerId)));
            }
            return settled;
        });
    }

    /** Not accepted this time, to be tried again at {@code at}. False if the lease was lost. */
    public boolean retryLater(OutboxMessage m, String error, Instant at) {
        return Tx.inTransaction(
                ds,
                c -> settle(c, """
                UPDATE sms_outbox SET status = 'pending', next_attempt_at = ?, last_error = ?,
                       lease_token = NULL, lease_until = NULL
                WHERE id = ? AND lease_token = ? AND status = 'sending'""", ps -> {
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setString(2, Masking.text(error));
                    ps.setLong(3, m.id());
                    ps.setString(4, m.leaseToken());
                }));
    }

    /** Will not be sent: refused for good, or out of attempts. */
    public boolean failed(OutboxMessage m, String error) {
        return close(m, "failed", "sms_failed", error);
    }

    /** An in-call message not accepted within the call's budget: will not be sent, its code void. */
    public boolean cancelled(OutboxMessage m, String why) {
        return close(m, "cancelled", "sms_cancelled", why);
    }

    /**
     * Cancels an in-call message nobody holds (it never got a claim, e.g. the call's budget ran out first); a
     * no-op when it is already settled. Its reset code is made void.
     */
    public void cancelUnclaimed(long id, String why) {
        Instant now = clock.instant();
        Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE sms_outbox o SET status = 'cancelled', sealed_code = NULL, last_error = ?
                    WHERE id = ? AND status = 'pending'
                    RETURNING o.id, o.msisdn, o.kind, o.lang, o.attempts, o.call_id, o.reset_code_id""")) {
                ps.setString(1, why);
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        voidCode(c, now, rs.getObject(7) == null ? null : rs.getLong(7));
                        AuditLog.append(
                                c,
                                now,
                                "sms",
                                "sms_cancelled",
                                "sms:" + id,
                                Json.write(SmsAuditDetail.of(
                                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5))
                                        .withReason(why)),
                                rs.getString(6));
                    }
                }
            }
            return null;
        });
    }

    /**
     * Settles what can no longer be sent: open messages past their expiry, and in-call messages whose sender's
     * lease lapsed (the call has moved on). Returns how many.
     */
    public int expireOverdue() {
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE sms_outbox o SET status = CASE WHEN expires_at <= ? THEN 'expired' ELSE 'cancelled' END,
                           sealed_code = NULL, lease_token = NULL, lease_until = NULL
                    WHERE status IN ('pending', 'sending')
                      AND (expires_at <= ? OR (in_call AND status = 'sending' AND lease_until < ?))
                    RETURNING o.id, o.msisdn, o.kind, o.lang, o.attempts, o.call_id, o.reset_code_id, o.status""")) {
                Timestamp t = Timestamp.from(now);
                ps.setTimestamp(1, t);
                ps.setTimestamp(2, t);
                ps.setTimestamp(3, t);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        voidCode(c, now, rs.getObject(7) == null ? null : rs.getLong(7));
                        AuditLog.append(
                                c,
                                now,
                                "sms",
                                "sms_" + rs.getString(8),
                                "sms:" + rs.getLong(1),
                                Json.write(SmsAuditDetail.of(
                                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5))),
                                rs.getString(6));
                    }
                }
            }
            return n;
        });
    }

    /**
     * A delivery receipt from the SMS centre for the message it accepted as {@code providerId}.
     *
     * @param state the centre's final state, e.g. {@code DELIVRD}, {@code UNDELIV}, {@code EXPIRED}
     * @return false when no accepted message has that id
     */
    public boolean receipt(String providerId, String state, Instant at) {
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE sms_outbox o SET delivery_status = ?, delivered_at = ?
                    WHERE provider_id = ? AND status = 'accepted'
                    RETURNING o.id, o.msisdn, o.kind, o.lang, o.attempts, o.call_id""")) {
                ps.setString(1, state);
                ps.setTimestamp(2, Timestamp.from(at == null ? now : at));
                ps.setString(3, providerId);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean any = false;
                    while (rs.next()) {
                        any = true;
                        AuditLog.append(
                                c,
                                now,
                                "sms",
                                "sms_delivery_receipt",
                                "sms:" + rs.getLong(1),
                                Json.write(SmsAuditDetail.of(
                                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5))
                                        .withState(state)),
                                rs.getString(6));
                    }
                    return any;
                }
            }
        });
    }

    /** A message's state as stored (no text, no code): for the console, tools and tests. */
    public record Status(
            long id,
            String status,
            int attempts,
            String providerId,
            String deliveryStatus,
            String lastError,
            boolean sealed) {}

    public Optional<Status> status(long id) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, status, attempts, provider_id, delivery_status, last_error, sealed_code IS NOT NULL
                    FROM sms_outbox WHERE id = ?""")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Status(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getInt(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getBoolean(7)))
                            : Optional.empty();
                }
            }
        });
    }

    private boolean close(OutboxMessage m, String status, String action, String why) {
        Instant now = clock.instant();
        return Tx.inTransaction(ds, c -> {
            Long resetCodeId = null;
            boolean settled;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE sms_outbox SET status = ?, sealed_code = NULL, last_error = ?,
                           lease_token = NULL, lease_until = NULL
                    WHERE id = ? AND lease_token = ? AND status = 'sending' RETURNING reset_code_id""")) {
                ps.setString(1, status);
                ps.setString(2, Masking.text(why));
                ps.setLong(3, m.id());
                ps.setString(4, m.leaseToken());
                try (ResultSet rs = ps.executeQuery()) {
                    settled = rs.next();
                    if (settled && rs.getObject(1) != null) {
                        resetCodeId = rs.getLong(1);
                    }
                }
            }
            if (settled) {
                voidCode(c, now, resetCodeId);
                audit(c, now, m, action, detail(m).withReason(Masking.text(why)));
            }
            return settled;
        });
    }

    private static void voidCode(Connection c, Instant now, Long resetCodeId) throws SQLException {
        if (resetCodeId == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE reset_codes SET expires_at = least(expires_at, ?) WHERE id = ? AND used_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, resetCodeId);
            ps.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static boolean settle(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate() == 1;
        }
    }

    private static void audit(Connection c, Instant now, OutboxMessage m, String action, SmsAuditDetail detail)
            throws SQLException {
        AuditLog.append(c, now, "sms", action, "sms:" + m.id(), Json.write(detail), m.callId());
    }

    private static SmsAuditDetail detail(OutboxMessage m) {
        return SmsAuditDetail.of(m.msisdn(), m.kind().wire(), m.lang(), m.attempts());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static OutboxMessage message(ResultSet rs) throws SQLException {
        String msisdn = rs.getString(2);
        SmsKind kind = SmsKind.fromWire(rs.getString(3));
        String lang = rs.getString(4);
        Map<String, String> params;
        try {
            params = JSON.readValue(rs.getString(5), new TypeReference<Map<String, String>>() {});
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            params = Map.of();
        }
        Optional<String> text;
        if (kind == SmsKind.RESET_CODE) {
            Map<String, String> p = params;
            text = CodeSeal.PROCESS
                    .open(rs.getBytes(6), rs.getString(7), msisdn)
                    .map(code -> SmsText.render(kind, lang, p, code));
        } else {
            text = Optional.of(SmsText.render(kind, lang, params, null));
        }
        return new OutboxMessage(
                rs.getLong(1),
                msisdn,
                kind,
                lang,
                rs.getInt(8),
                Wallet.instant(rs, 9),
                rs.getBoolean(10),
                rs.getString(11),
                rs.getString(12),
                text);
    }
}
