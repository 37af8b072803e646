package io.hotline.connectors;

/** A gateway did not get a message accepted. {@link #kind()} says whether trying again may help. */
public final class SmsFailure extends Exception {
    /** Why the message was not accepted. */
    public enum Kind {
        /** The centre asks us to slow down (SMPP {@code ESME_RTHROTTLED}, HTTP 429): retry later. */
        THROTTLED(true),
        /** The centre cannot be reached or bound to (connection refused, bind refused, link lost): retry later. */
        UNAVAILABLE(true),
        /**
         * The request went out but no answer came: it may or may not have been accepted. Retrying may send the
         * message twice (SMPP has no idempotency key); that is the at-least-once window.
         */
        NO_RESPONSE(true),
        /** The centre refused this message for good (bad number, bad text, not allowed): do not retry. */
        REJECTED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;

    public SmsFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SmsFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
