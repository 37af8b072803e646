-- SMS that is really sent (issue 18): the outbox becomes a queue that senders claim, retry and settle,
-- and reset codes are no longer in it in clear.
--
-- body now holds the text with any code blanked out ("******"): what an agent or an audit may see.
-- The sender renders the real text at send time from kind, lang and params, plus, for a reset code,
-- sealed_code: the code encrypted (AES-GCM) with a key that exists only in the memory of the node that
-- made it (seal_key names that key). It is dropped (NULL) as soon as the message is settled.

ALTER TABLE sms_outbox
    ADD COLUMN kind            text        NOT NULL DEFAULT 'text'
                               CHECK (kind IN ('text', 'reset_code', 'freeze_notice')),
    ADD COLUMN lang            text        NOT NULL DEFAULT 'en',
    ADD COLUMN params          jsonb       NOT NULL DEFAULT '{}',
    ADD COLUMN sealed_code     bytea,
    ADD COLUMN seal_key        text,
    -- sent by the call that asked for it, within the action's budget; the background drain leaves it alone
    ADD COLUMN in_call         boolean     NOT NULL DEFAULT false,
    ADD COLUMN account_id      bigint      REFERENCES accounts (id),
    ADD COLUMN reset_code_id   bigint      REFERENCES reset_codes (id),
    ADD COLUMN call_id         text,
    ADD COLUMN status          text        NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'sending', 'accepted', 'failed', 'cancelled', 'expired')),
    ADD COLUMN attempts        int         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- not sent by then: not sent at all (a reset code is useless after its own expiry)
    ADD COLUMN expires_at      timestamptz,
    ADD COLUMN lease_owner     text,
    ADD COLUMN lease_token     text,
    ADD COLUMN lease_until     timestamptz,
    -- the SMS centre's message id (SMPP message_id, the HTTP provider's id): delivery receipts name it
    ADD COLUMN provider_id     text,
    ADD COLUMN last_error      text,
    ADD COLUMN delivery_status text,
    ADD COLUMN delivered_at    timestamptz,
    ADD CONSTRAINT sms_outbox_sealed_only_while_open
        CHECK (sealed_code IS NULL OR status IN ('pending', 'sending')),
    ADD CONSTRAINT sms_outbox_lease_while_sending
        CHECK ((status = 'sending') = (lease_token IS NOT NULL));

-- Earlier rows held reset codes in clear: blank them. Unsent ones cannot be sent any more (their code is gone).
UPDATE sms_outbox
   SET body = regexp_replace(body, '[0-9]{6}', '******', 'g'),
       kind = 'reset_code',
       status = CASE WHEN sent_at IS NULL THEN 'expired' ELSE 'accepted' END
 WHERE body LIKE 'Your wallet password reset code is%';
UPDATE sms_outbox SET status = 'accepted' WHERE sent_at IS NOT NULL AND status = 'pending';

DROP INDEX sms_outbox_unsent;
CREATE INDEX sms_outbox_due ON sms_outbox (next_attempt_at, id) WHERE status IN ('pending', 'sending');
CREATE INDEX sms_outbox_provider_id ON sms_outbox (provider_id) WHERE provider_id IS NOT NULL;

-- Checking reset codes (POST /api/v1/reset-codes/verify): tries per code, and wrong tries per account.
ALTER TABLE reset_codes ADD COLUMN failed_tries int NOT NULL DEFAULT 0 CHECK (failed_tries >= 0);

CREATE TABLE reset_code_failures (
    id          bigserial   PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES accounts (id),
    at          timestamptz NOT NULL
);
CREATE INDEX reset_code_failures_account_at ON reset_code_failures (account_id, at DESC);
