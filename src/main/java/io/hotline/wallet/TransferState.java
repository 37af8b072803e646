package io.hotline.wallet;

import java.util.Locale;

/** Where an outgoing transfer or withdrawal is. */
public enum TransferState {
    /** Accepted by the wallet, not yet handed to the payment channel. */
    SUBMITTED,
    /** With the payment channel or the receiving bank ({@link OutgoingTransfer#processingAt()}). */
    PROCESSING,
    /** Arrived ({@link OutgoingTransfer#settledAt()} is when). */
    COMPLETED,
    /** Failed; the money went back to the wallet at {@link OutgoingTransfer#settledAt()}. */
    REFUNDED,
    /** Sent back by the receiving bank ({@link OutgoingTransfer#reason()}); the money is back in the wallet. */
    RETURNED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a state not listed here */
    public static TransferState fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Whether it is still on its way (it can be late). */
    public boolean pending() {
        return this == SUBMITTED || this == PROCESSING;
    }
}
