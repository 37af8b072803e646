package io.hotline.wallet;

/** The outcome of {@link Wallet#sendResetCode}. */
public enum ResetResult {
    /**
     * A new code is stored (hashed) and its SMS queued for the caller's own sender ({@link SmsDispatch#sendNow}):
     * not sent yet.
     */
    QUEUED,
    /** Too many codes were sent to this account in the last hour; none was sent. */
    RATE_LIMITED
}
