CREATE TYPE "public"."review_signer" AS ENUM('coach', 'learner', 'employer');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('draft', 'locked');--> statement-breakpoint
CREATE TYPE "public"."target_event" AS ENUM('achieved', 'confirmed', 'not_yet');--> statement-breakpoint
CREATE TABLE "progress_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"amends_id" uuid,
	"status" "review_status" DEFAULT 'draft' NOT NULL,
	"required_signers" "review_signer"[] DEFAULT '{coach,learner}'::review_signer[] NOT NULL,
	"content" jsonb NOT NULL,
	"record" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"held_on" date,
	"canonical" text,
	"content_sha256" text,
	"locked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_reviews_locked_together" CHECK (("progress_reviews"."status" = 'locked') = ("progress_reviews"."locked_at" is not null and "progress_reviews"."content_sha256" is not null and "progress_reviews"."canonical" is not null and "progress_reviews"."held_on" is not null)),
	CONSTRAINT "progress_reviews_sha_hex" CHECK ("progress_reviews"."content_sha256" is null or "progress_reviews"."content_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "review_schedules" (
	"cohort_id" uuid PRIMARY KEY NOT NULL,
	"interval_weeks" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_schedules_interval" CHECK ("review_schedules"."interval_weeks" between 1 and 52)
);
--> statement-breakpoint
CREATE TABLE "review_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"signer" "review_signer" NOT NULL,
	"signer_id" uuid,
	"signer_name" text NOT NULL,
	"method" text DEFAULT 'portal' NOT NULL,
	"content_sha256" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_signatures_sha_hex" CHECK ("review_signatures"."content_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "review_signatures_method" CHECK ("review_signatures"."method" in ('portal', 'link')),
	CONSTRAINT "review_signatures_portal_account" CHECK ("review_signatures"."method" <> 'portal' or "review_signatures"."signer_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "review_target_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"target_key" uuid NOT NULL,
	"event" "target_event" NOT NULL,
	"actor_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"due_on" date NOT NULL,
	"module_slug" text,
	"criterion_id" text
);
--> statement-breakpoint
ALTER TABLE "progress_reviews" ADD CONSTRAINT "progress_reviews_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reviews" ADD CONSTRAINT "progress_reviews_coach_id_users_id_fk" FOREIGN KEY ("coach_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD CONSTRAINT "review_schedules_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD CONSTRAINT "review_schedules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_signatures" ADD CONSTRAINT "review_signatures_review_id_progress_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."progress_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_signatures" ADD CONSTRAINT "review_signatures_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_target_events" ADD CONSTRAINT "review_target_events_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_target_events" ADD CONSTRAINT "review_target_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_targets" ADD CONSTRAINT "review_targets_review_id_progress_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."progress_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_targets" ADD CONSTRAINT "review_targets_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "progress_reviews_number_key" ON "progress_reviews" USING btree ("learner_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "progress_reviews_one_draft_key" ON "progress_reviews" USING btree ("learner_id") WHERE "progress_reviews"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "progress_reviews_amends_key" ON "progress_reviews" USING btree ("amends_id");--> statement-breakpoint
CREATE INDEX "progress_reviews_learner_held_idx" ON "progress_reviews" USING btree ("learner_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "review_signatures_once_key" ON "review_signatures" USING btree ("review_id","signer","content_sha256");--> statement-breakpoint
CREATE INDEX "review_target_events_key_idx" ON "review_target_events" USING btree ("learner_id","target_key","at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_targets_key" ON "review_targets" USING btree ("review_id","key");--> statement-breakpoint
CREATE INDEX "review_targets_learner_idx" ON "review_targets" USING btree ("learner_id","key");