CREATE TYPE "public"."report_outcome" AS ENUM('referred', 'signed_off');--> statement-breakpoint
CREATE TYPE "public"."report_source" AS ENUM('editor', 'docx');--> statement-breakpoint
CREATE TABLE "report_ac_judgements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"judgement_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"ac_id" text NOT NULL,
	"outcome" "judgement_outcome" NOT NULL,
	"feedback" text DEFAULT '' NOT NULL,
	"assessor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_assessment_drafts" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"learner_id" uuid NOT NULL,
	"assessor_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"assessor_id" uuid NOT NULL,
	"outcome" "report_outcome" NOT NULL,
	"feedback" text NOT NULL,
	"range_marks" jsonb NOT NULL,
	"discussion" jsonb NOT NULL,
	"declaration" text,
	"content_hash" text NOT NULL,
	"counted_words" integer NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_decisions_signoff_declared" CHECK ("report_decisions"."outcome" <> 'signed_off' or "report_decisions"."declaration" is not null)
);
--> statement-breakpoint
CREATE TABLE "report_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"section_tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" "report_source" DEFAULT 'editor' NOT NULL,
	"upload_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_uploads_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"number" integer NOT NULL,
	"draft_id" uuid NOT NULL,
	"draft_version" integer NOT NULL,
	"content" text NOT NULL,
	"content_hash" text NOT NULL,
	"total_words" integer NOT NULL,
	"counted_words" integer NOT NULL,
	"excluded" jsonb NOT NULL,
	"section_tags" jsonb NOT NULL,
	"upload_id" uuid,
	"declaration" text NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_versions_hash_hex" CHECK ("report_versions"."content_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "report_ac_judgements" ADD CONSTRAINT "report_ac_judgements_decision_id_report_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."report_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_ac_judgements" ADD CONSTRAINT "report_ac_judgements_judgement_id_judgements_id_fk" FOREIGN KEY ("judgement_id") REFERENCES "public"."judgements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_ac_judgements" ADD CONSTRAINT "report_ac_judgements_version_id_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."report_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_ac_judgements" ADD CONSTRAINT "report_ac_judgements_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_ac_judgements" ADD CONSTRAINT "report_ac_judgements_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assessment_drafts" ADD CONSTRAINT "report_assessment_drafts_version_id_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."report_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assessment_drafts" ADD CONSTRAINT "report_assessment_drafts_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_assessment_drafts" ADD CONSTRAINT "report_assessment_drafts_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_decisions" ADD CONSTRAINT "report_decisions_version_id_report_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."report_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_decisions" ADD CONSTRAINT "report_decisions_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_decisions" ADD CONSTRAINT "report_decisions_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_drafts" ADD CONSTRAINT "report_drafts_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_drafts" ADD CONSTRAINT "report_drafts_upload_id_report_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."report_uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_uploads" ADD CONSTRAINT "report_uploads_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_draft_id_report_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."report_drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_upload_id_report_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."report_uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_ac_judgements_decision_ac_key" ON "report_ac_judgements" USING btree ("decision_id","ac_id");--> statement-breakpoint
CREATE INDEX "report_ac_judgements_learner_idx" ON "report_ac_judgements" USING btree ("learner_id","ac_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_decisions_version_key" ON "report_decisions" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "report_decisions_signed_off_key" ON "report_decisions" USING btree ("learner_id","module_slug") WHERE "report_decisions"."outcome" = 'signed_off';--> statement-breakpoint
CREATE INDEX "report_decisions_learner_idx" ON "report_decisions" USING btree ("learner_id","module_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "report_drafts_learner_module_key" ON "report_drafts" USING btree ("learner_id","module_slug");--> statement-breakpoint
CREATE INDEX "report_uploads_learner_idx" ON "report_uploads" USING btree ("learner_id","module_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "report_versions_number_key" ON "report_versions" USING btree ("learner_id","module_slug","number");--> statement-breakpoint
CREATE UNIQUE INDEX "report_versions_draft_key" ON "report_versions" USING btree ("draft_id","draft_version");