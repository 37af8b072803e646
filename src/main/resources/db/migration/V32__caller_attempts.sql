-- Failed identity checks per calling number: wrong PINs and typed phone numbers that found no
-- account. Counted over the last hour to lock self-service for a number that tries too many
-- (someone cycling through accounts or PINs from one phone), on top of the per-account PIN lock.
-- The number is stored only as a SHA-256 hash (see io.hotline.wallet.CallerLimits).
CREATE TABLE caller_attempts (
    id           bigserial   PRIMARY KEY,
    caller_hash  text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('lookup', 'pin')),
    at           timestamptz NOT NULL
);
CREATE INDEX caller_attempts_recent ON caller_attempts (caller_hash, kind, at);
