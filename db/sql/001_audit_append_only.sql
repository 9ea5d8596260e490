-- The audit log is evidence in its own right: rows can be added, never changed or removed.
-- The one exception is a learner's erasure (014_erasure.sql): criterion_erasure_allows() lets the owner's erasure
-- functions empty the listed columns of that learner's rows, and the retention job remove their decisions.
CREATE OR REPLACE FUNCTION criterion_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    IF TG_OP = 'UPDATE' AND criterion_erasure_allows(TG_TABLE_NAME, TG_OP, to_jsonb(OLD), to_jsonb(NEW)) THEN
      RETURN NEW;
    ELSIF TG_OP = 'DELETE' AND criterion_erasure_allows(TG_TABLE_NAME, TG_OP, to_jsonb(OLD), NULL) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();

-- Makes each table a record: rows are added, never changed or removed (UPDATE and DELETE refused row by row), and
-- never truncated (a statement trigger: row triggers do not fire on TRUNCATE). With append_only false, only TRUNCATE
-- is refused (a table whose rows change in a controlled way has its own UPDATE rule). Idempotent, like every file here.
CREATE OR REPLACE FUNCTION criterion_keep_records(tables text[], append_only boolean DEFAULT true) RETURNS void AS $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY tables LOOP
    IF append_only THEN
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_append_only', t);
      EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change()',
        t || '_append_only', t);
    END IF;
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_no_truncate', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION criterion_refuse_change()',
      t || '_no_truncate', t);
  END LOOP;
END;
$$ LANGUAGE plpgsql;
