package io.hotline.wallet;

import java.util.Objects;

/**
 * The order to freeze an account, from a call.
 *
 * @param accountId the account
 * @param callId    the call asking; with the account it makes the idempotency key
 * @param reason    why, for the audit trail
 * @param lang      the caller's language, for the freeze notice SMS
 */
public record FreezeAccount(long accountId, String callId, String reason, String lang) {
    public FreezeAccount {
        Objects.requireNonNull(callId, "callId");
        reason = reason == null || reason.isBlank() ? "requested by caller" : reason;
        lang = lang == null || lang.isBlank() ? "en" : lang;
    }

    /**
     * The key that makes a repeated request (a retry after a lost reply) one freeze: the same for every attempt
     * of this call on this account, different for another call.
     */
    public String idempotencyKey() {
        return "hotline-freeze-" + callId + "-" + accountId;
    }
}
