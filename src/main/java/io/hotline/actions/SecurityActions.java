package io.hotline.actions;

import io.hotline.engine.ActionRequest;
import io.hotline.engine.ActionResult;
import io.hotline.engine.Finding;
import io.hotline.wallet.Freeze;
import io.hotline.wallet.FreezeAccount;
import io.hotline.wallet.ResetCodeSent;
import io.hotline.wallet.Transaction;
import io.hotline.wallet.Unlock;
import io.hotline.wallet.WalletPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stolen accounts and locked logins: freeze, recent transactions, reset code, unlock. */
final class SecurityActions {
    static final int TX_LIMIT = 5;
    private final WalletPort wallet;
    private final Clock clock;

    SecurityActions(WalletPort wallet, Clock clock) {
        this.wallet = wallet;
        this.clock = clock;
    }

    /**
     * {@code freeze_account}: freezes the identified account (arg {@code reason}). The freeze
     * is committed before the outcome is returned, so the caller only hears "frozen" for a
     * freeze that exists. A frozen account gives {@code already_frozen} and the same reference.
     * A new freeze also sends an SMS to the registered phone, in the caller's language, in the background.
     * The wallet is asked with an idempotency key of this call and account, so a retry after a lost reply is
     * the same freeze.
     */
    ActionResult freeze(ActionRequest r) {
        Optional<Long> id = Ids.account(r);
        if (id.isEmpty()) {
            return ActionResult.of("no_account");
        }
        String reason = r.arg("reason").isEmpty() ? "reported stolen by phone" : r.arg("reason");
        Freeze f = wallet.freeze(new FreezeAccount(
                id.get(), r.call().info().callId(), reason, r.call().language()));
        Map<String, String> v = new LinkedHashMap<>();
        v.put("freeze.ref", f.reference());
        v.put("freeze.already", f.alreadyFrozen() ? "yes" : "no");
        v.put("freeze.at", f.frozenAt().toString());
        v.put("account.status", "frozen");
        var rec = new ActionFinding.AccountFrozen(f.reference(), f.frozenAt(), f.alreadyFrozen());
        return new ActionResult(f.alreadyFrozen() ? "already_frozen" : "frozen", v, f.reference(), List.of(rec));
    }

    /**
     * {@code recent_transactions}: transactions since the last trusted login (or arg
     * {@code days}, that many days back, or arg {@code since}, an ISO date; at most 30 days back when neither is known), newest first,
     * loaded into {@code txs.<n>.*} for {@code next_transaction}.
     */
    ActionResult recentTransactions(ActionRequest r) {
        Optional<Long> id = Ids.account(r);
        if (id.isEmpty()) {
            return ActionResult.of("no_account");
        }
        Instant since;
        List<Transaction> list;
        if (!r.arg("days").isEmpty()) {
            since = clock.instant().minus(Duration.ofDays(Long.parseLong(r.arg("days"))));
            list = wallet.transactionsSince(id.get(), since, TX_LIMIT);
        } else if (!r.arg("since").isEmpty()) {
            since = LocalDate.parse(r.arg("since"))
                    .atStartOfDay(clock.getZone())
                    .toInstant();
            list = wallet.transactionsSince(id.get(), since, TX_LIMIT);
        } else {
            var recent = wallet.transactionsSinceTrustedLogin(
                    id.get(), clock.instant().minus(Duration.ofDays(30)), TX_LIMIT);
            since = recent.since();
            list = recent.transactions();
        }
        Map<String, String> v = new LinkedHashMap<>();
        List<Finding> records = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Transaction t = list.get(i);
            String p = "txs." + (i + 1) + ".";
            v.put(p + "amount", Long.toString(Math.abs(t.amountFen())));
            v.put(p + "direction", t.amountFen() < 0 ? "out" : "in");
            v.put(p + "date", t.at().atZone(clock.getZone()).toLocalDate().toString());
            v.put(p + "kind", t.kind());
            v.put(p + "reference", t.reference());
            records.add(new ActionFinding.RecentTransaction(
                    t.reference(), t.at(), t.amountFen(), t.kind(), t.counterparty()));
        }
        v.put("tx.count", Integer.toString(list.size()));
        v.put("tx.index", "0");
        v.put("tx.since", since.atZone(clock.getZone()).toLocalDate().toString());
        return new ActionResult(list.isEmpty() ? "none" : "found", v, "", records);
    }

    /** {@code next_transaction}: the next loaded transaction into {@code tx.*}. */
    ActionResult nextTransaction(ActionRequest r) {
        int count = RechargeActions.parse(r.call().var("tx.count"));
        int index = RechargeActions.parse(r.call().var("tx.index"));
        if (index >= count) {
            return ActionResult.of("none");
        }
        int n = index + 1;
        Map<String, String> v = new LinkedHashMap<>();
        for (String f : new String[] {"amount", "direction", "date", "kind", "reference"}) {
            v.put("tx." + f, r.call().var("txs." + n + "." + f));
        }
        v.put("tx.index", Integer.toString(n));
        return ActionResult.of("found", v);
    }

    /**
     * {@code send_reset_code}: a reset code by SMS to the registered phone, in the caller's language,
     * rate-limited. {@code sent} only once the wallet reports that an SMS centre accepted it; otherwise
     * {@code not_sent}, and the code is void (the SMS is cancelled, never sent later).
     */
    ActionResult sendResetCode(ActionRequest r) {
        Optional<Long> id = Ids.account(r);
        if (id.isEmpty()) {
            return ActionResult.of("no_account");
        }
        ResetCodeSent rc = wallet.sendResetCode(
                id.get(), r.call().info().callId(), r.call().language());
        return switch (rc.result()) {
            case SENT ->
                new ActionResult(
                        "sent",
                        Map.of("reset.phone_masked", rc.maskedMsisdn()),
                        "",
                        List.of(new ActionFinding.ResetCodeSms(rc.maskedMsisdn(), true)));
            case NOT_SENT ->
                new ActionResult(
                        "not_sent", Map.of(), "", List.of(new ActionFinding.ResetCodeSms(rc.maskedMsisdn(), false)));
            case RATE_LIMITED -> ActionResult.of("rate_limited");
        };
    }

    /** {@code unlock_login}: unlocks a login locked after wrong passwords; only for verified callers. */
    ActionResult unlockLogin(ActionRequest r) {
        Optional<Long> id = Ids.account(r);
        if (id.isEmpty()) {
            return ActionResult.of("no_account");
        }
        if (!"yes".equals(r.call().var("caller.verified"))) {
            throw new IllegalStateException("unlock_login needs a verified caller");
        }
        Unlock u = wallet.unlockLogin(id.get(), r.call().info().callId(), "ivr");
        return new ActionResult(
                u.wasLocked() ? "unlocked" : "not_locked",
                Map.of("account.login_locked", "no"),
                "",
                List.of(new ActionFinding.LoginUnlocked(u.wasLocked())));
    }
}
