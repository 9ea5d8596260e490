-- Progress reviews (issue 21). A review is a draft until every required signer has signed the same content; then it
-- is locked, bound to the SHA-256 of its canonical JSON, and nothing about it may change: not the review, not its
-- signatures, not its targets. A correction is a new review that amends it. The rules hold whatever the application
-- sends. criterion_refuse_change() is defined in 001_audit_append_only.sql.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['review_signatures', 'review_targets', 'review_target_events'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_append_only', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION criterion_refuse_change()',
      t || '_append_only', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['progress_reviews', 'review_signatures', 'review_targets', 'review_target_events'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_no_truncate', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION criterion_refuse_change()',
      t || '_no_truncate', t);
  END LOOP;
END $$;

-- A review starts as a draft; an amendment amends a locked review of the same learner.
CREATE OR REPLACE FUNCTION criterion_review_insert_check() RETURNS trigger AS $$
BEGIN
  IF NEW.status <> 'draft' OR NEW.locked_at IS NOT NULL OR NEW.content_sha256 IS NOT NULL THEN
    RAISE EXCEPTION 'progress_reviews: a review starts as a draft; it locks when it is signed' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.amends_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM progress_reviews r WHERE r.id = NEW.amends_id AND r.learner_id = NEW.learner_id AND r.status = 'locked') THEN
    RAISE EXCEPTION 'progress_reviews: an amendment amends a locked review of the same learner' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS progress_reviews_insert_check ON progress_reviews;
CREATE TRIGGER progress_reviews_insert_check BEFORE INSERT ON progress_reviews
  FOR EACH ROW EXECUTE FUNCTION criterion_review_insert_check();

-- A locked review never changes and no review is removed. A draft keeps who, which and what-it-started-from; it locks
-- only with canonical content that is its own (same learner, number, record, content and signers), hashed right,
-- and signed with that hash by every required signer.
CREATE OR REPLACE FUNCTION criterion_review_update_check() RETURNS trigger AS $$
DECLARE
  doc jsonb;
  missing text;
