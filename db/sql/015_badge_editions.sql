-- A unit has one badge that stands at a time (lib/badges/badges.ts). A later edition is issued only when every earlier
-- badge of the learner's unit was revoked because an internal quality assurer superseded the sign-off it rested on,
-- and the unit was completed again; a badge revoked by an administrator, or by the learner's erasure, is not replaced.
-- Editions count up from 1 without gaps (two requests issuing the same edition at once meet the unique key).
CREATE OR REPLACE FUNCTION criterion_badge_edition_allowed() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM badges b LEFT JOIN badge_revocations r ON r.badge_id = b.id
    WHERE b.learner_id = NEW.learner_id AND b.module_slug = NEW.module_slug AND b.id <> NEW.id
      AND r.sign_off_supersession_id IS NULL
  ) THEN
    RAISE EXCEPTION 'badges: learner % has a badge for % that stands or was revoked for good: INSERT refused',
      NEW.learner_id, NEW.module_slug USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.edition <> 1 + (SELECT count(*) FROM badges b
                         WHERE b.learner_id = NEW.learner_id AND b.module_slug = NEW.module_slug AND b.id <> NEW.id) THEN
    RAISE EXCEPTION 'badges: edition % of % for learner % does not follow the earlier ones: INSERT refused',
      NEW.edition, NEW.module_slug, NEW.learner_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS badges_edition_allowed ON badges;
CREATE TRIGGER badges_edition_allowed BEFORE INSERT ON badges
  FOR EACH ROW EXECUTE FUNCTION criterion_badge_edition_allowed();

-- A revocation that names a superseded sign-off must be of a badge of that learner's unit.
CREATE OR REPLACE FUNCTION criterion_badge_revocation_cause() RETURNS trigger AS $$
BEGIN
  IF NEW.sign_off_supersession_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM badges b JOIN sign_off_supersessions s ON s.id = NEW.sign_off_supersession_id
    WHERE b.id = NEW.badge_id AND s.learner_id = b.learner_id AND s.module_slug = b.module_slug
  ) THEN
    RAISE EXCEPTION 'badge_revocations: the superseded sign-off % is not of badge %''s unit: INSERT refused',
      NEW.sign_off_supersession_id, NEW.badge_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS badge_revocations_cause ON badge_revocations;
CREATE TRIGGER badge_revocations_cause BEFORE INSERT ON badge_revocations
  FOR EACH ROW EXECUTE FUNCTION criterion_badge_revocation_cause();
