CREATE TYPE "public"."evidence_kind" AS ENUM('account', 'file', 'link', 'observation', 'discussion', 'witness', 'worksheet');--> statement-breakpoint
CREATE TYPE "public"."judgement_outcome" AS ENUM('met', 'not_yet_met');--> statement-breakpoint
CREATE SEQUENCE "public"."criterion_activity_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"title" text NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"body" text,
	"url" text,
	"witness_name" text,
	"witness_role" text,
	"witness_contact" text,
	"file_id" uuid,
	"worksheet_submission_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes_id" uuid,
	"superseded_by" uuid,
	"activity_seq" bigint DEFAULT nextval('criterion_activity_seq') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_title_not_blank" CHECK (length(btrim("evidence"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "evidence_criteria" (
	"evidence_id" uuid NOT NULL,
	"criterion_id" text NOT NULL,
	"module_slug" text NOT NULL,
	"learner_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"activity_seq" bigint DEFAULT nextval('criterion_activity_seq') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_criteria_evidence_id_criterion_id_pk" PRIMARY KEY("evidence_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"original_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_files_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "judgement_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"judgement_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"note" text NOT NULL,
	"activity_seq" bigint DEFAULT nextval('criterion_activity_seq') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judgements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"criterion_id" text NOT NULL,
	"module_slug" text NOT NULL,
	"outcome" "judgement_outcome" NOT NULL,
	"feedback" text DEFAULT '' NOT NULL,
	"assessor_id" uuid NOT NULL,
	"evidence_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"activity_seq" bigint DEFAULT nextval('criterion_activity_seq') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_file_id_evidence_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_criteria" ADD CONSTRAINT "evidence_criteria_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_criteria" ADD CONSTRAINT "evidence_criteria_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgement_responses" ADD CONSTRAINT "judgement_responses_judgement_id_judgements_id_fk" FOREIGN KEY ("judgement_id") REFERENCES "public"."judgements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgement_responses" ADD CONSTRAINT "judgement_responses_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgement_responses" ADD CONSTRAINT "judgement_responses_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_learner_idx" ON "evidence" USING btree ("learner_id","created_at");--> statement-breakpoint
CREATE INDEX "evidence_supersedes_idx" ON "evidence" USING btree ("supersedes_id");--> statement-breakpoint
CREATE INDEX "evidence_criteria_learner_idx" ON "evidence_criteria" USING btree ("learner_id","criterion_id");--> statement-breakpoint
CREATE INDEX "evidence_files_learner_idx" ON "evidence_files" USING btree ("learner_id");--> statement-breakpoint
CREATE INDEX "judgement_responses_learner_idx" ON "judgement_responses" USING btree ("learner_id","judgement_id");--> statement-breakpoint
CREATE INDEX "judgements_learner_criterion_idx" ON "judgements" USING btree ("learner_id","criterion_id","activity_seq");