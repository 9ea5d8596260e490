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
  -- The last three move whether a signed-off unit is complete (a countersignature required by a cohort, given, or a
  -- sign-off taken out of force).
  FOREACH t IN ARRAY ARRAY['evidence', 'evidence_criteria', 'judgements', 'enrolments', 'worksheet_submissions',
                           'worksheet_comments', 'cohort_members', 'report_countersignatures',
                           'sign_off_supersessions'] LOOP
    FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_progress_stale_' || op, t);
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION criterion_progress_stale()',
                     t || '_progress_stale_' || op, upper(op), t, CASE WHEN op = 'delete' THEN 'OLD' ELSE 'NEW' END);
    END LOOP;
  END LOOP;
END $$;

-- A cohort that starts or stops requiring countersignatures changes whether its members' signed-off units are
-- complete: queue them.
CREATE OR REPLACE FUNCTION criterion_progress_stale_cohort() RETURNS trigger AS $$
BEGIN
  INSERT INTO progress_stale AS s (learner_id)
  SELECT DISTINCT m.learner_id FROM cohort_members m WHERE m.cohort_id IN (SELECT cohort_id FROM changed_rows)
  ORDER BY m.learner_id
  ON CONFLICT (learner_id) DO UPDATE SET mark = excluded.mark;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS cohort_qa_settings_progress_stale_insert ON cohort_qa_settings;
CREATE TRIGGER cohort_qa_settings_progress_stale_insert AFTER INSERT ON cohort_qa_settings
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION criterion_progress_stale_cohort();
DROP TRIGGER IF EXISTS cohort_qa_settings_progress_stale_update ON cohort_qa_settings;
CREATE TRIGGER cohort_qa_settings_progress_stale_update AFTER UPDATE ON cohort_qa_settings
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION criterion_progress_stale_cohort();

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
    UPDATE learner_met_weeks SET active = NEW.active AND NEW.role = 'learner'
    WHERE learner_id = NEW.id AND active IS DISTINCT FROM (NEW.active AND NEW.role = 'learner');
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

-- Counters (caseload_counters, met_week_counters; see db/schema/dashboards.ts): whatever rows of learner_caseload or
-- learner_met_weeks a statement adds, removes or changes, their counts are added to or taken from each owner who may
-- see the learner: each assigned member of staff ('<staff id>:<role>', as lib/permissions.ts scopeOwner names them)
-- and 'admin'. Statement level, grouped: recomputing 500 learners is one upsert per table, not 500.
-- The statement that counts what `src` yields (learner_caseload rows with a sign: 1 to add, -1 to take away). Returned
-- as text and run by the caller: a trigger's transition tables are visible only to its own function's statements.
CREATE OR REPLACE FUNCTION criterion_count_caseload_rows(src text) RETURNS text AS $$
BEGIN
  RETURN format($q$
    INSERT INTO caseload_counters AS k (owner, module_slug, day, n, awaiting, review, complete, nym3, quiet,
      awaiting_nym3, awaiting_quiet, review_nym3, review_quiet, worksheets_to_review, total, met, not_yet_met, submitted)
    SELECT o.owner, r.module_slug, floor(extract(epoch FROM coalesce(r.last_activity, r.since)) / 86400)::int,
      sum(r.sign), sum(r.sign * r.aw), sum(r.sign * r.rv), sum(r.sign * r.cp), sum(r.sign * r.n3), sum(r.sign * r.qt),
      sum(r.sign * r.aw * r.n3), sum(r.sign * r.aw * r.qt), sum(r.sign * r.rv * r.n3), sum(r.sign * r.rv * r.qt),
      sum(r.sign * r.worksheets_to_review), sum(r.sign * r.total), sum(r.sign * r.met), sum(r.sign * r.not_yet_met),
      sum(r.sign * r.submitted)
    FROM (SELECT s.*, (s.submitted > 0)::int AS aw, (s.worksheets_to_review > 0)::int AS rv,
            s.complete::int AS cp, (s.not_yet_met >= 3)::int AS n3,
            (NOT s.complete AND s.not_yet_met < 3)::int AS qt
          FROM (%s) s WHERE s.active) r
    CROSS JOIN LATERAL (SELECT a.staff_id::text || ':' || a.staff_role AS owner FROM staff_assignments a
                        WHERE a.learner_id = r.learner_id UNION ALL SELECT 'admin') o
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (owner, module_slug, day) DO UPDATE SET n = k.n + excluded.n, awaiting = k.awaiting + excluded.awaiting,
      review = k.review + excluded.review, complete = k.complete + excluded.complete, nym3 = k.nym3 + excluded.nym3,
      quiet = k.quiet + excluded.quiet, awaiting_nym3 = k.awaiting_nym3 + excluded.awaiting_nym3,
      awaiting_quiet = k.awaiting_quiet + excluded.awaiting_quiet, review_nym3 = k.review_nym3 + excluded.review_nym3,
      review_quiet = k.review_quiet + excluded.review_quiet,
      worksheets_to_review = k.worksheets_to_review + excluded.worksheets_to_review, total = k.total + excluded.total,
      met = k.met + excluded.met, not_yet_met = k.not_yet_met + excluded.not_yet_met,
      submitted = k.submitted + excluded.submitted$q$, src);
