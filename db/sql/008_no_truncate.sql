-- Row triggers do not fire on TRUNCATE, so every table that holds a record also refuses TRUNCATE outright
-- (a statement-level trigger; it fires for tables reached through TRUNCATE ... CASCADE as well). The portal
-- never truncates anything. report_versions and report_decisions have their own in 006_reports.sql.
-- criterion_keep_records() is defined in 001_audit_append_only.sql.
SELECT criterion_keep_records(ARRAY[
  'audit_log',
  'evidence', 'evidence_files', 'evidence_criteria', 'judgements', 'judgement_responses',
  'worksheet_submissions', 'worksheet_comments',
  'report_uploads', 'report_ac_judgements'
], false);