BEGIN
  -- A learner's erasure changes only its listed columns, from the owner's erasure function (014_erasure.sql).
  IF TG_OP = 'UPDATE' AND criterion_erasure_allows(TG_TABLE_NAME, TG_OP, to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'progress_reviews: a review is a record; DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'locked' THEN
    RAISE EXCEPTION 'progress_reviews: review % is signed and locked; UPDATE refused (amend it instead)', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id <> OLD.id OR NEW.learner_id <> OLD.learner_id OR NEW.coach_id <> OLD.coach_id OR NEW.number <> OLD.number
     OR NEW.amends_id IS DISTINCT FROM OLD.amends_id OR NEW.record <> OLD.record
     OR (NEW.required_signers <> OLD.required_signers
         -- The coach may ask an employer to sign a draft (by single-use link): the signers grow by 'employer' only.
         AND NOT ('employer' <> ALL (OLD.required_signers) AND NEW.required_signers = OLD.required_signers || 'employer'::review_signer))
     OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'progress_reviews: only a draft''s content may change' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'locked' THEN
    IF NEW.content_sha256 <> encode(sha256(convert_to(NEW.canonical, 'UTF8')), 'hex') THEN
      RAISE EXCEPTION 'progress_reviews: content_sha256 is not the SHA-256 of canonical' USING ERRCODE = 'check_violation';
    END IF;
    doc := NEW.canonical::jsonb;
    IF doc->>'reviewId' IS DISTINCT FROM NEW.id::text OR doc->>'learnerId' IS DISTINCT FROM NEW.learner_id::text
       OR (doc->>'number')::int IS DISTINCT FROM NEW.number OR doc->>'amendsId' IS DISTINCT FROM NEW.amends_id::text
       OR doc->'content' IS DISTINCT FROM NEW.content OR doc->'record' IS DISTINCT FROM NEW.record
       OR doc->'content'->>'heldOn' IS DISTINCT FROM NEW.held_on::text THEN
      RAISE EXCEPTION 'progress_reviews: canonical does not describe this review' USING ERRCODE = 'check_violation';
    END IF;
    SELECT string_agg(s::text, ', ') INTO missing FROM unnest(NEW.required_signers) s
      WHERE NOT EXISTS (SELECT 1 FROM review_signatures g
                        WHERE g.review_id = NEW.id AND g.signer = s AND g.content_sha256 = NEW.content_sha256);
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'progress_reviews: not signed by % on this content; lock refused', missing USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS progress_reviews_update_check ON progress_reviews;
CREATE TRIGGER progress_reviews_update_check BEFORE UPDATE OR DELETE ON progress_reviews
  FOR EACH ROW EXECUTE FUNCTION criterion_review_update_check();

-- A signature goes on a draft, by a signer it requires: the learner is the review's learner, a coach signs as a coach.
CREATE OR REPLACE FUNCTION criterion_review_signature_check() RETURNS trigger AS $$
DECLARE
  r progress_reviews%ROWTYPE;
BEGIN
  SELECT * INTO r FROM progress_reviews WHERE id = NEW.review_id;
  IF r.status IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'review_signatures: review % is locked; INSERT refused', NEW.review_id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT (NEW.signer = ANY (r.required_signers)) THEN
    RAISE EXCEPTION 'review_signatures: review % does not ask the % to sign', NEW.review_id, NEW.signer USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.signer = 'learner' AND NEW.signer_id IS DISTINCT FROM r.learner_id THEN
    RAISE EXCEPTION 'review_signatures: only the review''s learner signs as the learner' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.signer = 'coach' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.signer_id AND u.role = 'coach') THEN
    RAISE EXCEPTION 'review_signatures: only a coach signs as the coach' USING ERRCODE = 'check_violation';
  END IF;
  -- Someone without an account signs only through a link of this review, used to sign this very content.
  IF (NEW.signer = 'employer') <> (NEW.method = 'link') OR (NEW.method = 'link' AND NOT EXISTS (
       SELECT 1 FROM single_use_links l
       WHERE l.id = NEW.link_id AND l.review_id = NEW.review_id AND l.purpose = 'review_signature'
         AND l.used_at IS NOT NULL AND l.response = 'signed' AND l.document_sha256 = NEW.content_sha256)) THEN
    RAISE EXCEPTION 'review_signatures: the employer signs by a used link of this review, for this content'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS review_signatures_check ON review_signatures;
CREATE TRIGGER review_signatures_check BEFORE INSERT ON review_signatures
  FOR EACH ROW EXECUTE FUNCTION criterion_review_signature_check();

-- A target row copies a target of a locked review's signed content, exactly.
CREATE OR REPLACE FUNCTION criterion_review_target_check() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (
       SELECT 1 FROM progress_reviews r, jsonb_array_elements(r.canonical::jsonb->'content'->'targets') t
       WHERE r.id = NEW.review_id AND r.status = 'locked' AND r.learner_id = NEW.learner_id
         AND t->>'key' = NEW.key::text AND t->>'text' = NEW.text AND t->>'dueOn' = NEW.due_on::text
         AND t->>'moduleSlug' IS NOT DISTINCT FROM NEW.module_slug AND t->>'criterionId' IS NOT DISTINCT FROM NEW.criterion_id) THEN
    RAISE EXCEPTION 'review_targets: not a target of the signed review %', NEW.review_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS review_targets_check ON review_targets;
CREATE TRIGGER review_targets_check BEFORE INSERT ON review_targets
  FOR EACH ROW EXECUTE FUNCTION criterion_review_target_check();

-- The learner says a target is achieved; a coach confirms it or says not yet.
CREATE OR REPLACE FUNCTION criterion_review_target_event_check() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM review_targets t WHERE t.learner_id = NEW.learner_id AND t.key = NEW.target_key) THEN
    RAISE EXCEPTION 'review_target_events: no such target of this learner' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.event = 'achieved' AND NEW.actor_id <> NEW.learner_id THEN
    RAISE EXCEPTION 'review_target_events: only the learner marks a target achieved' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.event <> 'achieved' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.actor_id AND u.role = 'coach') THEN
    RAISE EXCEPTION 'review_target_events: only a coach confirms a target' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS review_target_events_check ON review_target_events;
CREATE TRIGGER review_target_events_check BEFORE INSERT ON review_target_events
  FOR EACH ROW EXECUTE FUNCTION criterion_review_target_event_check();
