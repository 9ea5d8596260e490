-- The rules in these files hold only against a role that cannot switch them off. On PostgreSQL the app can run
-- as a role that does not own the tables (DATABASE_OWNER_URL runs the migrations; see db/migrate.ts): it cannot
-- ALTER, DROP or DISABLE a trigger, TRUNCATE, or UPDATE and DELETE records, whatever SQL it sends.

-- (Re)applies the app role's privileges; db/migrate.ts calls it as the owner after every migration, so tables
-- added later get theirs too. Records (rows are added, never changed or removed): SELECT and INSERT only.
-- The audit chain's head: SELECT only.
-- Rows the portal removes (an administrator's enrolments, assignments and cohort members; a learner's mapping of
-- evidence nobody has judged met): also UPDATE and DELETE. Every other table: SELECT, INSERT and UPDATE.
-- Never TRUNCATE, REFERENCES or TRIGGER, and no CREATE in the schema.
CREATE OR REPLACE FUNCTION criterion_grant_app_role(app_role name) RETURNS void AS $$
DECLARE
  records text[] := ARRAY[
    'audit_log', 'evidence_files', 'judgements', 'judgement_responses', 'report_versions', 'report_decisions',
    'report_ac_judgements', 'report_uploads', 'worksheet_submissions', 'worksheet_comments',
    'sampling_plans', 'qa_samples', 'qa_sample_items', 'qa_decisions', 'audit_seals',
    'report_countersignatures', 'sign_off_supersessions', 'qa_action_responses',
    'review_signatures', 'review_targets', 'review_target_events',
    'record_imports', 'imported_evidence', 'prior_decisions', 'report_authorship', 'criterion_wordings', 'badges',
    'badge_revocations'];
  -- Written only by the owner's functions (the audit chain's head moves when a row is added: 011_audit_chain.sql; a
  -- learner's erasure is recorded by criterion_erase_learner: 014_erasure.sql).
  readonly text[] := ARRAY['audit_chain_head', 'learner_erasures'];
  -- progress_reviews keeps the default (SELECT, INSERT, UPDATE): a draft is autosaved; db/sql/011_reviews.sql refuses
  -- any change once it is locked.
  -- qa_actions and eqa_visits keep the default (SELECT, INSERT, UPDATE): an action is closed, a visit's dates may move;
  -- db/sql/010_quality.sql limits what an action's UPDATE may change.
  deletable text[] := ARRAY['enrolments', 'staff_assignments', 'cohort_members', 'evidence_criteria', 'ended_sessions',
    'iqa_cohorts', 'eqa_visit_samples',
    -- Derived data recomputed by lib/dashboards/progress-current.ts (rows replaced, and the queue emptied).
    'learner_caseload', 'learner_met_weeks', 'progress_stale',
    -- Resumable phone uploads: pieces are removed once the evidence is made, abandoned uploads by the clean-up step.
    'capture_uploads', 'capture_upload_chunks'];
  t text;
BEGIN
  IF app_role = current_user THEN
    RAISE EXCEPTION 'the app role and the owner role are both %: DATABASE_URL needs a role of its own', app_role;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'the app role % is a superuser, so it could switch every rule off: give DATABASE_URL an ordinary role', app_role;
  END IF;
  IF pg_has_role(app_role, current_user, 'MEMBER') THEN
    RAISE EXCEPTION 'the app role % is a member of the owner role %, so it could act as the owner: revoke that membership',
      app_role, current_user;
  END IF;
  EXECUTE format('REVOKE ALL ON SCHEMA public FROM %I', app_role);
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app_role);
  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', app_role);
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') LOOP
    EXECUTE format('GRANT %s ON TABLE public.%I TO %I',
      CASE WHEN t = ANY (readonly) THEN 'SELECT'
           WHEN t = ANY (records) THEN 'SELECT, INSERT'
           WHEN t = ANY (deletable) THEN 'SELECT, INSERT, UPDATE, DELETE'
           ELSE 'SELECT, INSERT, UPDATE' END,
      t, app_role);
  END LOOP;
  EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', app_role);
  EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', app_role);
END;
$$ LANGUAGE plpgsql;

-- Last, so it covers every function above and in the other files (CREATE OR REPLACE clears the setting). Trigger
-- functions name tables without a schema. Pinning their search path (temporary schema last) means a
-- session cannot hide a table behind a temporary one of the same name (pg_temp is otherwise searched first)
-- and so slip past a check such as "has this report been signed off?".
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND p.proname LIKE 'criterion\_%' LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = public, pg_temp', f);
  END LOOP;
END $$;
