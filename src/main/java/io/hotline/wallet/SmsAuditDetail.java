package io.hotline.wallet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.hotline.call.Masking;

/**
 * The audit detail of an outbox message's transition ({@code sms_accepted}, {@code sms_failed}, {@code sms_cancelled},
 * {@code sms_delivery_receipt}, ...): to whom (masked), what, in which language, after how many attempts, and the one
 * or two fields of that transition; the fields a transition does not have are left out of the JSON.
 *
 * @param to         the masked number
 * @param kind       the message kind ({@link SmsKind#wire})
 * @param lang       the message's language
 * @param attempts   send attempts so far
 * @param reason     why it was given up, failed or cancelled (masked text)
 * @param state      the state of a delivery receipt
 * @param gateway    the gateway that accepted it
 * @param providerId the gateway's id for it, empty when none was given
 */
record SmsAuditDetail(
        String to,
        String kind,
        String lang,
        int attempts,
        @JsonInclude(Include.NON_NULL) String reason,
        @JsonInclude(Include.NON_NULL) String state,
        @JsonInclude(Include.NON_NULL) String gateway,
        @JsonInclude(Include.NON_NULL) String providerId) {

    /** The detail with no transition fields; {@code msisdn} is masked here. */
    static SmsAuditDetail of(String msisdn, String kind, String lang, int attempts) {
        return new SmsAuditDetail(Masking.phone(msisdn), kind, lang, attempts, null, null, null, null);
    }

    SmsAuditDetail withReason(String why) {
        return new SmsAuditDetail(to, kind, lang, attempts, why, state, gateway, providerId);
    }

    SmsAuditDetail withState(String receipt) {
        return new SmsAuditDetail(to, kind, lang, attempts, reason, receipt, gateway, providerId);
    }

    SmsAuditDetail acceptedBy(String by, String id) {
        return new SmsAuditDetail(to, kind, lang, attempts, reason, state, by, id);
    }
}
