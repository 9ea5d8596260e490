-- Judgements are the record of what an assessor decided: one row per decision, never changed or removed.
-- The newest row per learner and criterion is the status; older rows are its history.
DROP TRIGGER IF EXISTS judgements_append_only ON judgements;
CREATE TRIGGER judgements_append_only BEFORE UPDATE OR DELETE ON judgements
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();

DROP TRIGGER IF EXISTS judgement_responses_append_only ON judgement_responses;
CREATE TRIGGER judgement_responses_append_only BEFORE UPDATE OR DELETE ON judgement_responses
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();

-- A stored file's bytes, hash and key describe what was uploaded: they never change, and the row is never
-- removed. Every file row is written in the same transaction as the evidence that holds it (lib/evidence/create.ts),
-- and evidence is never deleted, so the portal itself never removes one; refusing every DELETE means the file a
-- judgement, a sign-off or an export relies on cannot disappear, whatever state its evidence is in.
DROP TRIGGER IF EXISTS evidence_files_immutable ON evidence_files;
CREATE TRIGGER evidence_files_immutable BEFORE UPDATE OR DELETE ON evidence_files
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();

-- A superseded version of evidence is history (judgements may cite it): it stays exactly as it was.
CREATE OR REPLACE FUNCTION criterion_evidence_keep_history() RETURNS trigger AS $$
BEGIN
  -- A learner's erasure changes only its listed columns, from the owner's erasure function (014_erasure.sql).
  IF TG_OP = 'UPDATE' AND criterion_erasure_allows(TG_TABLE_NAME, TG_OP, to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'evidence is kept: DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.superseded_by IS NOT NULL THEN
    RAISE EXCEPTION 'evidence % has been superseded: UPDATE refused', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- Evidence a "met" judgement cites stays as it was judged: the only change allowed is pointing at the
  -- version that replaces it.
  IF (to_jsonb(NEW) - 'superseded_by') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_by')
     AND EXISTS (SELECT 1 FROM judgements j
                 WHERE j.learner_id = OLD.learner_id AND j.outcome = 'met' AND OLD.id = ANY (j.evidence_ids)) THEN
    RAISE EXCEPTION 'evidence % has been judged met: UPDATE refused (save a new version instead)', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS evidence_keep_history ON evidence;
CREATE TRIGGER evidence_keep_history BEFORE UPDATE OR DELETE ON evidence
  FOR EACH ROW EXECUTE FUNCTION criterion_evidence_keep_history();

-- Worksheet evidence points at a hand-in. The worksheets area owns that table, so the link is added here
-- (after every migration has run) rather than in the evidence migration, which came first.
DO $$
BEGIN
  IF to_regclass('worksheet_submissions') IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'evidence_worksheet_submission_fk') THEN
    ALTER TABLE evidence ADD CONSTRAINT evidence_worksheet_submission_fk
      FOREIGN KEY (worksheet_submission_id) REFERENCES worksheet_submissions(id);
  END IF;
END $$;

-- Which criteria evidence was offered against, and why, is part of what was judged: once the evidence is
-- superseded or a "met" judgement cites it, its mappings stay. Until then the learner edits them in place
-- (lib/evidence/update.ts replaces the mappings of evidence nobody has judged met).
CREATE OR REPLACE FUNCTION criterion_evidence_criteria_keep() RETURNS trigger AS $$
BEGIN
  -- A learner's erasure changes only its listed columns, from the owner's erasure function (014_erasure.sql).
  IF TG_OP = 'UPDATE' AND criterion_erasure_allows(TG_TABLE_NAME, TG_OP, to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM evidence e WHERE e.id = OLD.evidence_id AND e.superseded_by IS NOT NULL)
     OR EXISTS (SELECT 1 FROM judgements j
                WHERE j.learner_id = OLD.learner_id AND j.outcome = 'met' AND OLD.evidence_id = ANY (j.evidence_ids)) THEN
    RAISE EXCEPTION 'evidence_criteria: evidence % has been judged met or superseded, its mappings are kept: % refused',
      OLD.evidence_id, TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS evidence_criteria_keep_judged ON evidence_criteria;
CREATE TRIGGER evidence_criteria_keep_judged BEFORE UPDATE OR DELETE ON evidence_criteria
  FOR EACH ROW EXECUTE FUNCTION criterion_evidence_criteria_keep();
