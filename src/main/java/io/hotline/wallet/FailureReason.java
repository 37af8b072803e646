package io.hotline.wallet;

import java.util.Locale;

/** Why a recharge failed; each has its own advice for the caller. */
public enum FailureReason {
    /** Wrong card details: check them or use another card. */
    CARD_DECLINED,
    /** Not enough money on the card: use another card or a smaller amount. */
    INSUFFICIENT_FUNDS,
    /** Bank or channel limit exceeded: a smaller amount or another channel. */
    LIMIT_EXCEEDED,
    /** A network failure: try again later. */
    NETWORK_TIMEOUT,
    /** The channel is under maintenance: wait or use another channel. */
    CHANNEL_MAINTENANCE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FailureReason fromWire(String s) {
        return s == null ? null : valueOf(s.toUpperCase(Locale.ROOT));
    }
}
