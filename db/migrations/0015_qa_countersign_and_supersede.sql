CREATE TABLE "cohort_qa_settings" (
	"cohort_id" uuid PRIMARY KEY NOT NULL,
	"countersign_required" boolean DEFAULT false NOT NULL,
	"show_review_to_learners" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_action_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"assessor_id" uuid NOT NULL,
	"text" text NOT NULL,
	"judgement_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_action_responses_text" CHECK (length("qa_action_responses"."text") between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "report_countersignatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_decision_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"iqa_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"declaration" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_countersignatures_hash_hex" CHECK ("report_countersignatures"."content_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "sign_off_supersessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_decision_id" uuid NOT NULL,
	"qa_decision_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"superseded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "report_decisions_signed_off_key";--> statement-breakpoint
DROP INDEX "report_decisions_version_key";--> statement-breakpoint
ALTER TABLE "report_decisions" ADD COLUMN "reopens_id" uuid;--> statement-breakpoint
ALTER TABLE "cohort_qa_settings" ADD CONSTRAINT "cohort_qa_settings_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_qa_settings" ADD CONSTRAINT "cohort_qa_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_action_responses" ADD CONSTRAINT "qa_action_responses_action_id_qa_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."qa_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_action_responses" ADD CONSTRAINT "qa_action_responses_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_action_responses" ADD CONSTRAINT "qa_action_responses_judgement_id_judgements_id_fk" FOREIGN KEY ("judgement_id") REFERENCES "public"."judgements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_countersignatures" ADD CONSTRAINT "report_countersignatures_report_decision_id_report_decisions_id_fk" FOREIGN KEY ("report_decision_id") REFERENCES "public"."report_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_countersignatures" ADD CONSTRAINT "report_countersignatures_version_id_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."report_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_countersignatures" ADD CONSTRAINT "report_countersignatures_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_countersignatures" ADD CONSTRAINT "report_countersignatures_iqa_id_users_id_fk" FOREIGN KEY ("iqa_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_off_supersessions" ADD CONSTRAINT "sign_off_supersessions_report_decision_id_report_decisions_id_fk" FOREIGN KEY ("report_decision_id") REFERENCES "public"."report_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_off_supersessions" ADD CONSTRAINT "sign_off_supersessions_qa_decision_id_qa_decisions_id_fk" FOREIGN KEY ("qa_decision_id") REFERENCES "public"."qa_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_off_supersessions" ADD CONSTRAINT "sign_off_supersessions_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_off_supersessions" ADD CONSTRAINT "sign_off_supersessions_superseded_by_users_id_fk" FOREIGN KEY ("superseded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qa_action_responses_action_idx" ON "qa_action_responses" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_countersignatures_decision_key" ON "report_countersignatures" USING btree ("report_decision_id");--> statement-breakpoint
CREATE INDEX "report_countersignatures_learner_idx" ON "report_countersignatures" USING btree ("learner_id","module_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "sign_off_supersessions_decision_key" ON "sign_off_supersessions" USING btree ("report_decision_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sign_off_supersessions_qa_decision_key" ON "sign_off_supersessions" USING btree ("qa_decision_id");--> statement-breakpoint
CREATE INDEX "sign_off_supersessions_learner_idx" ON "sign_off_supersessions" USING btree ("learner_id","module_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "report_decisions_reopens_key" ON "report_decisions" USING btree ("reopens_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_decisions_version_key" ON "report_decisions" USING btree ("version_id") WHERE "report_decisions"."reopens_id" is null;