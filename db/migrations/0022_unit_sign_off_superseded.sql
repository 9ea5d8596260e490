ALTER TABLE "learner_caseload" ADD COLUMN "sign_off_superseded" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "learner_caseload" drop column "complete";--> statement-breakpoint
ALTER TABLE "learner_caseload" ADD COLUMN "complete" boolean GENERATED ALWAYS AS (total > 0 and met = total and awaiting_countersignature = 0 and sign_off_superseded = 0) STORED NOT NULL;--> statement-breakpoint
-- Learners with a superseded sign-off are counted again (lib/dashboards/progress-current.ts): a unit whose sign-off an
-- IQA took out of force is not "All met" until the assessor decides again. Every other row keeps its value (the new
-- column is 0), so the counters the triggers keep stay true.
INSERT INTO "progress_stale" ("learner_id")
SELECT DISTINCT s."learner_id" FROM "sign_off_supersessions" s
ON CONFLICT ("learner_id") DO UPDATE SET "mark" = excluded."mark";
