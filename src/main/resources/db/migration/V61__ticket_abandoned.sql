-- A caller who hung up while waiting for an agent leaves a ticket 'abandoned' (not 'queued' for ever):
-- the supervisor's list of abandoned calls, and a ticket an agent may still close.
ALTER TABLE tickets DROP CONSTRAINT tickets_status_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_status_check
    CHECK (status IN ('open', 'queued', 'with_agent', 'abandoned', 'closed'));
