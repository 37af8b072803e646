-- The audit log is append-only: rows can be inserted, never changed or removed (not even by the
-- application's own database user; a superuser who disables the trigger to tamper is caught by
-- the hash chain, see io.hotline.db.AuditLog and `hotline audit verify`).
--
-- audit_head holds the chain's last link: appends lock this one row to chain one after another
-- (also under SERIALIZABLE, where it turns a race into a retried serialization failure), and
-- verification compares it with the last row, so removing rows at the end of the chain shows.

CREATE TABLE audit_head (
    id        int    PRIMARY KEY CHECK (id = 1),
    last_id   bigint,
    last_hash text,
    entries   bigint NOT NULL CHECK (entries >= 0)
);
INSERT INTO audit_head (id, last_id, last_hash, entries)
SELECT 1, (SELECT id FROM audit_log ORDER BY id DESC LIMIT 1),
          (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
          (SELECT count(*) FROM audit_log);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_head_no_delete
    BEFORE DELETE OR TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
