-- Each time an agent puts a caller on hold from the console: when, and when they took the caller back (NULL while
-- still on hold, or when the call ended on hold). Reports count hold time apart: app_queue's talk time includes it.
CREATE TABLE call_holds (
    id         bigserial   PRIMARY KEY,
    call_id    text        NOT NULL,
    agent      text        NOT NULL,
    held_at    timestamptz NOT NULL,
    resumed_at timestamptz,
    CHECK (resumed_at IS NULL OR resumed_at >= held_at)
);
CREATE INDEX call_holds_call ON call_holds (call_id);
-- at most one open hold per call
CREATE UNIQUE INDEX call_holds_open ON call_holds (call_id) WHERE resumed_at IS NULL;
