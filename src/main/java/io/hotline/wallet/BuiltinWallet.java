package io.hotline.wallet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link WalletPort} on Hotline's own tables ({@link Wallet}): the default, with the demo data. Reset codes are
 * made here and sent through Hotline's SMS sender ({@link SmsDispatch}); freeze notices are queued with the freeze
 * and the sender woken. Idempotency keys are not stored: a freeze is idempotent per account already (one open
 * freeze), which covers a repeated key.
 *
 * <p>Threading: thread-safe, blocking.
 */
public final class BuiltinWallet implements WalletPort {
    private final Wallet wallet;
    private final SmsDispatch sms;
    private final Duration smsWait;

    /** @param smsWait how long {@link #sendResetCode} waits for the SMS centre's acceptance */
    public BuiltinWallet(Wallet wallet, SmsDispatch sms, Duration smsWait) {
        this.wallet = Objects.requireNonNull(wallet, "wallet");
        this.sms = Objects.requireNonNull(sms, "sms");
        this.smsWait = Objects.requireNonNull(smsWait, "smsWait");
    }

    @Override
    public Optional<Account> findByMsisdn(String msisdn) {
        return wallet.findByMsisdn(msisdn);
    }

    @Override
    public Optional<Account> findById(long accountId) {
        return wallet.findById(accountId);
    }

    @Override
    public PinCheck verifyPin(long accountId, String pin, String caller) {
        return wallet.verifyPin(accountId, pin, caller == null ? "" : caller);
    }

    @Override
    public List<Recharge> recentFailedRecharges(long accountId, int limit) {
        return wallet.recentFailedRecharges(accountId, limit);
    }

    @Override
    public List<OutgoingTransfer> recentOutgoingTransfers(long accountId, int limit) {
        return wallet.recentOutgoingTransfers(accountId, limit);
    }

    @Override
    public Wallet.SinceTrustedLogin transactionsSinceTrustedLogin(long accountId, Instant orElseSince, int limit) {
        return wallet.transactionsSinceTrustedLogin(accountId, orElseSince, limit);
    }

    @Override
    public List<Transaction> transactionsSince(long accountId, Instant since, int limit) {
        return wallet.transactionsSince(accountId, since, limit);
    }

    @Override
    public Freeze freeze(FreezeAccount order) {
        Freeze f = wallet.freezeByCall(order.accountId(), order.callId(), order.reason(), order.lang());
        if (!f.alreadyFrozen()) {
            sms.wake(); // the freeze notice, queued with the freeze
        }
        return f;
    }

    @Override
    public Unfreeze unfreeze(long accountId, String actor, String reason) {
        return wallet.unfreeze(accountId, actor, reason);
    }

    @Override
    public ResetCodeSent sendResetCode(long accountId, String callId, String lang) {
        ResetCode rc = wallet.sendResetCode(accountId, callId, lang);
        return switch (rc.result()) {
            case QUEUED ->
                switch (sms.sendNow(rc.messageId(), smsWait)) {
                    case ACCEPTED -> new ResetCodeSent(ResetCodeSent.Result.SENT, rc.maskedMsisdn());
                    case NOT_SENT -> new ResetCodeSent(ResetCodeSent.Result.NOT_SENT, rc.maskedMsisdn());
                };
            case RATE_LIMITED -> new ResetCodeSent(ResetCodeSent.Result.RATE_LIMITED, rc.maskedMsisdn());
        };
    }

    @Override
    public Unlock unlockLogin(long accountId, String callId, String actor) {
        return wallet.unlockLogin(accountId, callId, actor);
    }

    @Override
    public Unlock unlockLogin(long accountId, String callId, String actor, String reason) {
        return wallet.unlockLogin(accountId, callId, actor, reason);
    }
}
