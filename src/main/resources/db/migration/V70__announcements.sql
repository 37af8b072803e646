-- Announcements an admin switches on without touching the flows: played at the flows' announce points while
-- live. Live means: switched on, its audio exists in every language (synthesized, or a recording an admin put
-- in the sounds directory), and now is within [starts_at, ends_at).
CREATE TABLE announcements (
    id           bigserial PRIMARY KEY,
    title        text        NOT NULL,
    texts        jsonb       NOT NULL,                -- {"en": "...", "zh": "..."}
    journeys     text[]      NOT NULL DEFAULT '{}',   -- flow ids; empty: everyone
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    audio        text        NOT NULL CHECK (audio IN ('synthesized', 'recording')),
    enabled      boolean     NOT NULL DEFAULT false,
    audio_ready  boolean     NOT NULL DEFAULT false,
    audio_note   text        NOT NULL DEFAULT '',     -- why the audio is not ready (a language missing, a failure)
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    CHECK (ends_at > starts_at)
);

CREATE INDEX announcements_enabled ON announcements (ends_at) WHERE enabled;
