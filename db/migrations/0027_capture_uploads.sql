CREATE TABLE "capture_upload_chunks" (
	"upload_id" uuid NOT NULL,
	"offset_bytes" bigint NOT NULL,
	"length_bytes" integer NOT NULL,
	"storage_key" text NOT NULL,
	CONSTRAINT "capture_upload_chunks_upload_id_offset_bytes_pk" PRIMARY KEY("upload_id","offset_bytes"),
	CONSTRAINT "capture_upload_chunks_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "capture_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learner_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"file_name" text NOT NULL,
	"declared_type" text NOT NULL,
	"media_kind" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"received_bytes" bigint DEFAULT 0 NOT NULL,
	"evidence_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "capture_upload_chunks" ADD CONSTRAINT "capture_upload_chunks_upload_id_capture_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."capture_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capture_uploads" ADD CONSTRAINT "capture_uploads_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capture_uploads" ADD CONSTRAINT "capture_uploads_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "capture_uploads_key_idx" ON "capture_uploads" USING btree ("learner_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "capture_uploads_updated_idx" ON "capture_uploads" USING btree ("updated_at");