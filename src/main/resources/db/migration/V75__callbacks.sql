-- Queued callbacks (issue 16): a caller who chose to be called back keeps their place in the queue; a
-- placeholder waits there for them (io.hotline.contact.CallbackDesk). The full number is sealed with
-- io.hotline.secrets.NumberVault (purpose "callback") and removed once the callback is done, given up
-- or cancelled.

ALTER TABLE call_sessions DROP CONSTRAINT call_sessions_end_reason_check;
ALTER TABLE call_sessions ADD CONSTRAINT call_sessions_end_reason_check
    CHECK (end_reason IN ('queued', 'hangup', 'caller_hangup', 'error', 'interrupted', 'in_progress', 'callback'));

CREATE TABLE callbacks (
    id              bigserial   PRIMARY KEY,
    reference       text        NOT NULL UNIQUE,
    ticket_ref      text,
    call_id         text,
    queue           text        NOT NULL,
    priority        int         NOT NULL DEFAULT 0,
    language        text        NOT NULL DEFAULT '',
    account_id      bigint,
    number_masked   text        NOT NULL,
    number_sealed   text,
    -- waiting: its placeholder holds the caller's place in the queue (placed_at is that place);
    -- dialing: an agent took the place and the caller is being called; then done / given_up / cancelled
    status          text        NOT NULL DEFAULT 'waiting'
                    CHECK (status IN ('waiting', 'dialing', 'done', 'given_up', 'cancelled')),
    placed_at       timestamptz NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    -- the node that keeps the placeholder (or dials) and until when; another node takes over after it
    owner           text,
    lease_until     timestamptz,
    agent           text,
    last_result     text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    CHECK (number_sealed IS NULL OR status IN ('waiting', 'dialing'))
);
CREATE INDEX callbacks_open ON callbacks (queue, placed_at) WHERE status IN ('waiting', 'dialing');
