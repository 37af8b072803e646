package io.hotline.wallet;

import java.util.Objects;

/**
 * The result of {@link Wallet#sendResetCode}. The code itself never leaves the wallet except in the SMS.
 *
 * @param result       SENT or RATE_LIMITED
 * @param maskedMsisdn the registered phone, masked ({@code *******8000}), for the prompt
 */
public record ResetCode(ResetResult result, String maskedMsisdn) {
    public ResetCode {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(maskedMsisdn, "maskedMsisdn");
    }
}
