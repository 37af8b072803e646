package io.hotline.connectors;

import io.hotline.call.Masking;
import java.util.Objects;

/**
 * One SMS as a gateway sends it.
 *
 * @param reference the outbox id as {@code hotline-sms-<id>}: the same for every attempt of one message (the HTTP
 *                  gateway sends it as the idempotency key)
 * @param msisdn    the recipient, full number: never log it
 * @param text      the text, which may hold a reset code: never log it
 */
public record OutgoingSms(String reference, String msisdn, String text) {
    public OutgoingSms {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(text, "text");
    }

    /** Without the text or the full number. */
    @Override
    public String toString() {
        return reference + " to " + Masking.phone(msisdn) + " (" + text.length() + " chars)";
    }
}
