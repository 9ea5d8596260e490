CREATE TABLE "cohort_hour_plans" (
	"cohort_id" uuid PRIMARY KEY NOT NULL,
	"minutes_per_week" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_hour_plans_minutes" CHECK ("cohort_hour_plans"."minutes_per_week" between 0 and 10080)
);
--> statement-breakpoint
CREATE TABLE "learning_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"spent_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"activity" text NOT NULL,
	"module_slug" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "learning_hours_minutes" CHECK ("learning_hours"."minutes" between 1 and 1440),
	CONSTRAINT "learning_hours_activity" CHECK (length("learning_hours"."activity") between 1 and 300)
);
--> statement-breakpoint
ALTER TABLE "cohort_hour_plans" ADD CONSTRAINT "cohort_hour_plans_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_hour_plans" ADD CONSTRAINT "cohort_hour_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_hours" ADD CONSTRAINT "learning_hours_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_hours_learner_idx" ON "learning_hours" USING btree ("learner_id","spent_on");