package io.hotline.wallet;

import java.time.Duration;

/**
 * The port through which the wallet's callers get an outbox message really sent; implemented by the SMS
 * senders in {@code io.hotline.connectors}. The wallet only queues messages, in the same transaction as the
 * change they tell about; it never touches a socket.
 *
 * <p>Threading: thread-safe; {@link #sendNow} blocks, so call it on a virtual thread.
 */
public interface SmsDispatch {

    /**
     * Sends an in-call message ({@link OutboxMessage#inCall()}) now, retrying with back-off while the budget
     * lasts. Returns {@link SmsSent#ACCEPTED} only once the SMS centre accepted it. Otherwise the message is
     * cancelled before this returns (and a reset code in it made void), so what the caller is told stays true.
     */
    SmsSent sendNow(long messageId, Duration budget);

    /** New background messages are in the outbox: send them soon rather than at the next poll. */
    void wake();

    /** What {@link #sendNow} achieved. */
    enum SmsSent {
        /** The SMS centre accepted it (delivery to the handset is reported later, by a receipt). */
        ACCEPTED,
        /** Not accepted within the budget; cancelled and will not be sent. */
        NOT_SENT
    }
}
