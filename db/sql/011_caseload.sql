-- The caseload index (learner_caseload, see db/schema/dashboards.ts) and what keeps it current.
-- Figures are decided by lib/progress and written by lib/dashboards/progress-current.ts in the transaction that
-- changes an input. These triggers only copy plain columns and queue learners whose inputs changed, so that a change
-- made outside lib (a seed, a hand-made fix, a script) is still picked up; nothing here decides a status.

-- Queue the learners of the changed rows (statement level: one statement of 10,000 rows is one insert).
CREATE OR REPLACE FUNCTION criterion_progress_stale() RETURNS trigger AS $$
BEGIN
  INSERT INTO progress_stale AS s (learner_id)
  SELECT DISTINCT learner_id FROM changed_rows ORDER BY learner_id
  ON CONFLICT (learner_id) DO UPDATE SET mark = excluded.mark;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DO $$
DECLARE
  t text;
  op text;
BEGIN
  FOREACH t IN ARRAY ARRAY['evidence', 'evidence_criteria', 'judgements', 'enrolments', 'worksheet_submissions',
                           'worksheet_comments'] LOOP
    FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_progress_stale_' || op, t);
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION criterion_progress_stale()',
                     t || '_progress_stale_' || op, upper(op), t, CASE WHEN op = 'delete' THEN 'OLD' ELSE 'NEW' END);
    END LOOP;
  END LOOP;
END $$;

-- Every learner has a row for "all modules" from the moment the account exists, so the caseload lists them.
CREATE OR REPLACE FUNCTION criterion_caseload_learner() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.role = 'learner' THEN
      INSERT INTO learner_caseload (learner_id, module_slug, name, active, since)
      VALUES (NEW.id, '', NEW.name, NEW.active, NEW.created_at) ON CONFLICT DO NOTHING;
    END IF;
  ELSIF NEW.name IS DISTINCT FROM OLD.name OR NEW.active IS DISTINCT FROM OLD.active OR NEW.role IS DISTINCT FROM OLD.role THEN
    UPDATE learner_caseload SET name = NEW.name, active = NEW.active AND NEW.role = 'learner'
    WHERE learner_id = NEW.id;
    IF NEW.role = 'learner' THEN
      INSERT INTO learner_caseload (learner_id, module_slug, name, active, since)
      VALUES (NEW.id, '', NEW.name, NEW.active, NEW.created_at) ON CONFLICT DO NOTHING;
      INSERT INTO progress_stale (learner_id) VALUES (NEW.id) ON CONFLICT (learner_id) DO UPDATE SET mark = excluded.mark;
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS users_caseload ON users;
CREATE TRIGGER users_caseload AFTER INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION criterion_caseload_learner();

-- Last activity is kept in learner_activity by migration 0006's triggers; the caseload sorts and filters on a copy.
CREATE OR REPLACE FUNCTION criterion_caseload_activity() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.last_activity IS DISTINCT FROM OLD.last_activity THEN
    UPDATE learner_caseload SET last_activity = NEW.last_activity
    WHERE learner_id = NEW.learner_id AND last_activity IS DISTINCT FROM NEW.last_activity;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS learner_activity_caseload ON learner_activity;
CREATE TRIGGER learner_activity_caseload AFTER INSERT OR UPDATE ON learner_activity
  FOR EACH ROW EXECUTE FUNCTION criterion_caseload_activity();

-- First run (and any learner the rows above missed): a row for every learner, and every learner whose figures were
-- never computed queued; `npm run -s progress -- rebuild` or the server's start-up works the queue off in batches.
-- Idempotent: a second run finds nothing to add.
INSERT INTO learner_caseload (learner_id, module_slug, name, active, since)
SELECT id, '', name, active, created_at FROM users WHERE role = 'learner'
ON CONFLICT DO NOTHING;
INSERT INTO progress_stale (learner_id)
SELECT learner_id FROM learner_caseload WHERE module_slug = '' AND content_key = ''
ON CONFLICT DO NOTHING;
