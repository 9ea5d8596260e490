CREATE TABLE "learner_erasures" (
	"learner_id" uuid PRIMARY KEY NOT NULL,
	"pseudonym" text NOT NULL,
	"erased_by" uuid,
	"reason" text NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"audit_id" bigint NOT NULL,
	"decisions_erased_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "erased_by" bigint;--> statement-breakpoint
ALTER TABLE "learner_erasures" ADD CONSTRAINT "learner_erasures_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_erasures" ADD CONSTRAINT "learner_erasures_erased_by_users_id_fk" FOREIGN KEY ("erased_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learner_erasures_erased_at_idx" ON "learner_erasures" USING btree ("erased_at");