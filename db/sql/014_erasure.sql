-- Erasure of a learner's personal data (issue 22, data protection), and the one exception it makes to the record's
-- append-only rules.
--
-- Every other file here refuses changes to the record (evidence, judgements, report versions, hand-ins, the audit log,
-- files...). Erasure must change some of those rows, so it is a narrow, explicit exception, never a trigger switched off:
--
--   * Two functions do it, and only they: criterion_erase_learner (an administrator's erasure: personal data removed or
--     pseudonymised, assessment decisions kept) and criterion_erase_retained (the retention job, RETENTION_YEARS later:
--     the decisions themselves removed). Both are SECURITY DEFINER: they run as the owner of the tables. The app role
--     may call them (lib/erasure checks that the caller is an administrator, and audits) but has no UPDATE or DELETE
--     on the record itself (900_app_role.sql), and only reads learner_erasures.
--   * While one runs, it sets a transaction-local setting, criterion.erasure = 'content:<learner id>' or
--     'retention:<learner id>', and clears it before it returns. The record's triggers (criterion_refuse_change in 001
--     and the tables' own rules in 005, 006, 010, 011_reviews, 012_links, 013) ask criterion_erasure_allows() first,
--     which says yes only when that setting names the row's learner, the statement runs as the owner (so the app role
--     setting it by hand gains nothing: it is not the owner), and
--       - for 'content': the UPDATE changes nothing but the columns listed below for that table (free text, names,
--         file names; never an outcome, a hash, a word count, a date or an id);
--       - for an audit row: only before and after, emptied, with erased_by naming the learner's erasure audit row;
--       - for 'retention': the DELETE is of a decision table listed below, and the row is that learner's.
--   * Hashes stay: a sign-off keeps the SHA-256 and word count of report text that no longer exists; a QA item keeps its
--     snapshot's SHA-256; an emptied audit row keeps its row_hash and chain links, and the erasure's own audit row (itself
--     chained and hashed) records how many rows it emptied and a digest of what they kept (criterion-audit-erased/1,
--     below), which `npm run -s audit -- verify` checks instead of the emptied content (lib/record/audit-chain.ts).
--
-- On the embedded database (one role) and a PostgreSQL database without DATABASE_OWNER_URL, the app's role is the owner:
-- there, as for every other rule in these files, the triggers alone are the guarantee.

