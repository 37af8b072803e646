package io.hotline.connectors;

/**
 * A way to hand SMS to an SMS centre: SMPP ({@link SmppGateway}), an HTTP provider ({@link HttpGateway}), or the
 * log ({@link LogGateway}, the default). The sender ({@link SmsSender}) decides when to send, retry and give up;
 * a gateway only submits one message and says what the centre answered.
 *
 * <p>Threading: {@link #submit} may be called from several threads at once and blocks until the centre answers
 * or its own timeout passes. Receipts are handed to the listener on the gateway's own threads.
 */
public interface SmsGateway extends AutoCloseable {

    /** The gateway's name for logs and the audit ({@code smpp}, {@code http}, {@code log}). */
    String name();

    /**
     * Submits one message; returns the centre's id for it once the centre accepted it.
     *
     * @throws SmsFailure when it was not accepted (or no answer came): its kind says whether to retry
     */
    String submit(OutgoingSms sms) throws SmsFailure;

    /** Where delivery receipts go; set once, before the first submit. Gateways without receipts ignore it. */
    default void onReceipt(SmsReceipt.Listener listener) {}

    @Override
    default void close() {}
}
