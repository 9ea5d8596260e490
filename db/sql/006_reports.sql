-- Portfolio reports: what a learner submitted and what an assessor decided about it are records.
-- The database itself refuses to change or remove them, whatever the application does.

DROP TRIGGER IF EXISTS report_versions_immutable ON report_versions;
CREATE TRIGGER report_versions_immutable BEFORE UPDATE OR DELETE ON report_versions
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();
DROP TRIGGER IF EXISTS report_versions_no_truncate ON report_versions;
CREATE TRIGGER report_versions_no_truncate BEFORE TRUNCATE ON report_versions
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_refuse_change();

DROP TRIGGER IF EXISTS report_decisions_immutable ON report_decisions;
CREATE TRIGGER report_decisions_immutable BEFORE UPDATE OR DELETE ON report_decisions
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();
DROP TRIGGER IF EXISTS report_decisions_no_truncate ON report_decisions;
CREATE TRIGGER report_decisions_no_truncate BEFORE TRUNCATE ON report_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_refuse_change();

DROP TRIGGER IF EXISTS report_ac_judgements_immutable ON report_ac_judgements;
CREATE TRIGGER report_ac_judgements_immutable BEFORE UPDATE OR DELETE ON report_ac_judgements
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();

-- An uploaded document is kept as it was uploaded (a submitted version may cite it).
DROP TRIGGER IF EXISTS report_uploads_immutable ON report_uploads;
CREATE TRIGGER report_uploads_immutable BEFORE UPDATE OR DELETE ON report_uploads
  FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change();

-- A unit's sign-off is in force unless an IQA's disagreement superseded it (sign_off_supersessions, issue 20): the
-- superseded sign-off stays recorded, but no longer freezes the report or its criteria.
CREATE OR REPLACE FUNCTION criterion_sign_off_in_force(p_learner uuid, p_module text) RETURNS boolean AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM report_decisions d
                 WHERE d.learner_id = p_learner AND d.module_slug = p_module AND d.outcome = 'signed_off'
                   AND NOT EXISTS (SELECT 1 FROM sign_off_supersessions s WHERE s.report_decision_id = d.id));
END;
$$ LANGUAGE plpgsql STABLE;

-- A version's hash is the SHA-256 of its text, so the hash a sign-off binds always describes that text.
-- Once a unit's report is signed off, no further version of it can be submitted.
CREATE OR REPLACE FUNCTION criterion_report_version_check() RETURNS trigger AS $$
BEGIN
  IF NEW.content_hash <> encode(sha256(convert_to(NEW.content, 'UTF8')), 'hex') THEN
    RAISE EXCEPTION 'report_versions: content_hash is not the SHA-256 of content' USING ERRCODE = 'check_violation';
  END IF;
  IF criterion_sign_off_in_force(NEW.learner_id, NEW.module_slug) THEN
    RAISE EXCEPTION 'report_versions: the report has been signed off; INSERT refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS report_versions_check ON report_versions;
CREATE TRIGGER report_versions_check BEFORE INSERT ON report_versions
  FOR EACH ROW EXECUTE FUNCTION criterion_report_version_check();

-- A decision binds the exact version: same learner and unit, same content hash, and only the newest
-- version of that learner's report can be decided.
CREATE OR REPLACE FUNCTION criterion_report_decision_check() RETURNS trigger AS $$
DECLARE
  v report_versions%ROWTYPE;
BEGIN
  SELECT * INTO v FROM report_versions WHERE id = NEW.version_id;
  IF v.learner_id IS DISTINCT FROM NEW.learner_id OR v.module_slug IS DISTINCT FROM NEW.module_slug THEN
    RAISE EXCEPTION 'report_decisions: version belongs to another learner or unit' USING ERRCODE = 'check_violation';
  END IF;
  IF v.content_hash <> NEW.content_hash THEN
    RAISE EXCEPTION 'report_decisions: content_hash does not match the version' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM report_versions r
             WHERE r.learner_id = v.learner_id AND r.module_slug = v.module_slug AND r.number > v.number) THEN
    RAISE EXCEPTION 'report_decisions: a newer version exists' USING ERRCODE = 'check_violation';
  END IF;
  -- A second decision on a version follows a sign-off of it that an IQA's disagreement superseded (issue 20).
  IF NEW.reopens_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM report_decisions p JOIN sign_off_supersessions s ON s.report_decision_id = p.id
       WHERE p.id = NEW.reopens_id AND p.version_id = NEW.version_id) THEN
    RAISE EXCEPTION 'report_decisions: a decision reopens only a superseded sign-off of the same version'
      USING ERRCODE = 'check_violation';
  END IF;
  -- One sign-off in force per learner and unit (a superseded one no longer counts), under the judging lock that
  -- supersessions and judgements of the unit also take.
  IF NEW.outcome = 'signed_off' THEN
    PERFORM criterion_judging_lock(NEW.learner_id, NEW.module_slug);
    IF criterion_sign_off_in_force(NEW.learner_id, NEW.module_slug) THEN
      RAISE EXCEPTION 'report_decisions: the report is already signed off: INSERT refused' USING ERRCODE = 'unique_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS report_decisions_check ON report_decisions;
CREATE TRIGGER report_decisions_check BEFORE INSERT ON report_decisions
  FOR EACH ROW EXECUTE FUNCTION criterion_report_decision_check();

-- After sign-off the learner's working copy is frozen too.
CREATE OR REPLACE FUNCTION criterion_report_draft_check() RETURNS trigger AS $$
BEGIN
  -- A learner's erasure changes only its listed columns, from the owner's erasure function (014_erasure.sql).
  IF TG_OP = 'UPDATE' AND criterion_erasure_allows(TG_TABLE_NAME, TG_OP, to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  IF criterion_sign_off_in_force(OLD.learner_id, OLD.module_slug) THEN
    RAISE EXCEPTION 'report_drafts: the report has been signed off; % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS report_drafts_frozen_after_signoff ON report_drafts;
CREATE TRIGGER report_drafts_frozen_after_signoff BEFORE UPDATE OR DELETE ON report_drafts
  FOR EACH ROW EXECUTE FUNCTION criterion_report_draft_check();
