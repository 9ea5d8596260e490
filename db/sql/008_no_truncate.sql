-- Row triggers do not fire on TRUNCATE, so every table that holds a record also refuses TRUNCATE outright
-- (a statement-level trigger; it fires for tables reached through TRUNCATE ... CASCADE as well). The portal
-- never truncates anything. report_versions and report_decisions have their own in 006_reports.sql.
-- criterion_refuse_change() is defined in 001_audit_append_only.sql.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'audit_log',
    'evidence', 'evidence_files', 'evidence_criteria', 'judgements', 'judgement_responses',
    'worksheet_submissions', 'worksheet_comments',
    'report_uploads', 'report_ac_judgements'
  ] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_no_truncate', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION criterion_refuse_change()',
      t || '_no_truncate', t);
  END LOOP;
END $$;
