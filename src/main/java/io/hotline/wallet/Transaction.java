package io.hotline.wallet;

import java.time.Instant;
import java.util.Objects;

/**
 * A movement of money on the wallet.
 *
 * @param id           database id
 * @param reference    the transaction's reference
 * @param at           when it happened
 * @param amountFen    in fen; negative = money out of the wallet
 * @param kind         {@code payment}, {@code transfer_out}, {@code transfer_in}, {@code withdrawal} or {@code recharge}
 * @param counterparty who the money went to or came from, or null
 * @param channel      how, e.g. {@code wallet balance}, or null
 */
public record Transaction(
        long id, String reference, Instant at, long amountFen, String kind, String counterparty, String channel) {
    public Transaction {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }
}
