CREATE TABLE "cohort_staff" (
	"cohort_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"staff_role" "staff_role" NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohort_staff_cohort_id_staff_id_staff_role_pk" PRIMARY KEY("cohort_id","staff_id","staff_role")
);
--> statement-breakpoint
ALTER TABLE "cohort_staff" ADD CONSTRAINT "cohort_staff_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_staff" ADD CONSTRAINT "cohort_staff_staff_id_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cohort_staff_staff_idx" ON "cohort_staff" USING btree ("staff_id");