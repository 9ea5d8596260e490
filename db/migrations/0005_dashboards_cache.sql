CREATE TABLE "learner_progress_cache" (
	"learner_id" uuid PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"content_key" text NOT NULL,
	"data" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learner_progress_cache" ADD CONSTRAINT "learner_progress_cache_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;