-- A ticket's promise (issue 22): a complaint is answered within 24 hours of the call.
ALTER TABLE tickets ADD COLUMN due_at timestamptz;
CREATE INDEX tickets_due ON tickets (due_at) WHERE due_at IS NOT NULL AND status <> 'closed';
