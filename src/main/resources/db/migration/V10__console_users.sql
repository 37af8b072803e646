-- Console: the people who sign in (agents, supervisors, admins) and the screen pops delivered to them.

CREATE TABLE users (
    id              bigserial PRIMARY KEY,
    login           text        NOT NULL UNIQUE CHECK (login ~ '^[a-z][a-z0-9._-]{1,31}$'),
    display_name    text        NOT NULL,
    -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>, see io.hotline.db.SecretHash
    password_hash   text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    -- the Asterisk queue-member interface this person answers on (PJSIP/1001, Local/agent1@agents)
    interface       text        UNIQUE,
    queues          text[]      NOT NULL DEFAULT '{}',
    failed_signins  int         NOT NULL DEFAULT 0 CHECK (failed_signins >= 0),
    locked_until    timestamptz,
    last_signin_at  timestamptz,
    disabled        boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- One screen pop per call and agent: what the agent's console showed, kept so that a browser that
-- reconnects gets it again. payload holds only what the agent may see (masked numbers).
CREATE TABLE screen_pops (
    id          bigserial PRIMARY KEY,
    ticket_id   bigint      REFERENCES tickets (id),
    ticket_ref  text        NOT NULL,
    call_key    text        NOT NULL,
    agent_login text        NOT NULL REFERENCES users (login) ON UPDATE CASCADE,
    queue       text        NOT NULL,
    source      text        NOT NULL CHECK (source IN ('ami', 'sim')),
    state       text        NOT NULL CHECK (state IN ('ringing', 'active', 'ended', 'missed', 'closed')),
    payload     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    UNIQUE (call_key, agent_login)
);
CREATE INDEX screen_pops_live ON screen_pops (agent_login, updated_at) WHERE state IN ('ringing', 'active', 'ended');
CREATE INDEX screen_pops_ticket ON screen_pops (ticket_ref);

