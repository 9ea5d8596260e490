CREATE TABLE "caseload_counters" (
	"owner" text NOT NULL,
	"module_slug" text NOT NULL,
	"day" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"awaiting" integer DEFAULT 0 NOT NULL,
	"review" integer DEFAULT 0 NOT NULL,
	"complete" integer DEFAULT 0 NOT NULL,
	"nym3" integer DEFAULT 0 NOT NULL,
	"quiet" integer DEFAULT 0 NOT NULL,
	"awaiting_nym3" integer DEFAULT 0 NOT NULL,
	"awaiting_quiet" integer DEFAULT 0 NOT NULL,
	"review_nym3" integer DEFAULT 0 NOT NULL,
	"review_quiet" integer DEFAULT 0 NOT NULL,
	"worksheets_to_review" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"met" bigint DEFAULT 0 NOT NULL,
	"not_yet_met" bigint DEFAULT 0 NOT NULL,
	"submitted" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "caseload_counters_owner_module_slug_day_pk" PRIMARY KEY("owner","module_slug","day")
);
--> statement-breakpoint
CREATE TABLE "learner_caseload" (
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"met" integer DEFAULT 0 NOT NULL,
	"not_yet_met" integer DEFAULT 0 NOT NULL,
	"submitted" integer DEFAULT 0 NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"last_activity" timestamp with time zone,
	"worksheets_to_review" integer DEFAULT 0 NOT NULL,
	"first_worksheet_to_review" uuid,
	"content_key" text DEFAULT '' NOT NULL,
	CONSTRAINT "learner_caseload_learner_id_module_slug_pk" PRIMARY KEY("learner_id","module_slug")
);
--> statement-breakpoint
CREATE TABLE "learner_met_weeks" (
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"week" integer NOT NULL,
	"delta" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "learner_met_weeks_learner_id_module_slug_week_pk" PRIMARY KEY("learner_id","module_slug","week")
);
--> statement-breakpoint
CREATE TABLE "met_week_counters" (
	"owner" text NOT NULL,
	"module_slug" text NOT NULL,
	"week" integer NOT NULL,
	"delta" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "met_week_counters_owner_module_slug_week_pk" PRIMARY KEY("owner","module_slug","week")
);
--> statement-breakpoint
CREATE TABLE "progress_stale" (
	"learner_id" uuid PRIMARY KEY NOT NULL,
	"mark" bigserial NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learner_caseload" ADD CONSTRAINT "learner_caseload_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_met_weeks" ADD CONSTRAINT "learner_met_weeks_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_stale" ADD CONSTRAINT "progress_stale_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learner_caseload_name_idx" ON "learner_caseload" USING btree ("module_slug","name","learner_id");--> statement-breakpoint
CREATE INDEX "learner_caseload_progress_idx" ON "learner_caseload" USING btree ("module_slug","progress","name","learner_id");--> statement-breakpoint
CREATE INDEX "learner_caseload_activity_idx" ON "learner_caseload" USING btree ("module_slug","last_activity" NULLS FIRST,"name","learner_id");--> statement-breakpoint
CREATE INDEX "learner_caseload_quiet_idx" ON "learner_caseload" USING btree ("module_slug",coalesce("last_activity", "since"));--> statement-breakpoint
CREATE INDEX "learner_caseload_attention_idx" ON "learner_caseload" USING btree ("module_slug","worksheets_to_review" DESC NULLS LAST,"last_activity" NULLS FIRST,"name","learner_id");--> statement-breakpoint
CREATE INDEX "learner_met_weeks_week_idx" ON "learner_met_weeks" USING btree ("week");