package io.hotline.wallet;

import java.time.Instant;
import java.util.Objects;

/**
 * The account's freeze, as returned by {@link Wallet#freeze}.
 *
 * @param reference     e.g. {@code F-100002}, said to the caller
 * @param frozenAt      when the account was frozen (the first time, if it already was)
 * @param alreadyFrozen true when the account was already frozen and this is the existing freeze
 */
public record Freeze(String reference, Instant frozenAt, boolean alreadyFrozen) {
    public Freeze {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(frozenAt, "frozenAt");
    }
}