END;
$$ LANGUAGE plpgsql;

-- The same for learner_met_weeks rows with a sign.
CREATE OR REPLACE FUNCTION criterion_count_met_weeks(src text) RETURNS text AS $$
BEGIN
  RETURN format($q$
    INSERT INTO met_week_counters AS k (owner, module_slug, week, delta)
    SELECT o.owner, m.slug, r.week, sum(r.sign * r.delta)
    FROM (%s) r
    CROSS JOIN LATERAL (SELECT r.module_slug AS slug UNION ALL SELECT '') m
    CROSS JOIN LATERAL (SELECT a.staff_id::text || ':' || a.staff_role AS owner FROM staff_assignments a
                        WHERE a.learner_id = r.learner_id UNION ALL SELECT 'admin') o
    WHERE r.active
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (owner, module_slug, week) DO UPDATE SET delta = k.delta + excluded.delta$q$, src);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION criterion_caseload_counters() RETURNS trigger AS $$
BEGIN
  EXECUTE criterion_count_caseload_rows(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS sign FROM new_rows r'
    WHEN 'DELETE' THEN 'SELECT r.*, -1 AS sign FROM old_rows r'
    ELSE 'SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 FROM old_rows r' END);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION criterion_met_week_counters() RETURNS trigger AS $$
BEGIN
  EXECUTE criterion_count_met_weeks(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.*, 1 AS sign FROM new_rows r'
    WHEN 'DELETE' THEN 'SELECT r.*, -1 AS sign FROM old_rows r'
    ELSE 'SELECT r.*, 1 AS sign FROM new_rows r UNION ALL SELECT r.*, -1 FROM old_rows r' END);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Counted again from the rows (`npm run -s progress -- rebuild` starts with it): in one transaction, under a lock
-- that holds back writers of the rows meanwhile.
CREATE OR REPLACE FUNCTION criterion_recount_caseload() RETURNS void AS $$
BEGIN
  LOCK TABLE learner_caseload, learner_met_weeks, staff_assignments IN SHARE MODE;
  DELETE FROM caseload_counters;
  DELETE FROM met_week_counters;
  EXECUTE criterion_count_caseload_rows('SELECT r.*, 1 AS sign FROM learner_caseload r');
  EXECUTE criterion_count_met_weeks('SELECT r.*, 1 AS sign FROM learner_met_weeks r');
END;
$$ LANGUAGE plpgsql;

-- An assignment added or removed moves the learner's rows into or out of that member of staff's counters.
CREATE OR REPLACE FUNCTION criterion_assignment_counters() RETURNS trigger AS $$
DECLARE
  src text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT r.staff_id, r.staff_role, r.learner_id, 1 AS sign FROM new_rows r'
    WHEN 'DELETE' THEN 'SELECT r.staff_id, r.staff_role, r.learner_id, -1 AS sign FROM old_rows r'
    ELSE 'SELECT r.staff_id, r.staff_role, r.learner_id, 1 AS sign FROM new_rows r
          UNION ALL SELECT r.staff_id, r.staff_role, r.learner_id, -1 FROM old_rows r' END;
