import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './core';

export const evidenceKindEnum = pgEnum('evidence_kind', [
  'account',
  'file',
  'link',
  'observation',
  'discussion',
  'witness',
  'worksheet',
]);
export const judgementOutcomeEnum = pgEnum('judgement_outcome', ['met', 'not_yet_met']);

/**
 * One ordering for everything that can change a criterion's status (evidence saved, mapped, judged).
 * Timestamps inside one transaction are all equal, so "is this evidence newer than the judgement?"
 * compares positions in this sequence instead.
 */
export const criterionActivitySeq = pgSequence('criterion_activity_seq');
const nextActivity = sql`nextval('criterion_activity_seq')`;

/** Uploaded files. The bytes live in the FileStore under `storage_key` (a random uuid, never the file's name). */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    storageKey: text('storage_key').notNull().unique(),
    originalName: text('original_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evidence_files_learner_idx').on(t.learnerId)],
);

/**
 * A piece of evidence in a learner's library. Kind-specific columns are null for the other kinds.
 * Once evidence has been judged met it is never edited in place: an edit writes a new row whose
 * `supersedes_id` points at the old one, and the old row gets `superseded_by`.
 */
export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    kind: evidenceKindEnum('kind').notNull(),
    title: text('title').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    description: text('description').notNull().default(''),
    /** Written account, observation record, professional discussion record or witness statement. */
    body: text('body'),
    url: text('url'),
    witnessName: text('witness_name'),
    witnessRole: text('witness_role'),
    witnessContact: text('witness_contact'),
    fileId: uuid('file_id').references(() => evidenceFiles.id),
    // No foreign key: worksheet submissions belong to another area and may be added later.
    worksheetSubmissionId: uuid('worksheet_submission_id'),
    /** Optimistic concurrency: bumped by every in-place edit. */
    version: integer('version').notNull().default(1),
    supersedesId: uuid('supersedes_id'),
    supersededBy: uuid('superseded_by'),
    activitySeq: bigint('activity_seq', { mode: 'number' }).notNull().default(nextActivity),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evidence_learner_idx').on(t.learnerId, t.createdAt),
    index('evidence_supersedes_idx').on(t.supersedesId),
    check('evidence_title_not_blank', sql`length(btrim(${t.title})) > 0`),
  ],
);

/** Which criteria a piece of evidence is offered against, with the learner's reason for each. */
export const evidenceCriteria = pgTable(
  'evidence_criteria',
  {
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidence.id),
    criterionId: text('criterion_id').notNull(),
    moduleSlug: text('module_slug').notNull(),
    // Copied from the evidence so status queries for many learners never need to join first.
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull().default(''),
    /**
     * The wording of the criterion the learner mapped to (lib/content/wording.ts): when the module's wording changes
     * later, the mapping is flagged for review (lib/evidence/wording.ts), never moved. Null for mappings written before
     * wordings were recorded.
     */
    criterionHash: text('criterion_hash'),
    activitySeq: bigint('activity_seq', { mode: 'number' }).notNull().default(nextActivity),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.evidenceId, t.criterionId] }),
    index('evidence_criteria_learner_idx').on(t.learnerId, t.criterionId),
  ],
);

/** One row per decision, never changed (enforced in db/sql). The newest per learner and criterion counts. */
export const judgements = pgTable(
  'judgements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    criterionId: text('criterion_id').notNull(),
    moduleSlug: text('module_slug').notNull(),
    outcome: judgementOutcomeEnum('outcome').notNull(),
    feedback: text('feedback').notNull().default(''),
    assessorId: uuid('assessor_id')
      .notNull()
      .references(() => users.id),
    evidenceIds: uuid('evidence_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** The wording of the criterion that was judged (lib/content/wording.ts); null for judgements made before. */
    criterionHash: text('criterion_hash'),
    activitySeq: bigint('activity_seq', { mode: 'number' }).notNull().default(nextActivity),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('judgements_learner_criterion_idx').on(t.learnerId, t.criterionId, t.activitySeq),
    // Quality assurance draws a period's decisions, and counts an assessor's decisions (lib/qa/draw.ts).
    index('judgements_created_idx').on(t.createdAt),
    index('judgements_assessor_idx').on(t.assessorId, t.createdAt),
  ],
);

/**
 * Every wording each criterion has had on this portal, and when the portal first served it (recorded at start-up
 * from the content: lib/evidence/wording.ts). Only the date of a change is read from here; whether a mapping or a
 * judgement is on an earlier wording is read from its own criterion_hash. Rows are added, never changed.
 */
export const criterionWordings = pgTable(
  'criterion_wordings',
  {
    criterionId: text('criterion_id').notNull(),
    textHash: text('text_hash').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.criterionId, t.textHash] })],
);

/** A learner's reply to a judgement. Append-only like the judgements themselves. */
export const judgementResponses = pgTable(
  'judgement_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    judgementId: uuid('judgement_id')
      .notNull()
      .references(() => judgements.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull(),
    activitySeq: bigint('activity_seq', { mode: 'number' }).notNull().default(nextActivity),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('judgement_responses_learner_idx').on(t.learnerId, t.judgementId)],
);

export type EvidenceKind = (typeof evidenceKindEnum.enumValues)[number];
export type JudgementOutcome = (typeof judgementOutcomeEnum.enumValues)[number];
export type EvidenceRow = typeof evidence.$inferSelect;
export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;
export type JudgementRow = typeof judgements.$inferSelect;
