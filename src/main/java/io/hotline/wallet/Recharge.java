package io.hotline.wallet;

import java.time.Instant;
import java.util.Objects;

/**
 * A recharge (top-up) attempt.
 *
 * @param id        database id
 * @param reference e.g. {@code R-20261120-0001}
 * @param amountFen the amount in fen (1/100 yuan)
 * @param at        when it was made
 * @param channel   e.g. {@code ICBC debit card}, {@code Alipay}
 * @param cardLast4 the card's last four digits, or null for a non-card channel
 * @param status    what became of it
 * @param reason    why it failed; null unless {@code status} is FAILED
 */
public record Recharge(
        long id,
        String reference,
        long amountFen,
        Instant at,
        String channel,
        String cardLast4,
        RechargeStatus status,
        FailureReason reason) {
    public Recharge {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
    }
}
