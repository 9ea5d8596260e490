import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './core';
import { evidence } from './evidence';

/**
 * Signed learner records brought in from another Criterion (issue 22, lib/record/import.ts). What the other centre
 * decided is kept apart from this centre's own judgements: a recognised prior decision names who decided, where and
 * when, and never counts as a judgement here (a criterion's status stays this centre's assessors' to give).
 */

/** One imported record: which signed export, from whom, checked with which key. Importing it again changes nothing. */
export const recordImports = pgTable(
  'record_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The record's own id (record.json recordId), chosen by the exporting Criterion. */
    recordId: uuid('record_id').notNull(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    issuerName: text('issuer_name').notNull(),
    issuerUrl: text('issuer_url'),
    kid: text('kid').notNull(),
    /** SHA-256 of the signed manifest.json: the exact record that was checked. */
    manifestSha256: text('manifest_sha256').notNull(),
    exportedAt: timestamp('exported_at', { withTimezone: true }).notNull(),
    /** Null when imported from the command line. */
    importedBy: uuid('imported_by').references(() => users.id),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    summary: jsonb('summary').notNull(),
  },
  (t) => [
    uniqueIndex('record_imports_record_key').on(t.recordId),
    index('record_imports_learner_idx').on(t.learnerId),
    check('record_imports_manifest_hex', sql`${t.manifestSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Evidence that came with an imported record: which item of the other centre it was, so it is brought in once. */
export const importedEvidence = pgTable(
  'imported_evidence',
  {
    evidenceId: uuid('evidence_id')
      .primaryKey()
      .references(() => evidence.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    importId: uuid('import_id')
      .notNull()
      .references(() => recordImports.id),
    sourceId: uuid('source_id').notNull(),
    /** Who recorded it at the other centre (an observation by their assessor, say). */
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [uniqueIndex('imported_evidence_source_key').on(t.learnerId, t.sourceId)],
);

export const priorDecisionKindEnum = pgEnum('prior_decision_kind', ['judgement', 'sign_off']);

/**
 * A decision another centre made (a criterion judgement or a report sign-off), recognised here as prior learning:
 * shown as theirs, with who, where and when. Never updated or deleted (db/sql/012_records.sql).
 */
export const priorDecisions = pgTable(
  'prior_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    importId: uuid('import_id')
      .notNull()
      .references(() => recordImports.id),
    sourceId: uuid('source_id').notNull(),
    kind: priorDecisionKindEnum('kind').notNull(),
    moduleSlug: text('module_slug').notNull(),
    /** Null for a report sign-off (it covers the unit). */
    criterionId: text('criterion_id'),
    outcome: text('outcome').notNull(),
    feedback: text('feedback').notNull().default(''),
    decidedBy: text('decided_by').notNull(),
    decidedByEmail: text('decided_by_email'),
    /** The centre: the issuer's address, or its name when it gave none. */
    centre: text('centre').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    /** For a sign-off: the SHA-256 of the report text the assessor signed. */
    contentHash: text('content_hash'),
  },
  (t) => [
    uniqueIndex('prior_decisions_source_key').on(t.learnerId, t.sourceId),
    index('prior_decisions_learner_idx').on(t.learnerId, t.criterionId),
  ],
);

export type PriorDecisionRow = typeof priorDecisions.$inferSelect;

export const authorshipSourceEnum = pgEnum('authorship_source', ['editor', 'docx']);

/**
 * How a learner's report draft grew (issue 22, authorship evidence): one row per autosave that changed the text, with
 * word counts only, never text (the versions already hold the text that matters) and no keystrokes. `pasted_words`
 * is the largest single paste since the save before, as the editor saw it. Never changed or removed.
 */
export const reportAuthorship = pgTable(
  'report_authorship',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    draftVersion: integer('draft_version').notNull(),
    source: authorshipSourceEnum('source').notNull(),
    words: integer('words').notNull(),
    wordsAdded: integer('words_added').notNull(),
    wordsRemoved: integer('words_removed').notNull(),
    pastedWords: integer('pasted_words').notNull().default(0),
    largePaste: boolean('large_paste').notNull().default(false),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_authorship_learner_idx').on(t.learnerId, t.moduleSlug, t.at)],
);
