CREATE TYPE "public"."qa_item_kind" AS ENUM('judgement', 'sign_off');--> statement-breakpoint
CREATE TYPE "public"."qa_verdict" AS ENUM('agree', 'disagree');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'eqa';--> statement-breakpoint
CREATE TABLE "eqa_visit_samples" (
	"visit_id" uuid NOT NULL,
	"sample_id" uuid NOT NULL,
	"shared_by" uuid NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eqa_visit_samples_visit_id_sample_id_pk" PRIMARY KEY("visit_id","sample_id")
);
--> statement-breakpoint
CREATE TABLE "eqa_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"eqa_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eqa_visits_dates" CHECK ("eqa_visits"."starts_at" < "eqa_visits"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "iqa_cohorts" (
	"iqa_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "iqa_cohorts_iqa_id_cohort_id_pk" PRIMARY KEY("iqa_id","cohort_id")
);
--> statement-breakpoint
CREATE TABLE "qa_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"text" text NOT NULL,
	"due_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"closing_note" text,
	CONSTRAINT "qa_actions_closed_together" CHECK (("qa_actions"."closed_at" is null) = ("qa_actions"."closed_by" is null))
);
--> statement-breakpoint
CREATE TABLE "qa_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"iqa_id" uuid NOT NULL,
	"verdict" "qa_verdict" NOT NULL,
	"feedback" text DEFAULT '' NOT NULL,
	"supersedes_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_sample_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sample_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "qa_item_kind" NOT NULL,
	"judgement_id" uuid,
	"report_decision_id" uuid,
	"learner_id" uuid NOT NULL,
	"assessor_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"criterion_id" text,
	"methods" text[] DEFAULT '{}'::text[] NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"reasons" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"snapshot_sha256" text NOT NULL,
	CONSTRAINT "qa_sample_items_subject" CHECK (("qa_sample_items"."kind" = 'judgement' and "qa_sample_items"."judgement_id" is not null and "qa_sample_items"."report_decision_id" is null)
    or ("qa_sample_items"."kind" = 'sign_off' and "qa_sample_items"."report_decision_id" is not null and "qa_sample_items"."judgement_id" is null)),
	CONSTRAINT "qa_sample_items_sha_hex" CHECK ("qa_sample_items"."snapshot_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "qa_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"plan_version" integer NOT NULL,
	"cohort_id" uuid NOT NULL,
	"seed" text NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"candidate_count" integer NOT NULL,
	"drawn_by" uuid NOT NULL,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qa_samples_period" CHECK ("qa_samples"."period_from" < "qa_samples"."period_to")
);
--> statement-breakpoint
CREATE TABLE "sampling_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sampling_plans_version_positive" CHECK ("sampling_plans"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "eqa_visit_samples" ADD CONSTRAINT "eqa_visit_samples_visit_id_eqa_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."eqa_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eqa_visit_samples" ADD CONSTRAINT "eqa_visit_samples_sample_id_qa_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."qa_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eqa_visit_samples" ADD CONSTRAINT "eqa_visit_samples_shared_by_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eqa_visits" ADD CONSTRAINT "eqa_visits_eqa_id_users_id_fk" FOREIGN KEY ("eqa_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eqa_visits" ADD CONSTRAINT "eqa_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iqa_cohorts" ADD CONSTRAINT "iqa_cohorts_iqa_id_users_id_fk" FOREIGN KEY ("iqa_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iqa_cohorts" ADD CONSTRAINT "iqa_cohorts_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "iqa_cohorts" ADD CONSTRAINT "iqa_cohorts_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_actions" ADD CONSTRAINT "qa_actions_decision_id_qa_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."qa_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_actions" ADD CONSTRAINT "qa_actions_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_decisions" ADD CONSTRAINT "qa_decisions_item_id_qa_sample_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."qa_sample_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_decisions" ADD CONSTRAINT "qa_decisions_iqa_id_users_id_fk" FOREIGN KEY ("iqa_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_sample_items" ADD CONSTRAINT "qa_sample_items_sample_id_qa_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."qa_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_sample_items" ADD CONSTRAINT "qa_sample_items_judgement_id_judgements_id_fk" FOREIGN KEY ("judgement_id") REFERENCES "public"."judgements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_sample_items" ADD CONSTRAINT "qa_sample_items_report_decision_id_report_decisions_id_fk" FOREIGN KEY ("report_decision_id") REFERENCES "public"."report_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_sample_items" ADD CONSTRAINT "qa_sample_items_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_sample_items" ADD CONSTRAINT "qa_sample_items_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_samples" ADD CONSTRAINT "qa_samples_plan_id_sampling_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."sampling_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_samples" ADD CONSTRAINT "qa_samples_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_samples" ADD CONSTRAINT "qa_samples_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_plans" ADD CONSTRAINT "sampling_plans_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_plans" ADD CONSTRAINT "sampling_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eqa_visit_samples_sample_idx" ON "eqa_visit_samples" USING btree ("sample_id");--> statement-breakpoint
CREATE INDEX "eqa_visits_eqa_idx" ON "eqa_visits" USING btree ("eqa_id","ends_at");--> statement-breakpoint
CREATE INDEX "iqa_cohorts_cohort_idx" ON "iqa_cohorts" USING btree ("cohort_id");--> statement-breakpoint
CREATE INDEX "qa_actions_decision_idx" ON "qa_actions" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "qa_actions_open_idx" ON "qa_actions" USING btree ("due_on") WHERE "qa_actions"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "qa_decisions_item_idx" ON "qa_decisions" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_decisions_first_key" ON "qa_decisions" USING btree ("item_id") WHERE "qa_decisions"."supersedes_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "qa_decisions_supersedes_key" ON "qa_decisions" USING btree ("supersedes_id");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_sample_items_position_key" ON "qa_sample_items" USING btree ("sample_id","position");--> statement-breakpoint
CREATE INDEX "qa_sample_items_judgement_idx" ON "qa_sample_items" USING btree ("judgement_id");--> statement-breakpoint
CREATE INDEX "qa_sample_items_decision_idx" ON "qa_sample_items" USING btree ("report_decision_id");--> statement-breakpoint
CREATE INDEX "qa_sample_items_learner_idx" ON "qa_sample_items" USING btree ("learner_id","criterion_id");--> statement-breakpoint
CREATE INDEX "qa_sample_items_assessor_idx" ON "qa_sample_items" USING btree ("assessor_id");--> statement-breakpoint
CREATE INDEX "qa_samples_cohort_idx" ON "qa_samples" USING btree ("cohort_id","drawn_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sampling_plans_cohort_version_key" ON "sampling_plans" USING btree ("cohort_id","version");--> statement-breakpoint
CREATE INDEX "judgements_created_idx" ON "judgements" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "judgements_assessor_idx" ON "judgements" USING btree ("assessor_id","created_at");