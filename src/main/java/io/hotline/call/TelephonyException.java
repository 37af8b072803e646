package io.hotline.call;

/** The link to the telephony side broke (socket error, protocol garbage, REST failure). */
public class TelephonyException extends RuntimeException {
    public TelephonyException(String message) {
        super(message);
    }

    public TelephonyException(String message, Throwable cause) {
        super(message, cause);
    }
}