-- Who may use the exception: the owner of the erasure functions (the tables' owner, who ran these files).
CREATE OR REPLACE FUNCTION criterion_erasure_owner() RETURNS name AS $$
  SELECT r.rolname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
  WHERE p.proname = 'criterion_erase_learner' LIMIT 1;
$$ LANGUAGE sql STABLE;

-- The columns an erasure may empty, per table: the learner's own words and other people's names and contacts in
-- their record. Everything else on these rows (outcomes, hashes, word counts, dates, ids) stays.
CREATE OR REPLACE FUNCTION criterion_erasable_columns(tbl name) RETURNS text[] AS $$
  SELECT CASE tbl
    WHEN 'evidence' THEN ARRAY['title', 'description', 'body', 'url', 'witness_name', 'witness_role', 'witness_contact']
    WHEN 'evidence_files' THEN ARRAY['original_name']
    WHEN 'evidence_criteria' THEN ARRAY['note']
    WHEN 'judgement_responses' THEN ARRAY['note']
    WHEN 'report_versions' THEN ARRAY['content', 'excluded', 'section_tags']
    WHEN 'report_drafts' THEN ARRAY['content', 'section_tags']
    WHEN 'report_uploads' THEN ARRAY['file_name']
    WHEN 'worksheet_submissions' THEN ARRAY['answers']
    WHEN 'worksheet_comments' THEN ARRAY['body']
    WHEN 'progress_reviews' THEN ARRAY['content', 'record', 'canonical']
    WHEN 'review_signatures' THEN ARRAY['signer_name']
    WHEN 'review_targets' THEN ARRAY['text']
    WHEN 'review_target_events' THEN ARRAY['note']
    WHEN 'learning_hours' THEN ARRAY['activity']
    WHEN 'qa_sample_items' THEN ARRAY['snapshot']
    WHEN 'badges' THEN ARRAY['jwt']
    WHEN 'single_use_links' THEN ARRAY['recipient_name', 'recipient_role', 'recipient_email', 'responder_name',
      'comment', 'used_from_address', 'used_user_agent']
  END;
$$ LANGUAGE sql IMMUTABLE;

-- Whose row it is: the learner_id column, or for the few rows without one, their parent's. The retention job empties
-- only the decision tables (criterion_retention_tables); content erasure only the tables with erasable columns.
CREATE OR REPLACE FUNCTION criterion_row_learner(tbl name, r jsonb) RETURNS text AS $$
  SELECT CASE
    WHEN r ? 'learner_id' THEN r->>'learner_id'
    WHEN tbl = 'review_signatures' THEN
      (SELECT v.learner_id::text FROM progress_reviews v WHERE v.id = (r->>'review_id')::uuid)
    WHEN tbl = 'qa_decisions' THEN
      (SELECT i.learner_id::text FROM qa_sample_items i WHERE i.id = (r->>'item_id')::uuid)
    WHEN tbl = 'qa_actions' THEN
      (SELECT i.learner_id::text FROM qa_decisions d JOIN qa_sample_items i ON i.id = d.item_id
       WHERE d.id = (r->>'decision_id')::uuid)
    WHEN tbl = 'qa_action_responses' THEN
      (SELECT i.learner_id::text FROM qa_actions a JOIN qa_decisions d ON d.id = a.decision_id
       JOIN qa_sample_items i ON i.id = d.item_id WHERE a.id = (r->>'action_id')::uuid)
  END;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION criterion_retention_tables() RETURNS name[] AS $$
  SELECT ARRAY['judgements', 'judgement_responses', 'report_ac_judgements', 'report_decisions', 'report_countersignatures',
    'sign_off_supersessions', 'qa_sample_items', 'qa_decisions', 'qa_actions', 'qa_action_responses', 'report_versions',
    'prior_decisions']::name[];
$$ LANGUAGE sql IMMUTABLE;

-- The exception itself: true only inside an erasure function, for that learner's rows, for the allowed change.
CREATE OR REPLACE FUNCTION criterion_erasure_allows(tbl name, op text, old_row jsonb, new_row jsonb) RETURNS boolean AS $$
DECLARE
  setting text := coalesce(current_setting('criterion.erasure', true), '');
  mode text := split_part(setting, ':', 1);
  learner text := split_part(setting, ':', 2);
  cols text[];
BEGIN
  IF setting = '' OR current_user IS DISTINCT FROM criterion_erasure_owner() THEN
    RETURN false;
  END IF;
  IF op = 'UPDATE' AND mode = 'content' THEN
    IF tbl = 'audit_log' THEN
      RETURN old_row->'erased_by' = 'null'::jsonb AND new_row->'before' = 'null'::jsonb
        AND new_row->'after' = 'null'::jsonb
        AND (new_row - ARRAY['before', 'after', 'erased_by']) = (old_row - ARRAY['before', 'after', 'erased_by'])
        AND EXISTS (SELECT 1 FROM audit_log e WHERE e.id = (new_row->>'erased_by')::bigint
                    AND e.action = 'learner.erased' AND e.learner_id::text = learner);
    END IF;
    cols := criterion_erasable_columns(tbl);
    RETURN cols IS NOT NULL AND (new_row - cols) = (old_row - cols) AND criterion_row_learner(tbl, old_row) = learner;
  END IF;
  IF op = 'DELETE' AND mode = 'retention' THEN
    RETURN tbl = ANY (criterion_retention_tables()) AND criterion_row_learner(tbl, old_row) = learner;
  END IF;
  RETURN false;
END;
$$ LANGUAGE plpgsql STABLE;

-- Empties the strings of a JSON document: under the keys named (all of them when keys is null), every string becomes
-- '' and every nested value is emptied whole; structure, numbers, dates under other keys and ids stay, so pages that
-- read the document still can.
CREATE OR REPLACE FUNCTION criterion_erase_strings(doc jsonb, keys text[]) RETURNS jsonb AS $$
DECLARE
  result jsonb;
BEGIN
  IF doc IS NULL THEN
    RETURN NULL;
  END IF;
  CASE jsonb_typeof(doc)
    WHEN 'string' THEN
      RETURN CASE WHEN keys IS NULL THEN to_jsonb(''::text) ELSE doc END;
    WHEN 'object' THEN
      SELECT coalesce(jsonb_object_agg(k, CASE WHEN keys IS NULL OR k = ANY (keys) THEN criterion_erase_strings(v, NULL)
                                               ELSE criterion_erase_strings(v, keys) END), '{}'::jsonb)
        INTO result FROM jsonb_each(doc) e(k, v);
      RETURN result;
    WHEN 'array' THEN
      SELECT coalesce(jsonb_agg(criterion_erase_strings(v, keys) ORDER BY i), '[]'::jsonb)
        INTO result FROM jsonb_array_elements(doc) WITH ORDINALITY a(v, i);
      RETURN result;
    ELSE
      RETURN doc;
  END CASE;
END;
$$ LANGUAGE plpgsql IMMUTABLE;

-- What an emptied audit row still vouches for: every column of the canonical form (011_audit_chain.sql) but before
-- and after, plus its row_hash, as a jsonb array's text. The erasure's audit row records the SHA-256 of these lines
-- (joined by a line feed, in chain order) and their number: lib/record/audit-chain.ts builds the same text.
CREATE OR REPLACE FUNCTION criterion_audit_erased_line(r audit_log) RETURNS text AS $$
  SELECT jsonb_build_array(
    'criterion-audit-erased/1', r.chain_seq, r.prev_hash, r.id,
    to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    r.actor_id::text, r.action, r.subject_type, r.subject_id, r.learner_id::text, r.row_hash)::text;
$$ LANGUAGE sql STABLE;

-- An administrator's erasure of one learner (lib/erasure/erase.ts calls it; `npm run -s erasure` too). Idempotent: a
-- learner already erased is left as they are (erased false). Returns the storage keys of the learner's uploaded files,
-- whose bytes the caller removes from the file store once this has committed.
CREATE OR REPLACE FUNCTION criterion_erase_learner(p_learner uuid, p_actor uuid, p_reason text) RETURNS jsonb AS $$
DECLARE
  u record;
  done learner_erasures%ROWTYPE;
  pseudonym text;
  ids bigint[];
  digest text;
  audit_id bigint;
  keys jsonb;
BEGIN
  SELECT id, role, email INTO u FROM users WHERE id = p_learner FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'erasure: no account %', p_learner USING ERRCODE = 'no_data_found';
  END IF;
  IF u.role <> 'learner' THEN
    RAISE EXCEPTION 'erasure: only a learner''s account is erased this way' USING ERRCODE = 'check_violation';
  END IF;
  IF p_actor IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users WHERE id = p_actor AND role = 'admin' AND active) THEN
    RAISE EXCEPTION 'erasure: only an administrator erases a learner' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF length(btrim(coalesce(p_reason, ''))) = 0 THEN
    RAISE EXCEPTION 'erasure: a reason is required' USING ERRCODE = 'check_violation';
  END IF;
  SELECT coalesce(jsonb_agg(k), '[]'::jsonb) INTO keys FROM (
    SELECT storage_key AS k FROM evidence_files WHERE learner_id = p_learner
    UNION ALL SELECT storage_key FROM report_uploads WHERE learner_id = p_learner
    UNION ALL SELECT cc.storage_key FROM capture_upload_chunks cc JOIN capture_uploads cu ON cu.id = cc.upload_id
     WHERE cu.learner_id = p_learner) f;
  SELECT * INTO done FROM learner_erasures WHERE learner_id = p_learner;
  IF FOUND THEN
    RETURN jsonb_build_object('erased', false, 'pseudonym', done.pseudonym, 'auditId', done.audit_id,
      'erasedAt', done.erased_at, 'storageKeys', keys);
  END IF;

  PERFORM set_config('criterion.erasure', 'content:' || p_learner, true);
  pseudonym := 'Erased learner ' || left(replace(gen_random_uuid()::text, '-', ''), 6);

  -- The audit rows that hold the learner's data: about them, by them, or about their account. Their content goes; the
  -- erasure's own row, chained like any other, counts them and keeps a digest of what they still hold.
  SELECT array_agg(a.id ORDER BY a.chain_seq),
         encode(sha256(convert_to(coalesce(string_agg(criterion_audit_erased_line(a), E'\n' ORDER BY a.chain_seq), ''), 'UTF8')), 'hex')
    INTO ids, digest
    FROM audit_log a
   WHERE a.erased_by IS NULL AND (a.before IS NOT NULL OR a.after IS NOT NULL)
     AND (a.learner_id = p_learner OR a.actor_id = p_learner OR (a.subject_type = 'user' AND a.subject_id = p_learner::text));
  INSERT INTO audit_log (actor_id, action, subject_type, subject_id, learner_id, after)
  VALUES (p_actor, 'learner.erased', 'user', p_learner::text, p_learner,
          jsonb_build_object('pseudonym', pseudonym, 'reason', p_reason,
                             'erasedAuditRows', coalesce(array_length(ids, 1), 0), 'erasedAuditDigest', digest))
  RETURNING id INTO audit_id;
  UPDATE audit_log SET before = NULL, after = NULL, erased_by = audit_id WHERE id = ANY (coalesce(ids, '{}'));

  INSERT INTO learner_erasures (learner_id, pseudonym, erased_by, reason, audit_id)
  VALUES (p_learner, pseudonym, p_actor, p_reason, audit_id);

  -- The account: a pseudonym, an address nobody can sign in with, no password, disabled; the sessions trigger
  -- (009_sessions.sql) ends every session. Mail, notifications and sign-in attempts about them go.
  UPDATE users SET name = pseudonym, email = 'erased-' || gen_random_uuid() || '@erased.invalid', password_hash = NULL,
    active = false, must_change_password = false, updated_at = now()
  WHERE id = p_learner;
  DELETE FROM sign_in_attempts WHERE email_key = lower(u.email);
  DELETE FROM notifications WHERE recipient_id = p_learner;
  DELETE FROM notification_preferences WHERE user_id = p_learner;
  DELETE FROM email_outbox WHERE recipient_id = p_learner;
  DELETE FROM ended_sessions WHERE user_id = p_learner;

  -- Their words and files' names; the rows, their hashes and every decision stay.
  UPDATE evidence SET title = 'Erased', description = '', body = CASE WHEN body IS NULL THEN NULL ELSE '' END,
    url = NULL, witness_name = NULL, witness_role = NULL, witness_contact = NULL
  WHERE learner_id = p_learner;
  UPDATE evidence_files SET original_name = 'erased' WHERE learner_id = p_learner;
  -- Phone uploads not yet made into evidence: their pieces' keys are returned above for the store; the rows go.
  DELETE FROM capture_uploads WHERE learner_id = p_learner;
  UPDATE evidence_criteria SET note = '' WHERE learner_id = p_learner AND note <> '';
  UPDATE judgement_responses SET note = '' WHERE learner_id = p_learner;
  UPDATE report_versions SET content = '', excluded = '[]'::jsonb, section_tags = '{}'::jsonb
  WHERE learner_id = p_learner;
  UPDATE report_drafts SET content = '', section_tags = '{}'::jsonb WHERE learner_id = p_learner;
  UPDATE report_uploads SET file_name = 'erased.docx' WHERE learner_id = p_learner;
  UPDATE worksheet_answers SET answers = criterion_erase_strings(answers, NULL) WHERE learner_id = p_learner;
  UPDATE worksheet_submissions SET answers = criterion_erase_strings(answers, NULL) WHERE learner_id = p_learner;
  UPDATE worksheet_comments SET body = 'Erased' WHERE learner_id = p_learner;
  UPDATE progress_reviews SET
    content = criterion_erase_strings(content, ARRAY['progress', 'wentWell', 'supportNeeded', 'text']),
    record = criterion_erase_strings(record, ARRAY['text', 'note', 'title', 'activity']),
    canonical = CASE WHEN canonical IS NULL THEN NULL ELSE '' END
  WHERE learner_id = p_learner;
  -- The learner's and an employer's names as they signed; the coach's stays.
  UPDATE review_signatures s SET signer_name = CASE WHEN s.signer = 'learner' THEN pseudonym ELSE 'Erased' END
  FROM progress_reviews r WHERE r.id = s.review_id AND r.learner_id = p_learner AND s.signer <> 'coach';
  UPDATE review_targets SET text = '' WHERE learner_id = p_learner;
  UPDATE review_target_events SET note = '' WHERE learner_id = p_learner AND note <> '';
  UPDATE learning_hours SET activity = 'Erased' WHERE learner_id = p_learner;
  UPDATE qa_sample_items SET snapshot = criterion_erase_strings(snapshot,
    ARRAY['title', 'description', 'body', 'url', 'witnessName', 'witnessRole', 'witnessContact', 'witness', 'note',
          'content', 'answers', 'originalName', 'fileName', 'responderName', 'comment', 'learnerName', 'email'])
  WHERE learner_id = p_learner;
  -- A badge names the learner inside its signed credential: it is revoked (published in the status list, so anyone
  -- who kept a copy learns it no longer stands) and the credential itself emptied; its id and status index stay.
  INSERT INTO badge_revocations (badge_id, reason, revoked_by)
    SELECT b.id, 'The learner''s personal data was erased.', p_actor FROM badges b
    WHERE b.learner_id = p_learner AND NOT EXISTS (SELECT 1 FROM badge_revocations r WHERE r.badge_id = b.id);
  UPDATE badges SET jwt = '' WHERE learner_id = p_learner;
  UPDATE single_use_links SET recipient_name = 'Erased', recipient_role = '', recipient_email = 'erased@erased.invalid',
    responder_name = CASE WHEN responder_name IS NULL THEN NULL ELSE 'Erased' END,
    comment = CASE WHEN comment IS NULL THEN NULL ELSE '' END, used_from_address = NULL, used_user_agent = NULL
  WHERE learner_id = p_learner;

  PERFORM set_config('criterion.erasure', '', true);
  RETURN jsonb_build_object('erased', true, 'pseudonym', pseudonym, 'auditId', audit_id, 'erasedAt', now(),
    'storageKeys', keys);
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

