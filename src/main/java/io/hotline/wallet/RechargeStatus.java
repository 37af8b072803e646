package io.hotline.wallet;

import java.util.Locale;

/** What became of a recharge (top-up). */
public enum RechargeStatus {
    SUCCEEDED,
    FAILED,
    /** The worst case: the card was charged but the wallet was not credited. */
    DEBITED_NOT_CREDITED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RechargeStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
