CREATE TYPE "public"."authorship_source" AS ENUM('editor', 'docx');--> statement-breakpoint
CREATE TYPE "public"."prior_decision_kind" AS ENUM('judgement', 'sign_off');--> statement-breakpoint
CREATE TABLE "imported_evidence" (
	"evidence_id" uuid PRIMARY KEY NOT NULL,
	"learner_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prior_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"kind" "prior_decision_kind" NOT NULL,
	"module_slug" text NOT NULL,
	"criterion_id" text,
	"outcome" text NOT NULL,
	"feedback" text DEFAULT '' NOT NULL,
	"decided_by" text NOT NULL,
	"decided_by_email" text,
	"centre" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"content_hash" text
);
--> statement-breakpoint
CREATE TABLE "record_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"issuer_name" text NOT NULL,
	"issuer_url" text,
	"kid" text NOT NULL,
	"manifest_sha256" text NOT NULL,
	"exported_at" timestamp with time zone NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"summary" jsonb NOT NULL,
	CONSTRAINT "record_imports_manifest_hex" CHECK ("record_imports"."manifest_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "report_authorship" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"draft_version" integer NOT NULL,
	"source" "authorship_source" NOT NULL,
	"words" integer NOT NULL,
	"words_added" integer NOT NULL,
	"words_removed" integer NOT NULL,
	"pasted_words" integer DEFAULT 0 NOT NULL,
	"large_paste" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "imported_evidence" ADD CONSTRAINT "imported_evidence_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_evidence" ADD CONSTRAINT "imported_evidence_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_evidence" ADD CONSTRAINT "imported_evidence_import_id_record_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."record_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_decisions" ADD CONSTRAINT "prior_decisions_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_decisions" ADD CONSTRAINT "prior_decisions_import_id_record_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."record_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_imports" ADD CONSTRAINT "record_imports_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_imports" ADD CONSTRAINT "record_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_authorship" ADD CONSTRAINT "report_authorship_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "imported_evidence_source_key" ON "imported_evidence" USING btree ("learner_id","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prior_decisions_source_key" ON "prior_decisions" USING btree ("learner_id","source_id");--> statement-breakpoint
CREATE INDEX "prior_decisions_learner_idx" ON "prior_decisions" USING btree ("learner_id","criterion_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_imports_record_key" ON "record_imports" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "record_imports_learner_idx" ON "record_imports" USING btree ("learner_id");--> statement-breakpoint
CREATE INDEX "report_authorship_learner_idx" ON "report_authorship" USING btree ("learner_id","module_slug","at");