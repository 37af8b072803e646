package io.hotline.wallet;

/** The outcome of {@link Wallet#verifyResetCode}: what the wallet backend does next. */
public enum ResetCodeCheck {
    /** The code is right and was the account's live one: it is now used up. Let the customer set a password. */
    VALID,
    /** Wrong code; the code stays live until its tries run out ({@link Wallet#RESET_CODE_TRIES}). */
    WRONG,
    /** No live code for that number: none sent, expired, used, void, or its SMS never accepted. */
    NO_VALID_CODE,
    /** Too many wrong tries for this account within the hour ({@link Wallet#RESET_CODE_FAILURES_PER_HOUR}). */
    LOCKED
}
