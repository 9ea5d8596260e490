CREATE TYPE "public"."link_purpose" AS ENUM('witness_statement', 'review_signature');--> statement-breakpoint
CREATE TYPE "public"."link_response" AS ENUM('confirmed', 'disputed', 'signed');--> statement-breakpoint
CREATE TABLE "single_use_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_sha256" text NOT NULL,
	"purpose" "link_purpose" NOT NULL,
	"learner_id" uuid NOT NULL,
	"evidence_id" uuid,
	"review_id" uuid,
	"document_version" integer NOT NULL,
	"document_sha256" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_role" text DEFAULT '' NOT NULL,
	"recipient_email" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"response" "link_response",
	"responder_name" text,
	"comment" text,
	"used_from_address" text,
	"used_user_agent" text,
	CONSTRAINT "single_use_links_token_sha256_unique" UNIQUE("token_sha256"),
	CONSTRAINT "single_use_links_document" CHECK (("single_use_links"."purpose" = 'witness_statement' and "single_use_links"."evidence_id" is not null and "single_use_links"."review_id" is null)
        or ("single_use_links"."purpose" = 'review_signature' and "single_use_links"."review_id" is not null and "single_use_links"."evidence_id" is null)),
	CONSTRAINT "single_use_links_token_hex" CHECK ("single_use_links"."token_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "single_use_links_document_hex" CHECK ("single_use_links"."document_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "single_use_links_used_together" CHECK (("single_use_links"."used_at" is null) = ("single_use_links"."response" is null) and ("single_use_links"."used_at" is null) = ("single_use_links"."responder_name" is null)),
	CONSTRAINT "single_use_links_used_or_superseded" CHECK ("single_use_links"."used_at" is null or "single_use_links"."superseded_at" is null),
	CONSTRAINT "single_use_links_response_fits" CHECK ("single_use_links"."response" is null or ("single_use_links"."purpose" = 'witness_statement') = ("single_use_links"."response" in ('confirmed', 'disputed')))
);
--> statement-breakpoint
ALTER TABLE "review_signatures" ADD COLUMN "link_id" uuid;--> statement-breakpoint
ALTER TABLE "single_use_links" ADD CONSTRAINT "single_use_links_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "single_use_links" ADD CONSTRAINT "single_use_links_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "single_use_links" ADD CONSTRAINT "single_use_links_review_id_progress_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."progress_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "single_use_links" ADD CONSTRAINT "single_use_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "single_use_links_evidence_idx" ON "single_use_links" USING btree ("evidence_id","created_at");--> statement-breakpoint
CREATE INDEX "single_use_links_review_idx" ON "single_use_links" USING btree ("review_id","created_at");--> statement-breakpoint
ALTER TABLE "review_signatures" ADD CONSTRAINT "review_signatures_link_named" CHECK (("review_signatures"."method" = 'link') = ("review_signatures"."link_id" is not null));