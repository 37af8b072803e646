-- Wallet tables: the system of record the hotline acts on.
-- Money is stored in fen (1/100 yuan) as bigint. Times are timestamptz.

CREATE TABLE accounts (
    id                  bigserial PRIMARY KEY,
    -- the registered phone, full number: this table is the system of record; never logged
    msisdn              text        NOT NULL UNIQUE,
    holder_name         text        NOT NULL,
    status              text        NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'frozen', 'closed')),
    -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>, see io.hotline.db.SecretHash
    pin_hash            text,
    pin_failed_count    int         NOT NULL DEFAULT 0 CHECK (pin_failed_count >= 0),
    pin_locked_until    timestamptz,
    login_locked        boolean     NOT NULL DEFAULT false,
    login_failed_count  int         NOT NULL DEFAULT 0 CHECK (login_failed_count >= 0),
    last_trusted_login  timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE recharges (
    id              bigserial PRIMARY KEY,
    reference       text        NOT NULL UNIQUE,
    account_id      bigint      NOT NULL REFERENCES accounts (id),
    amount_fen      bigint      NOT NULL CHECK (amount_fen > 0),
    channel         text        NOT NULL,
    card_last4      text        CHECK (card_last4 ~ '^[0-9]{4}$'),
    status          text        NOT NULL
                    CHECK (status IN ('succeeded', 'failed', 'debited_not_credited')),
    failure_reason  text
                    CHECK (failure_reason IN ('card_declined', 'insufficient_funds', 'limit_exceeded',
                                              'network_timeout', 'channel_maintenance')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'failed') = (failure_reason IS NOT NULL))
);
CREATE INDEX recharges_account_created ON recharges (account_id, created_at DESC);

CREATE TABLE transactions (
    id              bigserial PRIMARY KEY,
    reference       text        NOT NULL UNIQUE,
    account_id      bigint      NOT NULL REFERENCES accounts (id),
    at              timestamptz NOT NULL,
    -- negative = money out of the wallet
    amount_fen      bigint      NOT NULL,
    kind            text        NOT NULL
                    CHECK (kind IN ('payment', 'transfer_out', 'transfer_in', 'withdrawal', 'recharge')),
    counterparty    text,
    channel         text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transactions_account_at ON transactions (account_id, at DESC);

-- Freeze references F-100001, F-100002, ... (said to callers, so short and numeric).
CREATE SEQUENCE freeze_ref_seq START WITH 100001;

CREATE TABLE freezes (
    id              bigserial PRIMARY KEY,
    reference       text        NOT NULL UNIQUE,
    account_id      bigint      NOT NULL REFERENCES accounts (id),
    frozen_at       timestamptz NOT NULL,
    frozen_by       text        NOT NULL,
    reason          text        NOT NULL,
    call_id         text,
    released_at     timestamptz,
    released_by     text,
    release_reason  text,
    CHECK ((released_at IS NULL) = (released_by IS NULL))
);
-- At most one unreleased freeze per account: two simultaneous freezes produce one.
CREATE UNIQUE INDEX freezes_one_open_per_account ON freezes (account_id) WHERE released_at IS NULL;

CREATE TABLE reset_codes (
    id          bigserial PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES accounts (id),
    -- the code is never stored in clear
    code_hash   text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    call_id     text
);
CREATE INDEX reset_codes_account_created ON reset_codes (account_id, created_at DESC);

-- What an SMS gateway drains. The body holds the reset code: never log it.
CREATE TABLE sms_outbox (
    id          bigserial PRIMARY KEY,
    msisdn      text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    sent_at     timestamptz
);
CREATE INDEX sms_outbox_unsent ON sms_outbox (id) WHERE sent_at IS NULL;
