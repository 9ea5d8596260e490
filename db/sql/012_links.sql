-- Single-use links (issue 21, lib/links). A link row changes once: it is used (who, when, from where, their answer)
-- or superseded (its document changed, or a newer link replaced it), never both, never back, and never after it
-- expired. What it is bound to (token hash, document, version, recipient) never changes; no row is removed. The rules
-- hold whatever the application sends.
CREATE OR REPLACE FUNCTION criterion_link_update_check() RETURNS trigger AS $$
BEGIN
  -- A learner's erasure changes only its listed columns, from the owner's erasure function (014_erasure.sql).
  IF TG_OP = 'UPDATE' AND criterion_erasure_allows(TG_TABLE_NAME, TG_OP, to_jsonb(OLD), to_jsonb(NEW)) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'single_use_links: a link is a record; DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.used_at IS NOT NULL OR OLD.superseded_at IS NOT NULL THEN
    RAISE EXCEPTION 'single_use_links: link % has been used or superseded; UPDATE refused', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id <> OLD.id OR NEW.token_sha256 <> OLD.token_sha256 OR NEW.purpose <> OLD.purpose
     OR NEW.learner_id <> OLD.learner_id OR NEW.evidence_id IS DISTINCT FROM OLD.evidence_id
     OR NEW.review_id IS DISTINCT FROM OLD.review_id OR NEW.document_version <> OLD.document_version
     OR NEW.document_sha256 <> OLD.document_sha256 OR NEW.recipient_name <> OLD.recipient_name
     OR NEW.recipient_role <> OLD.recipient_role OR NEW.recipient_email <> OLD.recipient_email
     OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at OR NEW.expires_at <> OLD.expires_at THEN
    RAISE EXCEPTION 'single_use_links: only a link''s use or supersession may be recorded' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.used_at IS NOT NULL AND (NEW.used_at > OLD.expires_at OR now() > OLD.expires_at) THEN
    RAISE EXCEPTION 'single_use_links: link % expired; use refused', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS single_use_links_update_check ON single_use_links;
CREATE TRIGGER single_use_links_update_check BEFORE UPDATE OR DELETE ON single_use_links
  FOR EACH ROW EXECUTE FUNCTION criterion_link_update_check();

-- A link starts unused and unsuperseded, and expires after it was made.
CREATE OR REPLACE FUNCTION criterion_link_insert_check() RETURNS trigger AS $$
BEGIN
  IF NEW.used_at IS NOT NULL OR NEW.superseded_at IS NOT NULL OR NEW.expires_at <= NEW.created_at THEN
    RAISE EXCEPTION 'single_use_links: a link starts unused and expires after it is made' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS single_use_links_insert_check ON single_use_links;
CREATE TRIGGER single_use_links_insert_check BEFORE INSERT ON single_use_links
  FOR EACH ROW EXECUTE FUNCTION criterion_link_insert_check();

DROP TRIGGER IF EXISTS single_use_links_no_truncate ON single_use_links;
CREATE TRIGGER single_use_links_no_truncate BEFORE TRUNCATE ON single_use_links
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_refuse_change();
