CREATE TABLE "criterion_wordings" (
	"criterion_id" text NOT NULL,
	"text_hash" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "criterion_wordings_criterion_id_text_hash_pk" PRIMARY KEY("criterion_id","text_hash")
);
--> statement-breakpoint
ALTER TABLE "evidence_criteria" ADD COLUMN "criterion_hash" text;--> statement-breakpoint
ALTER TABLE "judgements" ADD COLUMN "criterion_hash" text;