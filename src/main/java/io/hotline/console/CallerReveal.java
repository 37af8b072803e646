package io.hotline.console;

import io.hotline.secrets.NumberVault;
import io.hotline.tickets.CallerNumbers;

/**
 * What the agent's "show number" needs: where callers' sealed numbers are kept and the vault that opens them.
 *
 * @param numbers the sealed numbers, or {@code null} when none are kept
 * @param vault   the key's vault ({@link NumberVault#disabled()} without a key)
 */
public record CallerReveal(CallerNumbers numbers, NumberVault vault) {
    /** No full numbers: the reveal says they are not kept. */
    public static final CallerReveal OFF = new CallerReveal(null, NumberVault.disabled());

    public CallerReveal {
        vault = vault == null ? NumberVault.disabled() : vault;
    }

    /** Whether a reveal can work at all. */
    boolean enabled() {
        return numbers != null && vault.enabled();
    }
}
