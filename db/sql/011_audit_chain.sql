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
  last record;
BEGIN
  -- The caller holds the chain's lock (criterion_audit_chain_lock, once per statement), so this head is the newest.
  SELECT seq, hash INTO head FROM audit_chain_head WHERE id = 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head has no row: run the migrations (db/sql/011_audit_chain.sql)';
  END IF;
  -- The head moves once per statement (criterion_audit_advance_head): rows this statement has already linked lie
  -- beyond it. Moving it for every row made a bulk insert about twice as slow.
  SELECT chain_seq AS seq, row_hash AS hash INTO last FROM audit_log
    WHERE chain_seq > head.seq ORDER BY chain_seq DESC LIMIT 1;
  IF FOUND THEN
    head := last;
  END IF;
  r.chain_seq := head.seq + 1;
  r.prev_hash := head.hash;
  r.row_hash := encode(sha256(convert_to(criterion_audit_canonical(r), 'UTF8')), 'hex');
  RETURN r;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION criterion_audit_advance_head() RETURNS void AS $$
  UPDATE audit_chain_head h SET seq = l.chain_seq, hash = l.row_hash
  FROM (SELECT chain_seq, row_hash FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1) l
  WHERE h.id = 1 AND l.chain_seq > h.seq;
$$ LANGUAGE sql;

-- The head's row lock is the chain's lock, taken once per statement and held to the commit: a second writer waits
-- here until the first commits, then reads the head the first one left (READ COMMITTED sees what committed before
-- the lock was granted; REPEATABLE READ fails instead of forking). Locking per row cost a bulk insert about a fifth more.
CREATE OR REPLACE FUNCTION criterion_audit_chain_lock() RETURNS trigger AS $$
BEGIN
  PERFORM 1 FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

-- SECURITY DEFINER: the app's role may read the head but never write it (db/sql/900_app_role.sql), so it cannot
-- move the head except by adding rows.
CREATE OR REPLACE FUNCTION criterion_audit_chain() RETURNS trigger AS $$
BEGIN
  RETURN criterion_audit_link(NEW);
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

CREATE OR REPLACE FUNCTION criterion_audit_chain_head() RETURNS trigger AS $$
BEGIN
  PERFORM criterion_audit_advance_head();
  RETURN NULL;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT (id) DO NOTHING;

DROP TRIGGER IF EXISTS audit_log_chain_lock ON audit_log;
CREATE TRIGGER audit_log_chain_lock BEFORE INSERT ON audit_log FOR EACH STATEMENT
  EXECUTE FUNCTION criterion_audit_chain_lock();
DROP TRIGGER IF EXISTS audit_log_chain ON audit_log;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION criterion_audit_chain();
DROP TRIGGER IF EXISTS audit_log_chain_head ON audit_log;
CREATE TRIGGER audit_log_chain_head AFTER INSERT ON audit_log FOR EACH STATEMENT
  EXECUTE FUNCTION criterion_audit_chain_head();

-- Rows written before the chain existed join it once, in the order they were written (id), as the owner and with
-- the append-only rule lifted for that one statement. Idempotent: later starts find nothing to link.
DO $$
DECLARE
  r audit_log;
BEGIN
  IF EXISTS (SELECT 1 FROM audit_log WHERE row_hash IS NULL) THEN
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
    PERFORM 1 FROM audit_chain_head WHERE id = 1 FOR UPDATE;
    FOR r IN SELECT * FROM audit_log WHERE row_hash IS NULL ORDER BY id LOOP
      r := criterion_audit_link(r);
      UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, row_hash = r.row_hash WHERE id = r.id;
    END LOOP;
    PERFORM criterion_audit_advance_head();
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
