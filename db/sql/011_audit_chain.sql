-- The audit log as a hash chain: the database itself links every row to the one before, whichever writer sends it
-- (lib/audit.ts, a script, raw SQL). Someone able to switch the append-only trigger off can still change or remove
-- rows, but not without `npm run -s audit -- verify` naming the first row that no longer fits.
--
-- The canonical form (lib/record/audit-chain.ts recomputes it outside the database; README "Audit chain"):
--   row_hash = lower-hex SHA-256 of the UTF-8 text of the JSON array
--     ["criterion-audit/1", chain_seq, prev_hash, id, at, actor_id, action, subject_type, subject_id, learner_id,
--      before, after]
--   written as PostgreSQL writes jsonb: ", " between items; strings JSON-escaped; null for SQL NULL; at as
--   YYYY-MM-DDTHH:MM:SS.ffffffZ in UTC; before and after as PostgreSQL's own jsonb text of the stored value.
--   prev_hash is the row_hash of the row at chain_seq - 1, and 64 zeros for the first row (chain_seq 1).
CREATE OR REPLACE FUNCTION criterion_audit_canonical(r audit_log) RETURNS text AS $$
  SELECT jsonb_build_array(
    'criterion-audit/1', r.chain_seq, r.prev_hash, r.id,
    to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    r.actor_id::text, r.action, r.subject_type, r.subject_id, r.learner_id::text, r.before, r.after)::text;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION criterion_audit_link(r audit_log) RETURNS audit_log AS $$
DECLARE
  head record;
BEGIN
  -- The head's row lock is the chain's lock: a second writer waits here until the first commits, then reads the
  -- head the first one left (READ COMMITTED re-reads a row it waited for; REPEATABLE READ fails instead of forking).
  SELECT seq, hash INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head has no row: run the migrations (db/sql/011_audit_chain.sql)';
  END IF;
  r.chain_seq := head.seq + 1;
  r.prev_hash := head.hash;
  r.row_hash := encode(sha256(convert_to(criterion_audit_canonical(r), 'UTF8')), 'hex');
  UPDATE audit_chain_head SET seq = r.chain_seq, hash = r.row_hash WHERE id = 1;
  RETURN r;
END;
$$ LANGUAGE plpgsql;

-- SECURITY DEFINER: the app's role may read the head but never write it (db/sql/900_app_role.sql), so it cannot
-- move the head except by adding a row.
CREATE OR REPLACE FUNCTION criterion_audit_chain() RETURNS trigger AS $$
BEGIN
  RETURN criterion_audit_link(NEW);
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT (id) DO NOTHING;

DROP TRIGGER IF EXISTS audit_log_chain ON audit_log;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION criterion_audit_chain();

-- Rows written before the chain existed join it once, in the order they were written (id), as the owner and with
-- the append-only rule lifted for that one statement. Idempotent: later starts find nothing to link.
DO $$
DECLARE
  r audit_log;
BEGIN
  IF EXISTS (SELECT 1 FROM audit_log WHERE row_hash IS NULL) THEN
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
    FOR r IN SELECT * FROM audit_log WHERE row_hash IS NULL ORDER BY id LOOP
      r := criterion_audit_link(r);
      UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, row_hash = r.row_hash WHERE id = r.id;
    END LOOP;
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
  END IF;
END $$;

ALTER TABLE audit_log ALTER COLUMN chain_seq SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL;
ALTER TABLE audit_log ALTER COLUMN row_hash SET NOT NULL;

-- Seals are records too.
DROP TRIGGER IF EXISTS audit_seals_append_only ON audit_seals;
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();
DROP TRIGGER IF EXISTS audit_seals_no_truncate ON audit_seals;
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_refuse_change();
