-- Flow publishing (issue 6): how each version came about, and sessions by version for replay and stats.
ALTER TABLE flow_versions
    ADD COLUMN kind          text   NOT NULL DEFAULT 'publish' CHECK (kind IN ('publish', 'rollback')),
    -- for a rollback: the earlier version whose files were published again
    ADD COLUMN restored_from bigint REFERENCES flow_versions (version);

CREATE INDEX call_sessions_flow_version ON call_sessions (flow_version, started_at);
