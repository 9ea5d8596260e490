import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './core';
import { evidence } from './evidence';

/**
 * A resumable upload of a photo, voice note or video captured on a phone (lib/captures/uploads.ts). The phone names
 * it with its own idempotency key, so a retry after a lost answer finds the same row; `evidence_id` is set in the
 * transaction that creates the evidence, so a second finalize returns that evidence instead of making another.
 */
export const captureUploads = pgTable(
  'capture_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    idempotencyKey: text('idempotency_key').notNull(),
    fileName: text('file_name').notNull(),
    declaredType: text('declared_type').notNull(),
    /** photo, audio or video: decides the size limit and which sniffed types are accepted. */
    mediaKind: text('media_kind').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    receivedBytes: bigint('received_bytes', { mode: 'number' }).notNull().default(0),
    evidenceId: uuid('evidence_id').references(() => evidence.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('capture_uploads_key_idx').on(t.learnerId, t.idempotencyKey),
    index('capture_uploads_updated_idx').on(t.updatedAt),
  ],
);

/**
 * The pieces received so far. The bytes are in the configured file store (shared by every app server, like any
 * upload), under a random key; the row says where each piece goes.
 */
export const captureUploadChunks = pgTable(
  'capture_upload_chunks',
  {
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => captureUploads.id, { onDelete: 'cascade' }),
    offsetBytes: bigint('offset_bytes', { mode: 'number' }).notNull(),
    lengthBytes: integer('length_bytes').notNull(),
    storageKey: text('storage_key').notNull().unique(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.offsetBytes] })],
);
