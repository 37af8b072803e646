-- Wrong PINs from numbers other than the account's registered phone are counted apart from those typed on
-- the registered phone, each with its own lock, so that a stranger who types someone's number cannot lock
-- the owner's PIN checks (issue 19). The existing pin_failed_count / pin_locked_until now count the
-- registered phone's tries only.
ALTER TABLE accounts
    ADD COLUMN pin_other_failed_count int NOT NULL DEFAULT 0 CHECK (pin_other_failed_count >= 0),
    ADD COLUMN pin_other_locked_until timestamptz;
