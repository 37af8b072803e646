package io.hotline.wallet;

import java.util.Objects;

/**
 * The result of {@link Wallet#sendResetCode}. The code itself never leaves the wallet except sealed in the
 * outbox, for the sender.
 *
 * @param result       QUEUED or RATE_LIMITED
 * @param maskedMsisdn the registered phone, masked ({@code *******8000}), for the prompt
 * @param messageId    the outbox message to send ({@link SmsDispatch#sendNow}); 0 when none was queued
 */
public record ResetCode(ResetResult result, String maskedMsisdn, long messageId) {
    public ResetCode {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(maskedMsisdn, "maskedMsisdn");
    }
}
