ALTER TABLE "learner_caseload" ADD COLUMN "awaiting_countersignature" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "learner_caseload" ADD COLUMN "complete" boolean GENERATED ALWAYS AS (total > 0 and met = total and awaiting_countersignature = 0) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "report_ac_judgements_judgement_idx" ON "report_ac_judgements" USING btree ("judgement_id");--> statement-breakpoint
-- Learners with a sign-off in force are counted again (lib/dashboards/progress-current.ts): a required
-- countersignature they lack now keeps their unit out of "All met".
INSERT INTO "progress_stale" ("learner_id")
SELECT DISTINCT d."learner_id" FROM "report_decisions" d WHERE d."outcome" = 'signed_off'
ON CONFLICT ("learner_id") DO UPDATE SET "mark" = excluded."mark";
