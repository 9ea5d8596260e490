-- Quality assurance, the decisions half (issue 20): countersignatures, supersessions of sign-offs and the assessors'
-- responses to action points are records. Rows are added, never changed or removed (not even by TRUNCATE).
-- criterion_keep_records() is in 001, criterion_judging_lock() in 007, criterion_sign_off_in_force() in 006.
SELECT criterion_keep_records(ARRAY['report_countersignatures', 'sign_off_supersessions', 'qa_action_responses']);

-- A countersignature binds a sign-off in force: same version, learner and unit, the version's SHA-256 (which the
-- sign-off itself bound), by an IQA of one of the learner's cohorts who is not the assessor who signed it off.
-- Under the judging lock, so a countersignature and a supersession of the same unit never cross.
CREATE OR REPLACE FUNCTION criterion_countersignature_check() RETURNS trigger AS $$
DECLARE
  d report_decisions%ROWTYPE;
BEGIN
  SELECT * INTO d FROM report_decisions WHERE id = NEW.report_decision_id;
  PERFORM criterion_judging_lock(d.learner_id, d.module_slug);
  IF d.outcome IS DISTINCT FROM 'signed_off' THEN
    RAISE EXCEPTION 'report_countersignatures: only a sign-off is countersigned' USING ERRCODE = 'check_violation';
  END IF;
  IF d.version_id <> NEW.version_id OR d.learner_id <> NEW.learner_id OR d.module_slug <> NEW.module_slug THEN
    RAISE EXCEPTION 'report_countersignatures: the row does not describe sign-off %', d.id USING ERRCODE = 'check_violation';
  END IF;
  IF d.content_hash <> NEW.content_hash
     OR NOT EXISTS (SELECT 1 FROM report_versions v WHERE v.id = d.version_id AND v.content_hash = NEW.content_hash) THEN
    RAISE EXCEPTION 'report_countersignatures: content_hash does not match the signed-off version' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM sign_off_supersessions s WHERE s.report_decision_id = d.id) THEN
    RAISE EXCEPTION 'report_countersignatures: the sign-off was superseded: INSERT refused' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.iqa_id = d.assessor_id THEN
    RAISE EXCEPTION 'report_countersignatures: an IQA never countersigns their own sign-off: INSERT refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM iqa_cohorts q JOIN cohort_members m ON m.cohort_id = q.cohort_id
                 WHERE q.iqa_id = NEW.iqa_id AND m.learner_id = NEW.learner_id) THEN
    RAISE EXCEPTION 'report_countersignatures: the countersigner is not an IQA of the learner''s cohorts: INSERT refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS report_countersignatures_check ON report_countersignatures;
CREATE TRIGGER report_countersignatures_check BEFORE INSERT ON report_countersignatures
  FOR EACH ROW EXECUTE FUNCTION criterion_countersignature_check();

-- A supersession takes a sign-off out of force only through an IQA's disagreement with that very sign-off (a sampled
-- item about it), recorded by the same IQA; under the judging lock, like sign-offs and judgements of the unit.
CREATE OR REPLACE FUNCTION criterion_sign_off_supersession_check() RETURNS trigger AS $$
DECLARE
  d report_decisions%ROWTYPE;
BEGIN
  SELECT * INTO d FROM report_decisions WHERE id = NEW.report_decision_id;
  PERFORM criterion_judging_lock(d.learner_id, d.module_slug);
  IF d.outcome IS DISTINCT FROM 'signed_off' OR d.learner_id <> NEW.learner_id OR d.module_slug <> NEW.module_slug THEN
    RAISE EXCEPTION 'sign_off_supersessions: the row does not describe a sign-off' USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM qa_decisions q JOIN qa_sample_items i ON i.id = q.item_id
                 WHERE q.id = NEW.qa_decision_id AND q.verdict = 'disagree' AND q.iqa_id = NEW.superseded_by
                   AND i.kind = 'sign_off' AND i.report_decision_id = d.id) THEN
    RAISE EXCEPTION 'sign_off_supersessions: only an IQA''s disagreement with this sign-off supersedes it'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS sign_off_supersessions_check ON sign_off_supersessions;
CREATE TRIGGER sign_off_supersessions_check BEFORE INSERT ON sign_off_supersessions
  FOR EACH ROW EXECUTE FUNCTION criterion_sign_off_supersession_check();

-- Only the assessor whose decision was sampled responds to its actions, and only while the action is open. The
-- action row is locked, so a response and the IQA closing the action are ordered.
CREATE OR REPLACE FUNCTION criterion_qa_action_response_check() RETURNS trigger AS $$
DECLARE
  a qa_actions%ROWTYPE;
BEGIN
  SELECT * INTO a FROM qa_actions WHERE id = NEW.action_id FOR SHARE;
  IF a.closed_at IS NOT NULL THEN
    RAISE EXCEPTION 'qa_action_responses: action % is closed: INSERT refused', a.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM qa_decisions q JOIN qa_sample_items i ON i.id = q.item_id
                 WHERE q.id = a.decision_id AND i.assessor_id = NEW.assessor_id) THEN
    RAISE EXCEPTION 'qa_action_responses: only the assessor whose decision was sampled responds: INSERT refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS qa_action_responses_check ON qa_action_responses;
CREATE TRIGGER qa_action_responses_check BEFORE INSERT ON qa_action_responses
  FOR EACH ROW EXECUTE FUNCTION criterion_qa_action_response_check();
