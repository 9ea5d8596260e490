DROP INDEX "badges_learner_module_key";--> statement-breakpoint
ALTER TABLE "badge_revocations" ADD COLUMN "sign_off_supersession_id" uuid;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "edition" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "badge_revocations" ADD CONSTRAINT "badge_revocations_sign_off_supersession_id_sign_off_supersessions_id_fk" FOREIGN KEY ("sign_off_supersession_id") REFERENCES "public"."sign_off_supersessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "badges_learner_module_edition_key" ON "badges" USING btree ("learner_id","module_slug","edition");