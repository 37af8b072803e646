-- The agent's follow-up flag, set when they close a ticket that needs more work later (a callback, a case),
-- and who took the ticket's call.
ALTER TABLE tickets ADD COLUMN follow_up boolean NOT NULL DEFAULT false;

-- The agent who took the ticket's call last ("my open tickets").
ALTER TABLE tickets ADD COLUMN agent_login text;
CREATE INDEX tickets_agent_open ON tickets (agent_login) WHERE status <> 'closed';
