package io.hotline.wallet;

import java.util.Objects;

/**
 * What {@link WalletPort#sendResetCode} achieved.
 *
 * @param result       SENT, NOT_SENT or RATE_LIMITED
 * @param maskedMsisdn the registered phone masked ({@code *******8000}), for the prompt; empty when not known
 */
public record ResetCodeSent(Result result, String maskedMsisdn) {
    public ResetCodeSent {
        Objects.requireNonNull(result, "result");
        maskedMsisdn = maskedMsisdn == null ? "" : maskedMsisdn;
    }

    /** The outcome. */
    public enum Result {
        /** An SMS centre accepted the code for the registered phone. */
        SENT,
        /** A code was made but not accepted in time; it is void and will not be sent later. */
        NOT_SENT,
        /** Too many codes for this account in the last hour; none was made. */
        RATE_LIMITED
    }
}
