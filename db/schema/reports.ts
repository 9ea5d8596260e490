import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './core';
import { judgementOutcomeEnum, judgements } from './evidence';

/**
 * Portfolio reports (unit 306/696): a learner's editable draft, the immutable versions they submit,
 * the assessor's working notes on a version, and the immutable decisions (referral or sign-off).
 * db/sql/006_reports.sql makes versions, uploads, decisions and judgements unchangeable in the database.
 */

export const reportSourceEnum = pgEnum('report_source', ['editor', 'docx']);
export const reportOutcomeEnum = pgEnum('report_outcome', ['referred', 'signed_off']);

/** A .docx a learner uploaded, kept as uploaded in the FileStore (lib/files) under `storage_key`. */
export const reportUploads = pgTable(
  'report_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    fileName: text('file_name').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_uploads_learner_idx').on(t.learnerId, t.moduleSlug)],
);

/** The one working copy per learner and unit. Edited with optimistic concurrency (version). */
export const reportDrafts = pgTable(
  'report_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    content: text('content').notNull().default(''),
    /** Heading key (see lib/reports/sections.ts) -> assessment criterion ids the learner says it addresses. */
    sectionTags: jsonb('section_tags').$type<Record<string, string[]>>().notNull().default({}),
    source: reportSourceEnum('source').notNull().default('editor'),
    /** Set while the text is exactly what was imported from this upload. */
    uploadId: uuid('upload_id').references(() => reportUploads.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('report_drafts_learner_module_key').on(t.learnerId, t.moduleSlug)],
);

/** What a learner submitted, exactly. Never updated or deleted (db/sql/006_reports.sql). */
export const reportVersions = pgTable(
  'report_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    /** 1, 2, 3 ... per learner and unit. */
    number: integer('number').notNull(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => reportDrafts.id),
    draftVersion: integer('draft_version').notNull(),
    content: text('content').notNull(),
    /** SHA-256 of the content (UTF-8), hex; the database checks it on insert. */
    contentHash: text('content_hash').notNull(),
    totalWords: integer('total_words').notNull(),
    countedWords: integer('counted_words').notNull(),
    /** Sections left out of the count and why, as shown to the learner at submission. */
    excluded: jsonb('excluded').$type<{ heading: string; words: number; reason: string }[]>().notNull(),
    sectionTags: jsonb('section_tags').$type<Record<string, string[]>>().notNull(),
    uploadId: uuid('upload_id').references(() => reportUploads.id),
    declaration: text('declaration').notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('report_versions_number_key').on(t.learnerId, t.moduleSlug, t.number),
    // The same saved draft can be submitted once: a double click or a retried request finds this row.
    uniqueIndex('report_versions_draft_key').on(t.draftId, t.draftVersion),
    check('report_versions_hash_hex', sql`${t.contentHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

export interface AcAssessment {
  outcome?: 'met' | 'not_yet_met';
  feedback?: string;
}
export type RangeMark = 'covered' | 'discussion' | 'not_relevant';
export interface ProfessionalDiscussion {
  heldOn?: string;
  acIds: string[];
  notes: string;
}
export interface AssessmentData {
  acs: Record<string, AcAssessment>;
  range: Record<string, RangeMark>;
  discussion: ProfessionalDiscussion;
  feedback: string;
}

/** The assessor's notes on one submitted version while they work; frozen into a decision. */
export const reportAssessmentDrafts = pgTable('report_assessment_drafts', {
  versionId: uuid('version_id')
    .primaryKey()
    .references(() => reportVersions.id),
  learnerId: uuid('learner_id')
    .notNull()
    .references(() => users.id),
  assessorId: uuid('assessor_id')
    .notNull()
    .references(() => users.id),
  data: jsonb('data').$type<AssessmentData>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A referral or a sign-off of one exact version. Never updated or deleted. */
export const reportDecisions = pgTable(
  'report_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => reportVersions.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    assessorId: uuid('assessor_id')
      .notNull()
      .references(() => users.id),
    outcome: reportOutcomeEnum('outcome').notNull(),
    feedback: text('feedback').notNull(),
    rangeMarks: jsonb('range_marks').$type<Record<string, RangeMark>>().notNull(),
    discussion: jsonb('discussion').$type<ProfessionalDiscussion>().notNull(),
    declaration: text('declaration'),
    /** Bound to the version: the database refuses a hash that is not the version's. */
    contentHash: text('content_hash').notNull(),
    countedWords: integer('counted_words').notNull(),
    /**
     * The sign-off this decision follows on the same version, after an IQA's disagreement took that sign-off out of
     * force (sign_off_supersessions): the version waited for the assessor again. Null for a version's first decision.
     */
    reopensId: uuid('reopens_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One first decision per version, and at most one decision after each superseded sign-off: a single chain.
    // "One sign-off in force per learner and unit" needs the supersessions, so db/sql/011 checks it (under the
    // judging lock) instead of a unique index.
    uniqueIndex('report_decisions_version_key')
      .on(t.versionId)
      .where(sql`${t.reopensId} is null`),
    uniqueIndex('report_decisions_reopens_key').on(t.reopensId),
    index('report_decisions_learner_idx').on(t.learnerId, t.moduleSlug),
    // Lists join a version's decisions by version_id with no condition on reopens_id, which the partial unique index
    // above cannot serve: without this, PostgreSQL reads report_decisions whole (tests/system/query-plans.test.ts).
    index('report_decisions_version_idx').on(t.versionId),
    check('report_decisions_signoff_declared', sql`${t.outcome} <> 'signed_off' or ${t.declaration} is not null`),
  ],
);

/**
 * One row per assessment criterion per decision, citing the report version. The judgement itself is also
 * written to the shared `judgements` table (so the criterion's status is one answer everywhere); this row
 * is the link from that judgement to the exact report version. Never updated or deleted.
 */
export const reportAcJudgements = pgTable(
  'report_ac_judgements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => reportDecisions.id),
    judgementId: uuid('judgement_id')
      .notNull()
      .references(() => judgements.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => reportVersions.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    acId: text('ac_id').notNull(),
    outcome: judgementOutcomeEnum('outcome').notNull(),
    feedback: text('feedback').notNull().default(''),
    assessorId: uuid('assessor_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('report_ac_judgements_decision_ac_key').on(t.decisionId, t.acId),
    index('report_ac_judgements_learner_idx').on(t.learnerId, t.acId, t.at),
    // A sampled judgement's snapshot names the report version it was written with (lib/qa/store.ts): by key.
    index('report_ac_judgements_judgement_idx').on(t.judgementId),
  ],
);

export type ReportDraftRow = typeof reportDrafts.$inferSelect;
export type ReportVersionRow = typeof reportVersions.$inferSelect;
export type ReportDecisionRow = typeof reportDecisions.$inferSelect;