BEGIN
  EXECUTE format($q$
    INSERT INTO caseload_counters AS k (owner, module_slug, day, n, awaiting, review, complete, nym3, quiet,
      awaiting_nym3, awaiting_quiet, review_nym3, review_quiet, worksheets_to_review, total, met, not_yet_met, submitted)
    SELECT a.staff_id::text || ':' || a.staff_role, r.module_slug,
      floor(extract(epoch FROM coalesce(r.last_activity, r.since)) / 86400)::int,
      sum(a.sign), sum(a.sign * r.aw), sum(a.sign * r.rv), sum(a.sign * r.cp), sum(a.sign * r.n3), sum(a.sign * r.qt),
      sum(a.sign * r.aw * r.n3), sum(a.sign * r.aw * r.qt), sum(a.sign * r.rv * r.n3), sum(a.sign * r.rv * r.qt),
      sum(a.sign * r.worksheets_to_review), sum(a.sign * r.total), sum(a.sign * r.met), sum(a.sign * r.not_yet_met),
      sum(a.sign * r.submitted)
    FROM (%s) a
    JOIN (SELECT s.*, (s.submitted > 0)::int AS aw, (s.worksheets_to_review > 0)::int AS rv,
            s.complete::int AS cp, (s.not_yet_met >= 3)::int AS n3,
            (NOT s.complete AND s.not_yet_met < 3)::int AS qt
          FROM learner_caseload s WHERE s.active) r ON r.learner_id = a.learner_id
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (owner, module_slug, day) DO UPDATE SET n = k.n + excluded.n, awaiting = k.awaiting + excluded.awaiting,
      review = k.review + excluded.review, complete = k.complete + excluded.complete, nym3 = k.nym3 + excluded.nym3,
      quiet = k.quiet + excluded.quiet, awaiting_nym3 = k.awaiting_nym3 + excluded.awaiting_nym3,
      awaiting_quiet = k.awaiting_quiet + excluded.awaiting_quiet, review_nym3 = k.review_nym3 + excluded.review_nym3,
      review_quiet = k.review_quiet + excluded.review_quiet,
      worksheets_to_review = k.worksheets_to_review + excluded.worksheets_to_review, total = k.total + excluded.total,
      met = k.met + excluded.met, not_yet_met = k.not_yet_met + excluded.not_yet_met,
      submitted = k.submitted + excluded.submitted$q$, src);
  EXECUTE format($q$
    INSERT INTO met_week_counters AS k (owner, module_slug, week, delta)
    SELECT a.staff_id::text || ':' || a.staff_role, m.slug, w.week, sum(a.sign * w.delta)
    FROM (%s) a
    JOIN learner_met_weeks w ON w.learner_id = a.learner_id AND w.active
    CROSS JOIN LATERAL (SELECT w.module_slug AS slug UNION ALL SELECT '') m
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (owner, module_slug, week) DO UPDATE SET delta = k.delta + excluded.delta$q$, src);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DO $$
DECLARE
  spec text[];
  op text;
BEGIN
  FOREACH spec SLICE 1 IN ARRAY ARRAY[
    ARRAY['learner_caseload', 'criterion_caseload_counters'],
    ARRAY['learner_met_weeks', 'criterion_met_week_counters'],
    ARRAY['staff_assignments', 'criterion_assignment_counters']] LOOP
    FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', spec[1] || '_counters_' || op, spec[1]);
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                     spec[1] || '_counters_' || op, upper(op), spec[1],
                     CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows' WHEN 'delete' THEN 'OLD TABLE AS old_rows'
                       ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END, spec[2]);
    END LOOP;
  END LOOP;
END $$;

-- First run (and any learner the rows above missed): a row for every learner, and every learner whose figures were
-- never computed queued; `npm run -s progress -- rebuild` or the server's start-up works the queue off in batches.
-- Idempotent: a second run finds nothing to add.
INSERT INTO learner_caseload (learner_id, module_slug, name, active, since)
SELECT id, '', name, active, created_at FROM users WHERE role = 'learner'
ON CONFLICT DO NOTHING;
INSERT INTO progress_stale (learner_id)
SELECT learner_id FROM learner_caseload WHERE module_slug = '' AND content_key = ''
ON CONFLICT DO NOTHING;
