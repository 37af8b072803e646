package io.hotline.wallet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The wallet as the hotline's actions and console act on it: the one port in front of the wallet's system of
 * record. Two adapters implement it: {@link BuiltinWallet} (the tables in Hotline's own PostgreSQL, the default,
 * with the demo data) and {@code io.hotline.connectors.HttpWallet} (the wallet company's API, described by
 * {@code docs/wallet-api.yaml}).
 *
 * <p>Every method blocks and returns only what the wallet confirmed: a change is committed (built-in) or
 * acknowledged by the API before the method returns. When the wallet cannot answer (API down, timed out, its
 * circuit open, database down) a method throws {@link WalletUnavailable} or
 * {@link io.hotline.db.DataAccessException}, never a guess; the action then takes its flow's {@code error} exit.
 * An unknown account id is {@link IllegalArgumentException}.
 *
 * <p>Threading: thread-safe; call on a virtual thread, never on an event loop.
 */
public interface WalletPort {

    /** The account registered to {@code msisdn} (any form {@link Wallet#findByMsisdn} takes), if any. */
    Optional<Account> findByMsisdn(String msisdn);

    /** The account with this id, if any. */
    Optional<Account> findById(long accountId);

    /**
     * Checks a PIN, counting wrong ones with lockout as {@link Wallet#verifyPin} describes; {@code caller} is the
     * calling number (empty when withheld), which decides which side's count applies.
     */
    PinCheck verifyPin(long accountId, String pin, String caller);

    /** Failed and debited-not-credited recharges, newest first. */
    List<Recharge> recentFailedRecharges(long accountId, int limit);

    /**
     * The most recent outgoing transfers and withdrawals, newest first, whatever their state (submitted,
     * processing, completed, refunded, returned), with when each should arrive.
     */
    List<OutgoingTransfer> recentOutgoingTransfers(long accountId, int limit);

    /** Transactions since the last trusted login, or since {@code orElseSince} when there is none. */
    Wallet.SinceTrustedLogin transactionsSinceTrustedLogin(long accountId, Instant orElseSince, int limit);

    /** Transactions at or after {@code since}, newest first. */
    List<Transaction> transactionsSince(long accountId, Instant since, int limit);

    /**
     * Freezes the account at once, by a call. Idempotent twice over: an account already frozen answers its open
     * freeze ({@link Freeze#alreadyFrozen()}, same reference), and a request repeated with the same
     * {@link FreezeAccount#idempotencyKey()} (a retry whose first reply was lost) answers what the first one did.
     * A new freeze tells the registered phone by SMS.
     */
    Freeze freeze(FreezeAccount order);

    /** Releases the account's freeze (supervisors), with a reason; audited. */
    Unfreeze unfreeze(long accountId, String actor, String reason);

    /**
     * Issues a password-reset code and sends it to the registered phone in {@code lang}. {@link ResetCodeSent.Result#SENT}
     * only once an SMS centre accepted it; otherwise the code is void.
     */
    ResetCodeSent sendResetCode(long accountId, String callId, String lang);

    /** Unlocks the app login after too many wrong passwords; audited. */
    Unlock unlockLogin(long accountId, String callId, String actor);

    /**
     * Unlocks the app login for a person (a supervisor from the console), with the reason they gave; audited
     * with it. {@code callId} is the call it was done for, or {@code null}. Wallets that cannot record a
     * reason unlock as {@link #unlockLogin(long, String, String)} does.
     */
    default Unlock unlockLogin(long accountId, String callId, String actor, String reason) {
        return unlockLogin(accountId, callId, actor);
    }
}
