-- Reworded criteria (issue 23). A re-imported framework, or a hand edit, may change a criterion's wording; evidence
-- mapped to it and judgements of it are flagged for review, never moved (lib/evidence/wording.ts). What makes the flag:
-- the wording each mapping and judgement was made on (criterion_hash), and when the portal first served each wording
-- (criterion_wordings). Neither may be rewritten to clear a flag: a wording's first date is a record, and a mapping's
-- wording, once recorded, stays (the learner may still edit its note while nobody has judged the evidence met).
SELECT criterion_keep_records(ARRAY['criterion_wordings']);

CREATE OR REPLACE FUNCTION criterion_mapping_wording_kept() RETURNS trigger AS $$
BEGIN
  IF OLD.criterion_hash IS NOT NULL AND NEW.criterion_hash IS DISTINCT FROM OLD.criterion_hash THEN
    RAISE EXCEPTION 'evidence_criteria: the wording evidence % was mapped to is kept: UPDATE refused', OLD.evidence_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS evidence_criteria_wording_kept ON evidence_criteria;
CREATE TRIGGER evidence_criteria_wording_kept BEFORE UPDATE ON evidence_criteria
  FOR EACH ROW EXECUTE FUNCTION criterion_mapping_wording_kept();