-- The retention job's step for one erased learner (lib/erasure/retention.ts decides who is due: RETENTION_YEARS after
-- their erasure). Removes the assessment decisions the centre kept: judgements, report versions and decisions,
-- countersignatures, QA items, verdicts and actions. Idempotent: false when there is nothing (left) to do.
CREATE OR REPLACE FUNCTION criterion_erase_retained(p_learner uuid, p_retention_years integer) RETURNS jsonb AS $$
DECLARE
  e learner_erasures%ROWTYPE;
  counts jsonb := '{}'::jsonb;
  n integer;
BEGIN
  SELECT * INTO e FROM learner_erasures WHERE learner_id = p_learner FOR UPDATE;
  IF NOT FOUND OR e.decisions_erased_at IS NOT NULL THEN
    RETURN jsonb_build_object('erased', false);
  END IF;
  IF e.erased_at > now() - make_interval(years => p_retention_years) THEN
    RAISE EXCEPTION 'retention: learner % was erased on %, within the % years decisions are kept', p_learner,
      e.erased_at, p_retention_years USING ERRCODE = 'check_violation';
  END IF;
  PERFORM set_config('criterion.erasure', 'retention:' || p_learner, true);
  DELETE FROM qa_action_responses r USING qa_actions a, qa_decisions d, qa_sample_items i
    WHERE r.action_id = a.id AND a.decision_id = d.id AND d.item_id = i.id AND i.learner_id = p_learner;
  DELETE FROM sign_off_supersessions WHERE learner_id = p_learner;
  DELETE FROM qa_actions a USING qa_decisions d, qa_sample_items i
    WHERE a.decision_id = d.id AND d.item_id = i.id AND i.learner_id = p_learner;
  DELETE FROM qa_decisions d USING qa_sample_items i WHERE d.item_id = i.id AND i.learner_id = p_learner;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('qaDecisions', n);
  DELETE FROM qa_sample_items WHERE learner_id = p_learner;
  DELETE FROM report_countersignatures WHERE learner_id = p_learner;
  DELETE FROM report_ac_judgements WHERE learner_id = p_learner;
  DELETE FROM judgement_responses WHERE learner_id = p_learner;
  DELETE FROM report_decisions WHERE learner_id = p_learner;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('reportDecisions', n);
  DELETE FROM report_assessment_drafts WHERE learner_id = p_learner;
  DELETE FROM judgements WHERE learner_id = p_learner;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('judgements', n);
  DELETE FROM report_versions WHERE learner_id = p_learner;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('reportVersions', n);
  DELETE FROM prior_decisions WHERE learner_id = p_learner;
  UPDATE learner_erasures SET decisions_erased_at = now() WHERE learner_id = p_learner;
  INSERT INTO audit_log (actor_id, action, subject_type, subject_id, learner_id, after)
  VALUES (NULL, 'retention.erased', 'user', p_learner::text, p_learner,
          counts || jsonb_build_object('retentionYears', p_retention_years, 'erasedAt', e.erased_at));
  PERFORM set_config('criterion.erasure', '', true);
  RETURN jsonb_build_object('erased', true) || counts;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;
