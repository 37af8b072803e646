package io.hotline.wallet;

/**
 * The wallet could not answer: its API timed out, failed, refused the connection or its circuit is open. Nothing
 * may be told to the caller as done; the action takes its {@code error} exit. The message names the operation and
 * the cause, never a PIN or a phone number.
 */
public class WalletUnavailable extends RuntimeException {
    public WalletUnavailable(String message) {
        super(message);
    }

    public WalletUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
