-- Imported learner records (issue 22, lib/record/import.ts): what another centre decided, recognised here, and which
-- record and evidence it came with. Kept as imported: never changed or removed.
DROP TRIGGER IF EXISTS record_imports_append_only ON record_imports;
CREATE TRIGGER record_imports_append_only BEFORE UPDATE OR DELETE ON record_imports
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();

DROP TRIGGER IF EXISTS imported_evidence_append_only ON imported_evidence;
CREATE TRIGGER imported_evidence_append_only BEFORE UPDATE OR DELETE ON imported_evidence
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();

DROP TRIGGER IF EXISTS prior_decisions_append_only ON prior_decisions;
CREATE TRIGGER prior_decisions_append_only BEFORE UPDATE OR DELETE ON prior_decisions
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();

-- The authorship history of report drafts (lib/reports/authorship.ts): what was kept is kept as it was.
DROP TRIGGER IF EXISTS report_authorship_append_only ON report_authorship;
CREATE TRIGGER report_authorship_append_only BEFORE UPDATE OR DELETE ON report_authorship
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();
