-- Quality assurance (issue 20): sampling plans, samples, sampled items and IQA decisions are records. Rows are added,
-- never changed or removed; a new plan is a new version, a changed verdict a new decision that supersedes the old.
-- criterion_keep_records() is in 001_audit_append_only.sql; qa_actions is closed once (below), never truncated.
SELECT criterion_keep_records(ARRAY['sampling_plans', 'qa_samples', 'qa_sample_items', 'qa_decisions']);
SELECT criterion_keep_records(ARRAY['qa_actions'], false);

-- A sampled item describes the decision it points at (same learner, assessor, criterion or unit), and is never one
-- of the drawing IQA's own decisions. Checked once per INSERT statement over all its rows (a transition table): a
-- draw stores thousands of items in one statement, and one join over them costs what a single row's lookups did per
-- row. Raised from an AFTER trigger, the error still undoes the whole statement, so no item is stored unless every
-- item of the statement passes.
CREATE OR REPLACE FUNCTION criterion_qa_items_check() RETURNS trigger AS $$
DECLARE
  bad uuid;
BEGIN
  IF EXISTS (SELECT 1 FROM new_items i JOIN qa_samples s ON s.id = i.sample_id WHERE s.drawn_by = i.assessor_id) THEN
    RAISE EXCEPTION 'qa_sample_items: an IQA never samples their own assessment decisions: INSERT refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT i.judgement_id INTO bad FROM new_items i
  WHERE i.kind = 'judgement' AND NOT EXISTS (
    SELECT 1 FROM judgements j WHERE j.id = i.judgement_id AND j.learner_id = i.learner_id
      AND j.assessor_id = i.assessor_id AND j.criterion_id = i.criterion_id AND j.module_slug = i.module_slug)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'qa_sample_items: the item does not describe judgement %', bad USING ERRCODE = 'check_violation';
  END IF;
  SELECT i.report_decision_id INTO bad FROM new_items i
  WHERE i.kind = 'sign_off' AND NOT EXISTS (
    SELECT 1 FROM report_decisions d WHERE d.id = i.report_decision_id AND d.learner_id = i.learner_id
      AND d.assessor_id = i.assessor_id AND d.module_slug = i.module_slug AND d.outcome = 'signed_off')
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'qa_sample_items: the item does not describe sign-off %', bad USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS qa_sample_items_check ON qa_sample_items;
-- The row-by-row check it replaces.
DROP FUNCTION IF EXISTS criterion_qa_item_check();
CREATE TRIGGER qa_sample_items_check AFTER INSERT ON qa_sample_items
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION criterion_qa_items_check();

-- An IQA never decides on their own assessment decision, and a decision supersedes only the current decision on the
-- same item (the unique indexes keep the chain single).
CREATE OR REPLACE FUNCTION criterion_qa_decision_check() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM qa_sample_items i WHERE i.id = NEW.item_id AND i.assessor_id = NEW.iqa_id) THEN
    RAISE EXCEPTION 'qa_decisions: an IQA never decides on their own assessment decision: INSERT refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.supersedes_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM qa_decisions d WHERE d.id = NEW.supersedes_id AND d.item_id = NEW.item_id) THEN
    RAISE EXCEPTION 'qa_decisions: a decision supersedes only an earlier decision on the same item' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS qa_decisions_check ON qa_decisions;
CREATE TRIGGER qa_decisions_check BEFORE INSERT ON qa_decisions
  FOR EACH ROW EXECUTE FUNCTION criterion_qa_decision_check();

-- An action point is never removed, and its only change is being closed, once: closed_at and closed_by (and a note)
-- go from empty to set; nothing else moves.
CREATE OR REPLACE FUNCTION criterion_qa_action_close_only() RETURNS trigger AS $$
BEGIN
  -- The retention job removes an erased learner's QA actions, from the owner's function (014_erasure.sql).
  IF TG_OP = 'DELETE' AND criterion_erasure_allows(TG_TABLE_NAME, TG_OP, to_jsonb(OLD), NULL) THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'qa_actions is kept: DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.closed_at IS NOT NULL THEN
    RAISE EXCEPTION 'qa_actions: action % is closed: UPDATE refused', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.closed_at IS NULL OR NEW.closed_by IS NULL
     OR (to_jsonb(NEW) - 'closed_at' - 'closed_by' - 'closing_note') IS DISTINCT FROM (to_jsonb(OLD) - 'closed_at' - 'closed_by' - 'closing_note') THEN
    RAISE EXCEPTION 'qa_actions: the only change allowed is closing the action: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS qa_actions_close_only ON qa_actions;
CREATE TRIGGER qa_actions_close_only BEFORE UPDATE OR DELETE ON qa_actions
  FOR EACH ROW EXECUTE FUNCTION criterion_qa_action_close_only();
