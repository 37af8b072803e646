package io.hotline.wallet;

/** The outcome of {@link Wallet#sendResetCode}. */
public enum ResetResult {
    /** A new code is in the SMS outbox for the registered phone. */
    SENT,
    /** Too many codes were sent to this account in the last hour; none was sent. */
    RATE_LIMITED
}
