package io.hotline.connectors;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery receipt: the SMS centre's word on what became of a message it accepted.
 *
 * @param providerId the id the centre gave the message when it accepted it
 * @param state      its final state as the centre names it ({@code DELIVRD}, {@code UNDELIV}, {@code EXPIRED},
 *                   {@code REJECTD}, ...)
 * @param at         when the centre says it happened (or when the receipt came)
 */
public record SmsReceipt(String providerId, String state, Instant at) {
    public SmsReceipt {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }

    /** Takes receipts from a gateway; returns false when it cannot record this one yet (the centre should resend). */
    @FunctionalInterface
    public interface Listener {
        boolean received(SmsReceipt receipt);
    }
}
