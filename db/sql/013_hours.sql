-- Learning hours (issue 21). An entry is a record the learner's reviews quote: it is never edited or removed, only
-- withdrawn, once (withdrawn_at set, nothing else changed). The rule holds whatever the application sends.
CREATE OR REPLACE FUNCTION criterion_learning_hours_guard() RETURNS trigger AS $$
BEGIN
  -- A learner's erasure changes only its listed columns, from the owner's erasure function (014_erasure.sql).
  IF TG_OP = 'UPDATE' AND criterion_erasure_allows(TG_TABLE_NAME, TG_OP, to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'learning_hours: an entry is never removed (refused); withdraw it instead'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL
     OR (NEW.id, NEW.learner_id, NEW.spent_on, NEW.minutes, NEW.activity, NEW.module_slug, NEW.created_at)
        IS DISTINCT FROM (OLD.id, OLD.learner_id, OLD.spent_on, OLD.minutes, OLD.activity, OLD.module_slug, OLD.created_at)
  THEN
    RAISE EXCEPTION 'learning_hours: an entry changes only once, when it is withdrawn (refused)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS learning_hours_guard ON learning_hours;
CREATE TRIGGER learning_hours_guard BEFORE UPDATE OR DELETE ON learning_hours
  FOR EACH ROW EXECUTE FUNCTION criterion_learning_hours_guard();
-- And never truncated (criterion_keep_records is in 001_audit_append_only.sql).
SELECT criterion_keep_records(ARRAY['learning_hours'], false);
