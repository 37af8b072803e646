package io.hotline.wallet;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of {@link Wallet#verifyPin}.
 *
 * @param result       OK, WRONG, LOCKED or CALLER_LOCKED
 * @param attemptsLeft wrong PINs still allowed before the lock (0 when locked, either way)
 * @param lockedUntil  when the account's lock ends, or null when it is not locked
 */
public record PinCheck(PinResult result, int attemptsLeft, Instant lockedUntil) {
    public PinCheck {
        Objects.requireNonNull(result, "result");
        if (attemptsLeft < 0) {
            throw new IllegalArgumentException("attemptsLeft < 0");
        }
        if ((result == PinResult.LOCKED) != (lockedUntil != null)) {
            throw new IllegalArgumentException("lockedUntil is set exactly when the result is LOCKED");
        }
    }
}
