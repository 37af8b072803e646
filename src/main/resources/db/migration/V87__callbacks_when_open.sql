-- Callbacks booked while their queue is closed (issue 16, "we will call you back when we open"):
-- status 'pending' until the queue next opens by the calendar in force; then one node turns them into
-- ordinary waiting callbacks (io.hotline.contact.OpeningCallbacks), in the order they were taken. While
-- pending, next_attempt_at is the opening the caller was told and placed_at when it was booked.

ALTER TABLE callbacks DROP CONSTRAINT callbacks_status_check;
ALTER TABLE callbacks ADD CONSTRAINT callbacks_status_check
    CHECK (status IN ('pending', 'waiting', 'dialing', 'done', 'given_up', 'cancelled'));
ALTER TABLE callbacks DROP CONSTRAINT callbacks_check;
ALTER TABLE callbacks ADD CONSTRAINT callbacks_check
    CHECK (number_sealed IS NULL OR status IN ('pending', 'waiting', 'dialing'));
CREATE INDEX callbacks_pending ON callbacks (queue, placed_at) WHERE status = 'pending';
