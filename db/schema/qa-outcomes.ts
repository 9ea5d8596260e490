import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cohorts, users } from './core';
import { judgements } from './evidence';
import { qaActions, qaDecisions } from './quality';
import { reportDecisions, reportVersions } from './reports';

/**
 * What follows from an IQA's verdicts (issue 20, the decisions half): a centre's QA settings per cohort, the
 * countersignature of a sign-off, a sign-off superseded by an IQA's disagreement, and the assessor's responses to
 * action points. Countersignatures, supersessions and responses are records (db/sql/011_qa_countersign.sql makes
 * them append-only and checks what each binds); settings are changed by an administrator, every change audited.
 */

/** A centre's quality-assurance choices for one cohort. No row: both off. */
export const cohortQaSettings = pgTable('cohort_qa_settings', {
  cohortId: uuid('cohort_id')
    .primaryKey()
    .references(() => cohorts.id, { onDelete: 'cascade' }),
  /** A sign-off counts as complete for certification only once an IQA has countersigned it. */
  countersignRequired: boolean('countersign_required').notNull().default(false),
  /** Learners see "under quality review" on their own criteria while an IQA's disagreement is open. */
  showReviewToLearners: boolean('show_review_to_learners').notNull().default(false),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An IQA's countersignature of a sign-off: binds the signed-off version's SHA-256, as the sign-off does. One per
 * sign-off; never changed. The database refuses it for the IQA's own sign-off, a decision that is not a sign-off in
 * force, a hash that is not the version's, and an IQA who does not quality-assure one of the learner's cohorts.
 */
export const reportCountersignatures = pgTable(
  'report_countersignatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportDecisionId: uuid('report_decision_id')
      .notNull()
      .references(() => reportDecisions.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => reportVersions.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    iqaId: uuid('iqa_id')
      .notNull()
      .references(() => users.id),
    contentHash: text('content_hash').notNull(),
    declaration: text('declaration').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('report_countersignatures_decision_key').on(t.reportDecisionId),
    index('report_countersignatures_learner_idx').on(t.learnerId, t.moduleSlug),
    check('report_countersignatures_hash_hex', sql`${t.contentHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * A sign-off an IQA disagreed with: the sign-off stays recorded; this row, linked to the IQA's disagreeing decision,
 * takes it out of force, and the signed-off version waits for the assessor's decision again.
 */
export const signOffSupersessions = pgTable(
  'sign_off_supersessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportDecisionId: uuid('report_decision_id')
      .notNull()
      .references(() => reportDecisions.id),
    qaDecisionId: uuid('qa_decision_id')
      .notNull()
      .references(() => qaDecisions.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    supersededBy: uuid('superseded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sign_off_supersessions_decision_key').on(t.reportDecisionId),
    uniqueIndex('sign_off_supersessions_qa_decision_key').on(t.qaDecisionId),
    index('sign_off_supersessions_learner_idx').on(t.learnerId, t.moduleSlug),
  ],
);

/**
 * The assessor's response to an action point, before the IQA closes it. Several are allowed (a reply, then what was
 * done); never changed. `judgement_id` links the re-judgement the assessor had recorded by then, if any.
 */
export const qaActionResponses = pgTable(
  'qa_action_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => qaActions.id),
    assessorId: uuid('assessor_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    judgementId: uuid('judgement_id').references(() => judgements.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('qa_action_responses_action_idx').on(t.actionId, t.createdAt),
    check('qa_action_responses_text', sql`length(${t.text}) between 1 and 5000`),
  ],
);

export type CohortQaSettingsRow = typeof cohortQaSettings.$inferSelect;
