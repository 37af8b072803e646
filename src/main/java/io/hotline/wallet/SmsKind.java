package io.hotline.wallet;

/** What an SMS in the outbox is, which decides its text ({@link SmsText}) and how it is sent. */
public enum SmsKind {
    /** Free text, stored as it is sent (no secret in it). */
    TEXT("text"),
    /** A password-reset code: sent by the call that asked for it, within the action's budget, or not at all. */
    RESET_CODE("reset_code"),
    /** "Your wallet was frozen by a call to the hotline": sent in the background, retried until it goes. */
    FREEZE_NOTICE("freeze_notice"),
    /** "We have your complaint, reference T-...": sent in the background, retried until it goes. */
    COMPLAINT_REFERENCE("complaint_reference");

    private final String wire;

    SmsKind(String wire) {
        this.wire = wire;
    }

    /** The value in {@code sms_outbox.kind}. */
    public String wire() {
        return wire;
    }

    static SmsKind fromWire(String s) {
        for (SmsKind k : values()) {
            if (k.wire.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown SMS kind '" + s + "'");
    }
}
