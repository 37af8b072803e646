package io.hotline.telephony.queue;

/**
 * An agent's device state as app_queue reports it ({@code Status:} of QueueMember and
 * QueueMemberStatus, Asterisk's {@code AST_DEVICE_*} numbers).
 */
public enum MemberState {
    UNKNOWN,
    NOT_IN_USE,
    IN_USE,
    BUSY,
    INVALID,
    UNAVAILABLE,
    RINGING,
    RING_IN_USE,
    ON_HOLD;

    /** From Asterisk's numeric device state; anything unexpected is {@link #UNKNOWN}. */
    public static MemberState fromAsterisk(Integer status) {
        if (status == null || status < 0 || status >= values().length) {
            return UNKNOWN;
        }
        return values()[status];
    }

    /** Lower-case with dashes, as the console shows and sends it. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
