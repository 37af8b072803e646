-- Contact-centre tables: tickets, call sessions, the audit log, published flow versions.

CREATE TABLE tickets (
    id            bigserial PRIMARY KEY,
    reference     text        NOT NULL UNIQUE,
    -- one call has at most one ticket; tickets opened by agents have no call
    call_id       text        UNIQUE,
    category      text        NOT NULL,
    priority      int         NOT NULL DEFAULT 0,
    queue         text,
    status        text        NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'queued', 'with_agent', 'closed')),
    account_id    bigint      REFERENCES accounts (id),
    caller_masked text,
    verified      boolean     NOT NULL DEFAULT false,
    verified_by   text,
    context       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    notes         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    disposition   text,
    flow_version  bigint      NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    closed_at     timestamptz,
    closed_by     text
);
CREATE INDEX tickets_account ON tickets (account_id, created_at DESC);
CREATE INDEX tickets_open_queue ON tickets (queue, priority DESC, created_at) WHERE status <> 'closed';

CREATE TABLE call_sessions (
    call_id       text PRIMARY KEY,
    transport     text,
    flow_id       text,
    flow_version  bigint,
    caller_masked text,
    language      text,
    -- null only when the start could not be written (database down) and the end was
    started_at    timestamptz,
    ended_at      timestamptz,
    end_reason    text        NOT NULL DEFAULT 'in_progress'
                  CHECK (end_reason IN ('queued', 'hangup', 'caller_hangup', 'error', 'interrupted', 'in_progress')),
    queue         text,
    ticket_ref    text,
    path          jsonb,
    actions       jsonb,
    detail        text
);
CREATE INDEX call_sessions_in_progress ON call_sessions (call_id) WHERE end_reason = 'in_progress';
CREATE INDEX call_sessions_started ON call_sessions (started_at DESC);

-- Append-only; hash = sha256(prev_hash || canonical row), see io.hotline.tickets.AuditLog.
CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text        NOT NULL,
    action     text        NOT NULL,
    subject    text,
    detail     jsonb,
    call_id    text,
    prev_hash  text,
    hash       text
);
CREATE INDEX audit_log_subject ON audit_log (subject, at DESC);
CREATE INDEX audit_log_call ON audit_log (call_id) WHERE call_id IS NOT NULL;

CREATE TABLE flow_versions (
    version       bigint PRIMARY KEY,
    hash          text        NOT NULL,
    published_at  timestamptz NOT NULL,
    published_by  text        NOT NULL,
    files         jsonb       NOT NULL
);
