CREATE TABLE "worksheet_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"answers" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"audited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "worksheet_answers_version_positive" CHECK ("worksheet_answers"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "worksheet_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"section_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "worksheet_comments_body_length" CHECK (char_length("worksheet_comments"."body") between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "worksheet_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"number" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"answers_version" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "worksheet_submissions_number_positive" CHECK ("worksheet_submissions"."number" > 0)
);
--> statement-breakpoint
ALTER TABLE "worksheet_answers" ADD CONSTRAINT "worksheet_answers_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worksheet_comments" ADD CONSTRAINT "worksheet_comments_submission_id_worksheet_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."worksheet_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worksheet_comments" ADD CONSTRAINT "worksheet_comments_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worksheet_comments" ADD CONSTRAINT "worksheet_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worksheet_submissions" ADD CONSTRAINT "worksheet_submissions_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "worksheet_answers_learner_module_key" ON "worksheet_answers" USING btree ("learner_id","module_slug");--> statement-breakpoint
CREATE INDEX "worksheet_comments_submission_idx" ON "worksheet_comments" USING btree ("submission_id","created_at");--> statement-breakpoint
CREATE INDEX "worksheet_comments_learner_idx" ON "worksheet_comments" USING btree ("learner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "worksheet_submissions_number_key" ON "worksheet_submissions" USING btree ("learner_id","module_slug","number");--> statement-breakpoint
CREATE UNIQUE INDEX "worksheet_submissions_version_key" ON "worksheet_submissions" USING btree ("learner_id","module_slug","answers_version");