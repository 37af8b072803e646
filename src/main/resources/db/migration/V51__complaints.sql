-- Complaints (issue 22): the ticket's promise, the reference by SMS, and the caller's voice message.

-- a complaint is answered within 24 hours of the call; the console shows due / overdue
ALTER TABLE tickets ADD COLUMN due_at timestamptz;
CREATE INDEX tickets_due ON tickets (due_at) WHERE due_at IS NOT NULL AND status <> 'closed';

-- "we have your complaint, reference C-...": sent in the background, retried until it goes
ALTER TABLE sms_outbox DROP CONSTRAINT sms_outbox_kind_check;
ALTER TABLE sms_outbox ADD CONSTRAINT sms_outbox_kind_check
    CHECK (kind IN ('text', 'reset_code', 'freeze_notice', 'complaint_reference'));

-- A voice message a caller left, brought from Asterisk's host into Hotline's own storage (the database, so every
-- node of a cluster can serve it). Found by the call: the call's ticket is the one it belongs to. Deleted when
-- expires_at passes (HOTLINE_RECORDINGS_RETENTION).
CREATE TABLE call_recordings (
    id           bigserial PRIMARY KEY,
    call_id      text        NOT NULL,
    purpose      text        NOT NULL,
    audio        bytea       NOT NULL,
    content_type text        NOT NULL DEFAULT 'audio/wav',
    duration_ms  bigint      NOT NULL CHECK (duration_ms >= 0),
    -- how it ended: 'dtmf' (the caller pressed #), 'silence', 'max' (the limit), 'hangup'
    ended_by     text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX call_recordings_call ON call_recordings (call_id);
CREATE INDEX call_recordings_expiry ON call_recordings (expires_at);
