package io.hotline.wallet;

/** The outcome of a PIN check. */
public enum PinResult {
    /** The PIN is right; the failure count was reset. */
    OK,
    /** The PIN is wrong; {@link PinCheck#attemptsLeft()} says how many tries remain before the lock. */
    WRONG,
    /** PIN checks are locked (now, or by this very attempt); {@link PinCheck#lockedUntil()} says until when. */
    LOCKED,
    /**
     * This calling number typed {@link CallerLimits#PINS_PER_HOUR} wrong PINs within the last hour, over any
     * accounts: the PIN was not checked and nothing was counted.
     */
    CALLER_LOCKED
}
