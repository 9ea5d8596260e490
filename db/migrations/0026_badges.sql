CREATE SEQUENCE "public"."badge_status_index_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "badge_revocations" (
	"badge_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "badges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"learner_id" uuid NOT NULL,
	"module_slug" text NOT NULL,
	"status_index" integer NOT NULL,
	"jwt" text NOT NULL,
	"kid" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "badge_revocations" ADD CONSTRAINT "badge_revocations_badge_id_badges_id_fk" FOREIGN KEY ("badge_id") REFERENCES "public"."badges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_revocations" ADD CONSTRAINT "badge_revocations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "badges_learner_module_key" ON "badges" USING btree ("learner_id","module_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "badges_status_index_key" ON "badges" USING btree ("status_index");--> statement-breakpoint
CREATE INDEX "badges_issued_idx" ON "badges" USING btree ("issued_at");