-- The caller's full number, sealed (AES-256-GCM under HOTLINE_NUMBER_KEY, purpose "caller") at call start, so the
-- agent handling the call can reveal it (audited) to call back. Only the sealed form is stored, never the number;
-- rows are deleted once expires_at passes (HOTLINE_CALLER_NUMBER_RETENTION).
CREATE TABLE caller_numbers (
    call_id    text        PRIMARY KEY,
    sealed     text        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX caller_numbers_expiry ON caller_numbers (expires_at);
