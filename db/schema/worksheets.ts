import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './core';

/**
 * Worksheet answers as the learner is typing them: one row per learner and worksheet, overwritten by autosave.
 * `version` makes every save conditional on what the tab last saw, so a stale tab cannot overwrite newer text.
 * The answers' shape (section id -> value) is checked against the worksheet's content definition before it
 * gets here (lib/worksheets/schema.ts).
 */
export const worksheetAnswers = pgTable(
  'worksheet_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    answers: jsonb('answers').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Autosave is audited at most every few minutes (see lib/worksheets/drafts.ts); this is when it last was.
    auditedAt: timestamp('audited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('worksheet_answers_learner_module_key').on(t.learnerId, t.moduleSlug),
    check('worksheet_answers_version_positive', sql`${t.version} > 0`),
  ],
);

/**
 * A worksheet handed to the coach: a snapshot of the answers, never changed or removed (db/sql trigger).
 * Evidence refers to a submission by id, so what the assessor reads is exactly what was handed in.
 */
export const worksheetSubmissions = pgTable(
  'worksheet_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    /** 1 for the first hand-in of this worksheet by this learner, 2 for the next, ... */
    number: integer('number').notNull(),
    answers: jsonb('answers').notNull(),
    /** The worksheet_answers version that was snapshotted: one submission per version, so a double click hands in once. */
    answersVersion: integer('answers_version').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('worksheet_submissions_number_key').on(t.learnerId, t.moduleSlug, t.number),
    uniqueIndex('worksheet_submissions_version_key').on(t.learnerId, t.moduleSlug, t.answersVersion),
    check('worksheet_submissions_number_positive', sql`${t.number} > 0`),
  ],
);

/** A coach's comment on a submission, on one section or (section_id null) the whole worksheet. Append-only. */
export const worksheetComments = pgTable(
  'worksheet_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => worksheetSubmissions.id),
    /** Copied from the submission so every query can be scoped by learner in its WHERE clause. */
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    sectionId: text('section_id'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('worksheet_comments_submission_idx').on(t.submissionId, t.createdAt),
    index('worksheet_comments_learner_idx').on(t.learnerId),
    check('worksheet_comments_body_length', sql`char_length(${t.body}) between 1 and 5000`),
  ],
);

export type WorksheetAnswersRow = typeof worksheetAnswers.$inferSelect;
export type WorksheetSubmissionRow = typeof worksheetSubmissions.$inferSelect;
export type WorksheetCommentRow = typeof worksheetComments.$inferSelect;
