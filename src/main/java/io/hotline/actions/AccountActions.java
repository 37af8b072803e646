package io.hotline.actions;

import io.hotline.engine.ActionRequest;
import io.hotline.engine.ActionResult;
import io.hotline.wallet.Account;
import io.hotline.wallet.CallerLimits;
import io.hotline.wallet.PinCheck;
import io.hotline.wallet.WalletPort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling: identify by ANI or typed number, verify the PIN. Typed numbers that find no account
 * and wrong PINs are also counted per calling number ({@link CallerLimits}): past the limit both checks
 * answer {@code locked}, so one phone cannot cycle through accounts or PINs.
 */
final class AccountActions {
    private final WalletPort wallet;
    private final CallerLimits limits;

    /** @param limits Hotline's own per-calling-number limits (its database, whichever wallet answers) */
    AccountActions(WalletPort wallet, CallerLimits limits) {
        this.wallet = wallet;
        this.limits = limits;
    }

    /** {@code identify_caller}: the account registered to the calling number (arg {@code msisdn}, default the ANI). */
    ActionResult identifyCaller(ActionRequest r) {
        String msisdn = r.arg("msisdn").isEmpty() ? r.call().info().ani() : r.arg("msisdn");
        return found(lookup(msisdn), "ani");
    }

    /**
     * {@code lookup_account}: the account registered to a number the caller typed (arg {@code msisdn});
     * {@code locked} when this calling number already typed too many numbers that found nothing.
     */
    ActionResult lookupAccount(ActionRequest r) {
        String ani = r.call().info().ani();
        if (limits.locked(ani, CallerLimits.Kind.LOOKUP)) {
            return ActionResult.of("locked");
        }
        Optional<Account> account = lookup(r.arg("msisdn"));
        if (account.isEmpty()) {
            limits.failed(ani, CallerLimits.Kind.LOOKUP);
        }
        return found(account, "phone");
    }

    private Optional<Account> lookup(String msisdn) {
        if (msisdn.chars().filter(c -> c >= '0' && c <= '9').count() < 5) {
            return Optional.empty();
        }
        return wallet.findByMsisdn(msisdn); // which keeps only the digits
    }

    private static ActionResult found(Optional<Account> account, String how) {
        if (account.isEmpty()) {
            return ActionResult.of("not_found");
        }
        Account a = account.get();
        Map<String, String> v = accountVars(a);
        v.put("caller.identified_by", how);
        return new ActionResult(
                "ok",
                v,
                "",
                List.of(new ActionFinding.AccountIdentified(
                        a.id(), a.status().name().toLowerCase(java.util.Locale.ROOT))));
    }

    static Map<String, String> accountVars(Account a) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("account.id", Long.toString(a.id()));
        v.put("account.status", a.status().name().toLowerCase(java.util.Locale.ROOT));
        v.put("account.holder", a.holderName());
        v.put("account.phone_last4", a.msisdn().substring(Math.max(0, a.msisdn().length() - 4)));
        v.put("account.phone_masked", io.hotline.call.Masking.phone(a.msisdn()));
        v.put("account.login_locked", a.loginLocked() ? "yes" : "no");
        return v;
    }

    /** {@code verify_pin}: checks arg {@code pin} against the identified account, with lockout. */
    ActionResult verifyPin(ActionRequest r) {
        Optional<Long> id = Ids.account(r);
        if (id.isEmpty()) {
            return ActionResult.of("no_account");
        }
        PinCheck check =
                wallet.verifyPin(id.get(), r.arg("pin"), r.call().info().ani());
        return switch (check.result()) {
            case OK -> ActionResult.of("ok", Map.of("caller.verified", "yes", "caller.verified_by", "pin"));
            case WRONG -> ActionResult.of("wrong", Map.of("pin.attempts_left", Integer.toString(check.attemptsLeft())));
            case LOCKED -> ActionResult.of("locked", Map.of("pin.attempts_left", "0", "pin.lock", "account"));
            case CALLER_LOCKED -> ActionResult.of("locked", Map.of("pin.attempts_left", "0", "pin.lock", "caller"));
        };
    }
}
