package io.hotline.actions;

import io.hotline.flow.ActionCatalog;
import java.util.Map;
import java.util.Set;

/**
 * The names and outcomes of the actions flows may call, for the linter.
 * Placeholder until the actions registry exists: it will answer from the real actions.
 */
public final class ActionNames {
    private ActionNames() {
    }

    /** Every action a flow may name, with the outcomes it can produce besides error and timeout. */
    public static ActionCatalog catalog() {
        return ActionCatalog.of(Map.ofEntries(
                Map.entry("identify_caller", Set.of("ok", "not_found")),
                Map.entry("lookup_account", Set.of("ok", "not_found", "frozen")),
                Map.entry("verify_pin", Set.of("ok", "wrong", "locked", "no_account")),
                Map.entry("failed_recharges", Set.of("found", "none")),
                Map.entry("next_failed_recharge", Set.of("found", "none")),
                Map.entry("freeze_account", Set.of("frozen", "already_frozen", "no_account")),
                Map.entry("recent_transactions", Set.of("found", "none")),
                Map.entry("next_transaction", Set.of("found", "none")),
                Map.entry("send_reset_code", Set.of("sent", "rate_limited", "no_account")),
                Map.entry("unlock_login", Set.of("unlocked", "not_locked", "no_account")),
                Map.entry("open_ticket", Set.of("ok")),
                Map.entry("switch_language", Set.of("ok"))));
    }
}
