package io.hotline.wallet;

import java.util.Locale;

/** An account's state: frozen accounts can neither pay nor be paid out; closed ones are gone. */
public enum AccountStatus {
    ACTIVE,
    FROZEN,
    CLOSED;

    /** The value stored in {@code accounts.status}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AccountStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
