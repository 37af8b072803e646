package io.hotline.wallet;

import java.time.Instant;
import java.util.Objects;

/**
 * Money sent out of the wallet: a transfer to someone's bank account or a withdrawal to the holder's own card,
 * with where it is now.
 *
 * @param id               database id
 * @param reference        e.g. {@code W-20261201-0001}
 * @param kind             {@code transfer} or {@code withdrawal}
 * @param amountFen        the amount sent, in fen (positive)
 * @param feeFen           the fee charged on top, in fen
 * @param destinationBank  the receiving bank, e.g. {@code ICBC}
 * @param destinationLast4 the last four digits of the card or account (the rest is never held)
 * @param submittedAt      when the holder sent it
 * @param state            where it is
 * @param processingAt     while {@link TransferState#PROCESSING}: {@code channel} or {@code bank}; otherwise null
 * @param expectedBy       when it should arrive at the latest
 * @param settledAt        when it arrived, was refunded or came back; null while pending
 * @param reason           why it failed (refunded) or came back (returned), e.g. {@code account_closed}; or null
 */
public record OutgoingTransfer(
        long id,
        String reference,
        String kind,
        long amountFen,
        long feeFen,
        String destinationBank,
        String destinationLast4,
        Instant submittedAt,
        TransferState state,
        String processingAt,
        Instant expectedBy,
        Instant settledAt,
        String reason) {
    public OutgoingTransfer {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(expectedBy, "expectedBy");
        if (!"transfer".equals(kind) && !"withdrawal".equals(kind)) {
            throw new IllegalArgumentException("kind must be transfer or withdrawal: " + kind);
        }
        if (destinationLast4 == null || !destinationLast4.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("destinationLast4 must be four digits");
        }
    }

    /** Still on its way after {@link #expectedBy()}. */
    public boolean overdue(Instant now) {
        return state.pending() && now.isAfter(expectedBy);
    }

    /** The destination as it may be shown: {@code ICBC ****6217}. */
    public String maskedDestination() {
        return destinationBank + " ****" + destinationLast4;
    }
}
