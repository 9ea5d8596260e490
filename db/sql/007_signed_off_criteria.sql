-- Once a unit's report is signed off, the judgements of that unit's criteria are final: the sign-off (and the
-- export's "N of N met") rests on them. A later change needs its own recorded process, never a new judgement.

-- One lock per learner and module, held to the end of the transaction: every judgement of a module's criteria
-- (recordJudgement, and the judgements a sign-off writes) takes it before checking for a sign-off, so a
-- judgement and a sign-off of the same unit never slip past each other.
CREATE OR REPLACE FUNCTION criterion_judging_lock(p_learner uuid, p_module text) RETURNS void AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4242017, hashtext(p_learner::text || '/' || p_module));
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION criterion_judgement_not_signed_off() RETURNS trigger AS $$
BEGIN
  PERFORM criterion_judging_lock(NEW.learner_id, NEW.module_slug);
  IF criterion_sign_off_in_force(NEW.learner_id, NEW.module_slug) THEN
    RAISE EXCEPTION 'judgements: the report for % has been signed off, its criteria are final: INSERT refused', NEW.module_slug
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS judgements_frozen_after_signoff ON judgements;
CREATE TRIGGER judgements_frozen_after_signoff BEFORE INSERT ON judgements
  FOR EACH ROW EXECUTE FUNCTION criterion_judgement_not_signed_off();

-- A criterion's link to a report version belongs to a decision; after a sign-off only that sign-off's own
-- links can be written (lib/reports/assess.ts writes the judgements before the decision, the links after it).
CREATE OR REPLACE FUNCTION criterion_report_ac_judgement_check() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM report_versions v
             JOIN report_decisions d ON d.learner_id = v.learner_id AND d.module_slug = v.module_slug
             WHERE v.id = NEW.version_id AND d.outcome = 'signed_off' AND d.id <> NEW.decision_id
               AND NOT EXISTS (SELECT 1 FROM sign_off_supersessions s WHERE s.report_decision_id = d.id)) THEN
    RAISE EXCEPTION 'report_ac_judgements: the report has been signed off, its criteria are final: INSERT refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS report_ac_judgements_frozen_after_signoff ON report_ac_judgements;
CREATE TRIGGER report_ac_judgements_frozen_after_signoff BEFORE INSERT ON report_ac_judgements
  FOR EACH ROW EXECUTE FUNCTION criterion_report_ac_judgement_check();
