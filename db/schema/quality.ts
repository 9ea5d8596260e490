import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cohorts, users } from './core';
import { judgements } from './evidence';
import { reportDecisions } from './reports';

/**
 * Quality assurance (issue 20): internal quality assurers (IQAs) sample assessors' decisions by a stored, versioned
 * plan, agree or disagree with them, and set actions; external quality assurers (EQAs) read the samples a centre
 * shares for a visit. Plans, samples, their items and IQA decisions are records (db/sql/010_quality.sql makes them
 * append-only); an action's only change is being closed.
 */

export const qaItemKindEnum = pgEnum('qa_item_kind', ['judgement', 'sign_off']);
export const qaVerdictEnum = pgEnum('qa_verdict', ['agree', 'disagree']);

/**
 * Being an IQA is a capability of a staff account, not a login of its own: an assessor (or coach, or admin) holding
 * a row here quality-assures that cohort's assessment decisions, and still never their own (lib/qa, and the database).
 */
export const iqaCohorts = pgTable(
  'iqa_cohorts',
  {
    iqaId: uuid('iqa_id')
      .notNull()
      .references(() => users.id),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    assignedBy: uuid('assigned_by').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.iqaId, t.cohortId] }), index('iqa_cohorts_cohort_idx').on(t.cohortId)],
);

/** One version of a cohort's sampling plan. A change is a new row with the next version; rows never change. */
export const samplingPlans = pgTable(
  'sampling_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    /** Validated by planRulesSchema (lib/qa/plan.ts) before it is stored. */
    rules: jsonb('rules').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sampling_plans_cohort_version_key').on(t.cohortId, t.version),
    check('sampling_plans_version_positive', sql`${t.version} >= 1`),
  ],
);

/** One draw: which plan version, which seed and period, who drew it. With the same data, the same draw again. */
export const qaSamples = pgTable(
  'qa_samples',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => samplingPlans.id),
    planVersion: integer('plan_version').notNull(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    seed: text('seed').notNull(),
    periodFrom: timestamp('period_from', { withTimezone: true }).notNull(),
    periodTo: timestamp('period_to', { withTimezone: true }).notNull(),
    /** How many decisions the draw chose from (after leaving out the IQA's own and those sampled before). */
    candidateCount: integer('candidate_count').notNull(),
    drawnBy: uuid('drawn_by')
      .notNull()
      .references(() => users.id),
    drawnAt: timestamp('drawn_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('qa_samples_cohort_idx').on(t.cohortId, t.drawnAt),
    check('qa_samples_period', sql`${t.periodFrom} < ${t.periodTo}`),
  ],
);

/**
 * One sampled decision: a criterion judgement (interim) or a report sign-off (summative), why it was drawn, and a
 * snapshot of what the assessor decided on, frozen at the draw (evidence texts, file hashes, judgement history,
 * report version hash and word count), with the SHA-256 of the snapshot's canonical JSON.
 */
export const qaSampleItems = pgTable(
  'qa_sample_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sampleId: uuid('sample_id')
      .notNull()
      .references(() => qaSamples.id),
    position: integer('position').notNull(),
    kind: qaItemKindEnum('kind').notNull(),
    judgementId: uuid('judgement_id').references(() => judgements.id),
    reportDecisionId: uuid('report_decision_id').references(() => reportDecisions.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    assessorId: uuid('assessor_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    /** Null for a sign-off (it covers the unit's criteria). */
    criterionId: text('criterion_id'),
    /** Evidence kinds the decision rested on (assessment methods); ['report'] for a sign-off. */
    methods: text('methods')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    /** [{ rule, text }]: which rule of the plan drew it, in words. */
    reasons: jsonb('reasons').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    snapshotSha256: text('snapshot_sha256').notNull(),
  },
  (t) => [
    uniqueIndex('qa_sample_items_position_key').on(t.sampleId, t.position),
    index('qa_sample_items_judgement_idx').on(t.judgementId),
    index('qa_sample_items_decision_idx').on(t.reportDecisionId),
    index('qa_sample_items_learner_idx').on(t.learnerId, t.criterionId),
    index('qa_sample_items_assessor_idx').on(t.assessorId),
    check(
      'qa_sample_items_subject',
      sql`(${t.kind} = 'judgement' and ${t.judgementId} is not null and ${t.reportDecisionId} is null)
    or (${t.kind} = 'sign_off' and ${t.reportDecisionId} is not null and ${t.judgementId} is null)`,
    ),
    check('qa_sample_items_sha_hex', sql`${t.snapshotSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * An IQA's verdict on a sampled decision. Never changed: a later view is a new row that supersedes the current one
 * (`supersedes_id`), so each item has one chain of decisions and its newest link is the current verdict.
 */
export const qaDecisions = pgTable(
  'qa_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => qaSampleItems.id),
    iqaId: uuid('iqa_id')
      .notNull()
      .references(() => users.id),
    verdict: qaVerdictEnum('verdict').notNull(),
    feedback: text('feedback').notNull().default(''),
    supersedesId: uuid('supersedes_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('qa_decisions_item_idx').on(t.itemId, t.createdAt),
    // One first decision per item, and one successor per decision: the history is a single chain.
    uniqueIndex('qa_decisions_first_key')
      .on(t.itemId)
      .where(sql`${t.supersedesId} is null`),
    uniqueIndex('qa_decisions_supersedes_key').on(t.supersedesId),
  ],
);

/** An action point set with a decision, with a due date; closing it (by an IQA) is its only change. */
export const qaActions = pgTable(
  'qa_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => qaDecisions.id),
    text: text('text').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    closingNote: text('closing_note'),
  },
  (t) => [
    index('qa_actions_decision_idx').on(t.decisionId),
    index('qa_actions_open_idx')
      .on(t.dueOn)
      .where(sql`${t.closedAt} is null`),
    check('qa_actions_closed_together', sql`(${t.closedAt} is null) = (${t.closedBy} is null)`),
  ],
);

/**
 * An awarding body's visit: the EQA account may read the samples shared with the visit between `starts_at` and
 * `ends_at`, and nothing else; outside those dates the account is refused on every request (lib/permissions.ts).
 */
export const eqaVisits = pgTable(
  'eqa_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eqaId: uuid('eqa_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    /** The awarding body the EQA visits for. */
    organisation: text('organisation').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('eqa_visits_eqa_idx').on(t.eqaId, t.endsAt),
    check('eqa_visits_dates', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

/** Which samples a centre shares with a visit. */
export const eqaVisitSamples = pgTable(
  'eqa_visit_samples',
  {
    visitId: uuid('visit_id')
      .notNull()
      .references(() => eqaVisits.id),
    sampleId: uuid('sample_id')
      .notNull()
      .references(() => qaSamples.id),
    sharedBy: uuid('shared_by')
      .notNull()
      .references(() => users.id),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.sampleId] }), index('eqa_visit_samples_sample_idx').on(t.sampleId)],
);

export type QaItemKind = (typeof qaItemKindEnum.enumValues)[number];
export type QaVerdict = (typeof qaVerdictEnum.enumValues)[number];
export type SamplingPlanRow = typeof samplingPlans.$inferSelect;
export type QaSampleRow = typeof qaSamples.$inferSelect;
export type QaSampleItemRow = typeof qaSampleItems.$inferSelect;
export type QaDecisionRow = typeof qaDecisions.$inferSelect;
export type QaActionRow = typeof qaActions.$inferSelect;
export type EqaVisitRow = typeof eqaVisits.$inferSelect;
