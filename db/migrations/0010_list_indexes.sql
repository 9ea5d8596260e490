DROP INDEX "staff_assignments_staff_idx";--> statement-breakpoint
ALTER TABLE "staff_assignments" DROP CONSTRAINT "staff_assignments_learner_id_staff_id_staff_role_pk";--> statement-breakpoint
ALTER TABLE "staff_assignments" ADD CONSTRAINT "staff_assignments_staff_id_staff_role_learner_id_pk" PRIMARY KEY("staff_id","staff_role","learner_id");--> statement-breakpoint
CREATE INDEX "staff_assignments_learner_idx" ON "staff_assignments" USING btree ("learner_id","staff_role");