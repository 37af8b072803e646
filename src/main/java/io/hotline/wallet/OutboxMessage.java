package io.hotline.wallet;

import io.hotline.call.Masking;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message a sender has claimed from the outbox ({@link SmsOutbox#claimDue}, {@link SmsOutbox#claim}): it holds
 * the lease until it settles the message, and only the holder of {@code leaseToken} can.
 *
 * @param msisdn     the recipient, full number: hand it to the SMS centre, never log it
 * @param text       the text to send, rendered at claim time (a reset code opened from its seal); empty when it
 *                   cannot be rendered here (sealed by another process's key): settle it as failed
 * @param attempts   submits tried so far, this one included
 * @param expiresAt  not sent by then, not sent at all (null: no limit)
 * @param inCall     sent by the call that asked for it, within its budget, never by the background drain
 * @param leaseToken the claim's fencing token
 */
public record OutboxMessage(
        long id,
        String msisdn,
        SmsKind kind,
        String lang,
        int attempts,
        Instant expiresAt,
        boolean inCall,
        String callId,
        String leaseToken,
        Optional<String> text) {
    public OutboxMessage {
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(leaseToken, "leaseToken");
        Objects.requireNonNull(text, "text");
    }

    /** Without the text or the full number: safe to log. */
    @Override
    public String toString() {
        return "sms " + id + " (" + kind.wire() + ", " + lang + ", to " + Masking.phone(msisdn) + ", attempt "
                + attempts + ")";
    }
}
