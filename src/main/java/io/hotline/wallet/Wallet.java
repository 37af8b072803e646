package io.hotline.wallet;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.hotline.db.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The wallet as the hotline acts on it: account lookups, PIN checks with lockout, failed recharges,
 * recent transactions, freezing, reset codes and login unlocks. State lives only in the database, so
 * any number of instances (one per call, or one shared) see the same counts and locks.
 *
 * <p>Every method is blocking (JDBC through {@link Tx}) and commits before it returns. Database failures
 * come out as {@link io.hotline.db.DataAccessException}; an unknown account id as
 * {@link IllegalArgumentException}. Nothing here logs a PIN, a code or a full phone number.
 *
 * <p>Threading: thread-safe; call on a virtual thread, never on an event loop.
 */
public final class Wallet {
    /** Wrong PINs in a row from the account's registered phone that lock PIN checks from it. */
    public static final int PIN_ATTEMPTS = 3;
    /**
     * Wrong PINs in a row from any other numbers (together, and calls with no number) that lock PIN checks
     * from other numbers; counted apart from the registered phone's, so strangers cannot lock the owner.
     */
    public static final int OTHER_PHONE_PIN_ATTEMPTS = 3;
    /** How long PIN checks stay locked. */
    public static final Duration PIN_LOCK = Duration.ofMinutes(30);
    /** Wrong tries of one reset code before it is void. */
    public static final int RESET_CODE_TRIES = 3;
    /** Wrong reset-code tries per account per hour before checks are refused ({@link ResetCodeCheck#LOCKED}). */
    public static final int RESET_CODE_FAILURES_PER_HOUR = 5;
    /** Reset codes allowed per account per hour. */
    public static final int RESET_CODES_PER_HOUR = 3;
    /** How long a reset code is valid. */
    public static final Duration RESET_CODE_TTL = Duration.ofMinutes(10);

    private final DataSource ds;
    private final Clock clock;
    private final PinChecks pins;
    private final Freezes freezes;
    private final AccountRecovery recovery;
    private final CallerLimits callerLimits;
    private final ResetCodeChecks resetChecks;
    private final SmsOutbox outbox;
    private final PinHasher pinHasher;
    private final Transfers transfers;

    /** A wallet without a PIN pepper (new PIN hashes are PBKDF2): for tools and tests. */
    public Wallet(DataSource ds, Clock clock) {
        this(ds, clock, PinHasher.unpeppered());
    }

    public Wallet(DataSource ds, Clock clock, PinHasher pinHasher) {
        this.ds = Objects.requireNonNull(ds, "ds");
        this.pinHasher = Objects.requireNonNull(pinHasher, "pinHasher");
        // PostgreSQL keeps microseconds: times handed out must equal the times stored
        this.clock = Clock.tick(Objects.requireNonNull(clock, "clock"), Duration.ofNanos(1_000));
        this.pins = new PinChecks(ds, this.clock, pinHasher);
        this.freezes = new Freezes(ds, this.clock);
        this.recovery = new AccountRecovery(ds, this.clock);
        this.callerLimits = new CallerLimits(ds, this.clock);
        this.resetChecks = new ResetCodeChecks(ds, this.clock);
        this.outbox = new SmsOutbox(ds, this.clock);
        this.transfers = new Transfers(ds);
    }

    /** How this wallet hashes PINs (for loading accounts with a PIN). */
    public PinHasher pinHasher() {
        return pinHasher;
    }

    /** Identity-check limits per calling number. */
    public CallerLimits callerLimits() {
        return callerLimits;
    }

    /**
     * The account registered to {@code msisdn}, if any. Caller IDs in international form
     * ({@code +86 138 0013 8000}, {@code 008613800138000}, {@code 8613800138000}) find the same account as
     * the national {@code 13800138000}.
     */
    public Optional<Account> findByMsisdn(String msisdn) {
        String national = national(msisdn);
        if (national.isEmpty()) {
            return Optional.empty();
        }
        return Tx.withConnection(ds, c -> account(c, "msisdn = ?", ps -> ps.setString(1, national)));
    }

