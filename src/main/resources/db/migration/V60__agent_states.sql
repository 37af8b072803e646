-- Agent state (io.hotline.agents): what each console user is doing as far as the queues are concerned,
-- and every change of it (time in state, who changed it: the agent, a supervisor or Hotline itself).

CREATE TABLE agent_states (
    login   text        PRIMARY KEY REFERENCES users (login) ON UPDATE CASCADE,
    state   text        NOT NULL CHECK (state IN ('offline', 'available', 'paused', 'wrap-up')),
    reason  text        NOT NULL DEFAULT '',
    since   timestamptz NOT NULL,
    until   timestamptz,
    set_by  text        NOT NULL
);

CREATE TABLE agent_state_changes (
    id      bigserial   PRIMARY KEY,
    login   text        NOT NULL REFERENCES users (login) ON UPDATE CASCADE,
    state   text        NOT NULL,
    reason  text        NOT NULL DEFAULT '',
    at      timestamptz NOT NULL,
    set_by  text        NOT NULL
);
CREATE INDEX agent_state_changes_login_at ON agent_state_changes (login, at);
