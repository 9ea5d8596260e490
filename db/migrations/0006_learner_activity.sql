CREATE TABLE "learner_activity" (
	"learner_id" uuid PRIMARY KEY NOT NULL,
	"status_version" bigint DEFAULT 0 NOT NULL,
	"last_activity" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "learner_activity" ADD CONSTRAINT "learner_activity_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Triggers keep learner_activity current (see db/schema/dashboards.ts). They live in this migration, not in db/sql,
-- so that they and the rebuild below commit together: the triggers exist before the rebuild reads the records, and
-- their table locks hold back other servers' writes until this transaction commits, so no change is missed.
-- One statement-level function for every table: TG_ARGV[0] says whether the rows are inputs of a criterion's
-- status ('status': bump status_version by the number of rows) or only the learner's activity ('activity');
-- TG_ARGV[1] is the expression for when the learner acted (null for staff actions; never read on DELETE).
CREATE OR REPLACE FUNCTION criterion_learner_activity() RETURNS trigger AS $$
BEGIN
  EXECUTE format($q$
    INSERT INTO learner_activity AS a (learner_id, status_version, last_activity)
    SELECT learner_id, %s, max(%s) FROM changed_rows GROUP BY learner_id ORDER BY learner_id
    ON CONFLICT (learner_id) DO UPDATE SET
      status_version = a.status_version + excluded.status_version,
      last_activity = greatest(a.last_activity, excluded.last_activity)$q$,
    CASE WHEN TG_ARGV[0] = 'status' THEN 'count(*)' ELSE '0' END,
    CASE WHEN TG_OP = 'DELETE' THEN 'null::timestamptz' ELSE TG_ARGV[1] END);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER evidence_activity_insert AFTER INSERT ON evidence REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('status', 'CASE WHEN author_id = learner_id THEN greatest(created_at, updated_at) END');
--> statement-breakpoint
CREATE TRIGGER evidence_activity_update AFTER UPDATE ON evidence REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('status', 'CASE WHEN author_id = learner_id THEN greatest(created_at, updated_at) END');
--> statement-breakpoint
CREATE TRIGGER evidence_activity_delete AFTER DELETE ON evidence REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('status', 'null');
--> statement-breakpoint
CREATE TRIGGER evidence_criteria_activity_insert AFTER INSERT ON evidence_criteria REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('status', 'created_at');
--> statement-breakpoint
CREATE TRIGGER evidence_criteria_activity_update AFTER UPDATE ON evidence_criteria REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('status', 'created_at');
--> statement-breakpoint
CREATE TRIGGER evidence_criteria_activity_delete AFTER DELETE ON evidence_criteria REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('status', 'null');
--> statement-breakpoint
CREATE TRIGGER judgements_activity_insert AFTER INSERT ON judgements REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('status', 'null::timestamptz');
--> statement-breakpoint
CREATE TRIGGER judgement_responses_activity_insert AFTER INSERT ON judgement_responses REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('activity', 'CASE WHEN author_id = learner_id THEN created_at END');
--> statement-breakpoint
CREATE TRIGGER worksheet_answers_activity_insert AFTER INSERT ON worksheet_answers REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('activity', 'updated_at');
--> statement-breakpoint
CREATE TRIGGER worksheet_answers_activity_update AFTER UPDATE ON worksheet_answers REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('activity', 'updated_at');
--> statement-breakpoint
CREATE TRIGGER worksheet_submissions_activity_insert AFTER INSERT ON worksheet_submissions REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('activity', 'submitted_at');
--> statement-breakpoint
CREATE TRIGGER report_drafts_activity_insert AFTER INSERT ON report_drafts REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('activity', 'updated_at');
--> statement-breakpoint
CREATE TRIGGER report_drafts_activity_update AFTER UPDATE ON report_drafts REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('activity', 'updated_at');
--> statement-breakpoint
CREATE TRIGGER report_versions_activity_insert AFTER INSERT ON report_versions REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION criterion_learner_activity('activity', 'submitted_at');
--> statement-breakpoint
-- Rebuild from the records (the same rules as the triggers).
INSERT INTO learner_activity AS a (learner_id, status_version, last_activity)
SELECT learner_id, sum(n), max(at) FROM (
  SELECT learner_id, count(*) AS n, max(CASE WHEN author_id = learner_id THEN greatest(created_at, updated_at) END) AS at FROM evidence GROUP BY learner_id
  UNION ALL SELECT learner_id, count(*), max(created_at) FROM evidence_criteria GROUP BY learner_id
  UNION ALL SELECT learner_id, count(*), null FROM judgements GROUP BY learner_id
  UNION ALL SELECT learner_id, 0, max(CASE WHEN author_id = learner_id THEN created_at END) FROM judgement_responses GROUP BY learner_id
  UNION ALL SELECT learner_id, 0, max(updated_at) FROM worksheet_answers GROUP BY learner_id
  UNION ALL SELECT learner_id, 0, max(submitted_at) FROM worksheet_submissions GROUP BY learner_id
  UNION ALL SELECT learner_id, 0, max(updated_at) FROM report_drafts GROUP BY learner_id
  UNION ALL SELECT learner_id, 0, max(submitted_at) FROM report_versions GROUP BY learner_id
) t GROUP BY learner_id ORDER BY learner_id
ON CONFLICT (learner_id) DO UPDATE SET
  status_version = a.status_version + excluded.status_version,
  last_activity = greatest(a.last_activity, excluded.last_activity);
