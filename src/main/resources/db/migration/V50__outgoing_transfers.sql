-- Outgoing transfers (to someone else's bank account) and withdrawals (to the holder's own card), with where each
-- one is: what the hotline reads to a caller whose money "has not arrived" (issue 22). Separate from
-- transactions (the wallet's ledger): a transfer is also a ledger line, but its state, expected arrival and fee are
-- the payment channel's, and change after the ledger line was written.
CREATE TABLE outgoing_transfers (
    id                bigserial PRIMARY KEY,
    reference         text        NOT NULL UNIQUE,
    account_id        bigint      NOT NULL REFERENCES accounts (id),
    kind              text        NOT NULL CHECK (kind IN ('transfer', 'withdrawal')),
    amount_fen        bigint      NOT NULL CHECK (amount_fen > 0),
    fee_fen           bigint      NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
    -- the receiving bank and the card's or account's last four digits; the full number is never stored here
    destination_bank  text        NOT NULL,
    destination_last4 text        NOT NULL CHECK (destination_last4 ~ '^[0-9]{4}$'),
    submitted_at      timestamptz NOT NULL,
    state             text        NOT NULL
                      CHECK (state IN ('submitted', 'processing', 'completed', 'refunded', 'returned')),
    -- while processing: who has it, the payment channel (UnionPay, ...) or the receiving bank
    processing_at     text        CHECK (processing_at IN ('channel', 'bank')),
    expected_by       timestamptz NOT NULL,
    -- completed: when it arrived; refunded: when it failed and the money went back; returned: when it came back
    settled_at        timestamptz,
    -- refunded: why it failed; returned: the receiving bank's reason
    reason            text,
    CHECK ((state = 'processing') = (processing_at IS NOT NULL)),
    CHECK ((state IN ('completed', 'refunded', 'returned')) = (settled_at IS NOT NULL)),
    CHECK (state <> 'returned' OR reason IS NOT NULL)
);
CREATE INDEX outgoing_transfers_account ON outgoing_transfers (account_id, submitted_at DESC);
