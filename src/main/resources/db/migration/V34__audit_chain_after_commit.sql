-- Audit rows are chained after they commit instead of inside the transaction that writes them
-- (io.hotline.db.AuditLog): before, every audited write in the system queued on the one audit_head row
-- until its transaction committed. Now a write only inserts its row (hash still NULL); a chainer links
-- committed rows in the order it finds them, numbering them in chain_seq, under the audit_head lock, in
-- batches. Rows chained before this migration keep chain_seq = id (they were chained in id order).

ALTER TABLE audit_log ADD COLUMN chain_seq bigint;

ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log SET chain_seq = id WHERE hash IS NOT NULL;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;

CREATE UNIQUE INDEX audit_log_chain_seq ON audit_log (chain_seq);
CREATE INDEX audit_log_unchained ON audit_log (id) WHERE hash IS NULL;

ALTER TABLE audit_head ADD COLUMN last_seq bigint;
UPDATE audit_head SET last_seq = last_id;

-- ids come from the sequence again (an earlier build took the head's last id + 1)
SELECT setval(pg_get_serial_sequence('audit_log', 'id'), greatest((SELECT max(id) FROM audit_log), 1),
              (SELECT max(id) FROM audit_log) IS NOT NULL);

-- Still append-only: the one change allowed is the chainer linking an unlinked row, once, without
-- touching what the row says.
CREATE FUNCTION audit_log_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.hash IS NULL AND OLD.chain_seq IS NULL AND NEW.hash IS NOT NULL AND NEW.chain_seq IS NOT NULL
       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
       AND NEW.subject IS NOT DISTINCT FROM OLD.subject AND NEW.detail IS NOT DISTINCT FROM OLD.detail
       AND NEW.call_id IS NOT DISTINCT FROM OLD.call_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_guard_update();
CREATE TRIGGER audit_log_no_delete
    BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
