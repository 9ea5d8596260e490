import { sql } from 'drizzle-orm';
import {
  check,
  date,
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
import { cohorts, users } from './core';

/**
 * Progress reviews (issue 21): a coach and a learner review progress, agree targets and sign. A review is a working
 * draft until every required signer has signed the same content; then it is locked: it binds the SHA-256 of its
 * canonical content, and db/sql/011_reviews.sql refuses any change to it, its signatures or its targets. A correction
 * is a new review that amends the locked one (`amends_id`), never an edit.
 */

/** Who signs. 'employer' signs by single-use link (lib/links): required_signers names who must. */
export const reviewSignerEnum = pgEnum('review_signer', ['coach', 'learner', 'employer']);
export const reviewStatusEnum = pgEnum('review_status', ['draft', 'locked']);
/** What happened to a target after the review: the learner says it is achieved; the coach confirms or not. */
export const targetEventEnum = pgEnum('target_event', ['achieved', 'confirmed', 'not_yet']);

/** How often a cohort's learners are reviewed; a cohort without a row uses the default (lib/reviews/schedule.ts). */
export const reviewSchedules = pgTable(
  'review_schedules',
  {
    cohortId: uuid('cohort_id')
      .primaryKey()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    intervalWeeks: integer('interval_weeks').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('review_schedules_interval', sql`${t.intervalWeeks} between 1 and 52`)],
);

export const progressReviews = pgTable(
  'progress_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    /** The coach who opened it. */
    coachId: uuid('coach_id')
      .notNull()
      .references(() => users.id),
    /** 1 for the learner's first review, 2 for the next (an amendment takes the next number too). */
    number: integer('number').notNull(),
    /** The locked review this one corrects. */
    amendsId: uuid('amends_id'),
    status: reviewStatusEnum('status').notNull().default('draft'),
    requiredSigners: reviewSignerEnum('required_signers')
      .array()
      .notNull()
      .default(sql`'{coach,learner}'::review_signer[]`),
    /** What the coach writes with the learner (validated by reviewContentSchema, lib/reviews/schemas.ts). */
    content: jsonb('content').notNull(),
    /** What the record showed when the review was opened: progress since the last review, last review's targets. */
    record: jsonb('record').notNull(),
    /** Autosave's optimistic concurrency: a save names the version it was typed on. */
    version: integer('version').notNull().default(1),
    /** Set when locked: the day it was held, the canonical JSON that was signed and its SHA-256. */
    heldOn: date('held_on', { mode: 'string' }),
    canonical: text('canonical'),
    contentSha256: text('content_sha256'),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('progress_reviews_number_key').on(t.learnerId, t.number),
    // One open draft per learner, and one amendment per locked review: the history is a single chain.
    uniqueIndex('progress_reviews_one_draft_key')
      .on(t.learnerId)
      .where(sql`${t.status} = 'draft'`),
    uniqueIndex('progress_reviews_amends_key').on(t.amendsId),
    // The schedule: a learner's last locked review, read by learner (caseload, learner home).
    index('progress_reviews_learner_held_idx').on(t.learnerId, t.heldOn),
    check(
      'progress_reviews_locked_together',
      sql`(${t.status} = 'locked') = (${t.lockedAt} is not null and ${t.contentSha256} is not null and ${t.canonical} is not null and ${t.heldOn} is not null)`,
    ),
    check('progress_reviews_sha_hex', sql`${t.contentSha256} is null or ${t.contentSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * One signature: who signed which content (its SHA-256) and how. A signature on content that changed afterwards no
 * longer counts; it stays as a record. `signer_id` is null for someone without an account, who signs by a single-use
 * link (`link_id`; the link's row says who typed which name, when and from where).
 */
export const reviewSignatures = pgTable(
  'review_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => progressReviews.id),
    signer: reviewSignerEnum('signer').notNull(),
    signerId: uuid('signer_id').references(() => users.id),
    signerName: text('signer_name').notNull(),
    /** 'portal' (signed in) or 'link' (a single-use link). */
    method: text('method').notNull().default('portal'),
    /** The single-use link signed through (method 'link'); db/sql/011_reviews.sql checks it is this review's, used. */
    linkId: uuid('link_id'),
    contentSha256: text('content_sha256').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('review_signatures_once_key').on(t.reviewId, t.signer, t.contentSha256),
    check('review_signatures_sha_hex', sql`${t.contentSha256} ~ '^[0-9a-f]{64}$'`),
    check('review_signatures_method', sql`${t.method} in ('portal', 'link')`),
    check('review_signatures_portal_account', sql`${t.method} <> 'portal' or ${t.signerId} is not null`),
    check('review_signatures_link_named', sql`(${t.method} = 'link') = (${t.linkId} is not null)`),
  ],
);

/**
 * A locked review's targets, one row each, written when it locks and never changed (the database checks each against
 * the signed content). `key` stays the same when a target is carried into the next review, so its outcome follows it.
 */
export const reviewTargets = pgTable(
  'review_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => progressReviews.id),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    key: uuid('key').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    moduleSlug: text('module_slug'),
    criterionId: text('criterion_id'),
  },
  (t) => [
    uniqueIndex('review_targets_key').on(t.reviewId, t.key),
    index('review_targets_learner_idx').on(t.learnerId, t.key),
  ],
);

/** What happened to a target, one row per event, never changed: its newest event is its outcome. */
export const reviewTargetEvents = pgTable(
  'review_target_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    targetKey: uuid('target_key').notNull(),
    event: targetEventEnum('event').notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_target_events_key_idx').on(t.learnerId, t.targetKey, t.at)],
);

export type ProgressReviewRow = typeof progressReviews.$inferSelect;
export type ReviewSigner = (typeof reviewSignerEnum.enumValues)[number];
export type TargetEvent = (typeof targetEventEnum.enumValues)[number];