    /** Digits only, without the +86 / 0086 country prefix of an 11-digit mainland number. */
    static String national(String msisdn) {
        if (msisdn == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(msisdn.length()); // no regex: this runs on every call
        for (int i = 0; i < msisdn.length(); i++) {
            char c = msisdn.charAt(i);
            if (c >= '0' && c <= '9') {
                kept.append(c);
            }
        }
        String digits = kept.toString();
        if (digits.length() == 15 && digits.startsWith("0086")) {
            return digits.substring(4);
        }
        if (digits.length() == 13 && digits.startsWith("86")) {
            return digits.substring(2);
        }
        return digits;
    }

    public Optional<Account> findById(long id) {
        return Tx.withConnection(ds, c -> account(c, "id = ?", ps -> ps.setLong(1, id)));
    }

    /**
     * Checks the PIN. Wrong PINs are counted per account across calls, apart for the registered phone and
     * for all other numbers: {@value #PIN_ATTEMPTS} in a row from the registered phone lock checks from it,
     * {@value #OTHER_PHONE_PIN_ATTEMPTS} in a row from other numbers lock checks from other numbers, each
     * for {@link #PIN_LOCK}; the attempt that uses up the last try already returns LOCKED. While locked,
     * even the right PIN returns LOCKED from that side. A right PIN resets its side's count.
     *
     * <p>Wrong PINs (and tries on a locked account) also count against the calling number {@code caller}
     * ({@link CallerLimits}, over all accounts): once it has used up {@link CallerLimits#PINS_PER_HOUR} within
     * the hour, the answer is CALLER_LOCKED without the PIN being checked.
     *
     * @throws PinHasher.WrongPepperException when the account's PIN was hashed with another server's
     *                                        pepper: nothing is counted, the caller is not told "wrong"
     */
    public PinCheck verifyPin(long accountId, String pin, String caller) {
        return pins.verify(accountId, pin, Objects.requireNonNull(caller, "caller"));
    }

    /**
     * The per-account PIN check of {@link #verifyPin(long, String, String)} (the registered phone's and other
     * numbers' tries counted apart, by {@code caller}) without Hotline's limit per calling number: for a wallet API
     * served from these tables, whose client, the HTTP wallet, keeps that limit itself. Never answers CALLER_LOCKED.
     */
    public PinCheck verifyPinForApi(long accountId, String pin, String caller) {
        return pins.verify(accountId, pin, Objects.requireNonNull(caller, "caller"), false);
    }

    /** As {@link #verifyPin(long, String, String)}, counting wrong PINs only per account (tests of that lock). */
    PinCheck verifyPin(long accountId, String pin) {
        return pins.verify(accountId, pin, null);
    }

    /** Failed and debited-not-credited recharges, newest first. */
    public List<Recharge> recentFailedRecharges(long accountId, int limit) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, reference, amount_fen, created_at, channel, card_last4, status, failure_reason
                    FROM recharges WHERE account_id = ? AND status IN ('failed', 'debited_not_credited')
                    ORDER BY created_at DESC, id DESC LIMIT ?""")) {
                ps.setLong(1, accountId);
                ps.setInt(2, Math.max(0, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    List<Recharge> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Recharge(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getLong(3),
                                instant(rs, 4),
                                rs.getString(5),
                                rs.getString(6),
                                RechargeStatus.fromWire(rs.getString(7)),
                                FailureReason.fromWire(rs.getString(8))));
                    }
                    return out;
                }
            }
        });
    }

    /** The most recent outgoing transfers and withdrawals, newest first, whatever their state. */
    public List<OutgoingTransfer> recentOutgoingTransfers(long accountId, int limit) {
        return transfers.recent(accountId, limit);
    }

    /**
     * Freezes the account at once (committed before returning) and audits it. Idempotent: an account
     * that is already frozen returns its existing freeze with {@code alreadyFrozen} and the same
     * reference; concurrent calls for one account produce one freeze.
     */
    public Freeze freeze(long accountId, String callId, String actor, String reason) {
        return freezes.freeze(accountId, callId, actor, reason, null);
    }

    /**
     * As {@link #freeze}, by a call: a new freeze also queues an SMS to the registered phone, in the caller's
     * language, in the same transaction ("your wallet was frozen by a call to the hotline at 10:02, ref F-...,
     * call us if this was not you"), so a freeze by someone else never goes unnoticed. Sent in the background
     * ({@link SmsDispatch#wake}); a repeated freeze sends nothing.
     */
    public Freeze freezeByCall(long accountId, String callId, String reason, String lang) {
        return freezes.freeze(accountId, callId, "ivr", reason, lang == null ? "en" : lang);
    }

    /** Releases the account's freeze (supervisors); audited. @throws IllegalArgumentException if reason is blank */
    public Unfreeze unfreeze(long accountId, String actor, String reason) {
        return freezes.unfreeze(accountId, actor, reason);
    }

    /**
     * Transactions, newest first, and the moment they are counted from.
     *
     * @param since when the list starts
     */
    public record SinceTrustedLogin(Instant since, List<Transaction> transactions) {
        public SinceTrustedLogin {
            transactions = List.copyOf(transactions);
        }
    }

    /**
     * The transactions since the account's last trusted login (or since {@code orElseSince} when it has
     * none), newest first, with the moment they are counted from: one round trip, for the caller who
     * reports a stolen phone and waits to hear what happened since.
     */
    public SinceTrustedLogin transactionsSinceTrustedLogin(long accountId, Instant orElseSince, int limit) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH s AS (SELECT coalesce((SELECT last_trusted_login FROM accounts WHERE id = ?), ?) AS since)
                    SELECT s.since, t.id, t.reference, t.at, t.amount_fen, t.kind, t.counterparty, t.channel
                    FROM s LEFT JOIN LATERAL (
                        SELECT id, reference, at, amount_fen, kind, counterparty, channel
                        FROM transactions WHERE account_id = ? AND at >= s.since
                        ORDER BY at DESC, id DESC LIMIT ?) t ON true""")) {
                ps.setLong(1, accountId);
                ps.setObject(2, OffsetDateTime.ofInstant(orElseSince, java.time.ZoneOffset.UTC));
                ps.setLong(3, accountId);
                ps.setInt(4, Math.max(0, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    List<Transaction> out = new ArrayList<>();
                    Instant since = orElseSince;
                    while (rs.next()) { // one row at least: the CTE's, with no transaction when there is none
                        since = instant(rs, 1);
                        if (rs.getObject(2) != null) {
                            out.add(transaction(rs, 2));
                        }
                    }
                    return new SinceTrustedLogin(since, out);
                }
            }
        });
    }

    /** Transactions at or after {@code since}, newest first. */
    public List<Transaction> transactionsSince(long accountId, Instant since, int limit) {
        return Tx.withConnection(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, reference, at, amount_fen, kind, counterparty, channel
                    FROM transactions WHERE account_id = ? AND at >= ?
                    ORDER BY at DESC, id DESC LIMIT ?""")) {
                ps.setLong(1, accountId);
                ps.setTimestamp(2, Timestamp.from(since == null ? Instant.EPOCH : since));
                ps.setInt(3, Math.max(0, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    List<Transaction> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(transaction(rs, 1));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Makes a 6-digit password-reset code for the registered phone: stored hashed with a {@link #RESET_CODE_TTL}
     * expiry, earlier unused codes void, and its SMS queued in the outbox in {@code lang} with the code sealed
     * (never in clear, see {@link SmsOutbox}), all in one transaction. Nothing is sent yet: the caller hands
     * {@link ResetCode#messageId()} to {@link SmsDispatch#sendNow}. At most {@value #RESET_CODES_PER_HOUR} per
     * account per hour, else RATE_LIMITED.
     */
    public ResetCode sendResetCode(long accountId, String callId, String lang) {
        return recovery.sendResetCode(accountId, callId, lang);
    }

    /** As {@link #sendResetCode(long, String, String)} in English. */
    public ResetCode sendResetCode(long accountId, String callId) {
        return recovery.sendResetCode(accountId, callId, "en");
    }

    /**
     * Checks a reset code the customer typed (the wallet backend asks, {@code POST /api/v1/reset-codes/verify}):
     * single use, expiring, {@value #RESET_CODE_TRIES} tries per code and {@value #RESET_CODE_FAILURES_PER_HOUR}
     * wrong tries per account per hour, compared in constant time; audited as {@code actor}, without the code.
     *
     * @param msisdn the registered phone, in any form {@link #findByMsisdn} takes
     */
    public ResetCodeCheck verifyResetCode(String msisdn, String code, String actor) {
        return resetChecks.verify(msisdn, code, actor);
    }

    /** The SMS outbox this wallet queues into, for the senders. */
    public SmsOutbox outbox() {
        return outbox;
    }

    /** Unlocks the app login and clears its failure count; audited. */
    public Unlock unlockLogin(long accountId, String callId, String actor) {
        return recovery.unlockLogin(accountId, callId, actor, null);
    }

    /** Unlocks the app login for a person, with their reason in the audit log. */
    public Unlock unlockLogin(long accountId, String callId, String actor, String reason) {
        return recovery.unlockLogin(accountId, callId, actor, reason);
    }

    /** The clock this wallet reads "now" from. */
    Clock clock() {
        return clock;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @SuppressFBWarnings(
            value = "SQL_INJECTION_JDBC",
            justification = "callers pass fixed conditions ('msisdn = ?', 'id = ?'); values are bound by the binder")
    private static Optional<Account> account(Connection c, String where, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, msisdn, holder_name, status, login_locked, last_trusted_login
                FROM accounts WHERE\s""" + where)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Account(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        AccountStatus.fromWire(rs.getString(4)),
                        rs.getBoolean(5),
                        instant(rs, 6)));
            }
        }
    }

    /** A transaction from the row's columns id, reference, at, amount_fen, kind, counterparty, channel from {@code first} on. */
    private static Transaction transaction(ResultSet rs, int first) throws SQLException {
        return new Transaction(
                rs.getLong(first),
                rs.getString(first + 1),
                instant(rs, first + 2),
                rs.getLong(first + 3),
                rs.getString(first + 4),
                rs.getString(first + 5),
                rs.getString(first + 6));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static IllegalArgumentException noAccount(long id) {
        return new IllegalArgumentException("no account with id " + id);
    }
}
