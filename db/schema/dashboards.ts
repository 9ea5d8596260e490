import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cohorts, staffRoleEnum, users } from './core';

/**
 * Staff assigned to a whole cohort. Permissions never read this table: assigning a cohort writes one
 * staff_assignments row per learner. It is remembered so that a learner who joins the cohort later
 * (added by hand or by CSV import) gets the cohort's assessor and coach too.
 */
export const cohortStaff = pgTable(
  'cohort_staff',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => users.id),
    staffRole: staffRoleEnum('staff_role').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.staffId, t.staffRole] }), index('cohort_staff_staff_idx').on(t.staffId)],
);

/**
 * Dashboard figures per learner, kept so a page about 1,000 learners does not recount 100,000 criteria on every
 * load. A row is a cache, not a record: `fingerprint` describes the learner's status inputs (how many judgements,
 * mappings and pieces of evidence, and the newest activity position of each) when `data` was computed, and a
 * reader recomputes whenever the current fingerprint differs. Deleting rows is always safe.
 */
export const learnerProgressCache = pgTable('learner_progress_cache', {
  learnerId: uuid('learner_id')
    .primaryKey()
    .references(() => users.id),
  fingerprint: text('fingerprint').notNull(),
  /** Which criteria the figures were counted over (content can change between releases). */
  contentKey: text('content_key').notNull(),
  data: jsonb('data').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Per learner, kept up to date by triggers (migration 0006) so dashboards read one row instead of scanning a
 * learner's whole record: `statusVersion` goes up with every change to their evidence, mappings or judgements
 * (the inputs of a criterion's status), and `lastActivity` is when they last did something themselves (saved or
 * mapped evidence, replied to feedback, saved or handed in a worksheet, saved or submitted their report).
 * Like learner_progress_cache it is derived data: the migration rebuilds it from the records.
 */
export const learnerActivity = pgTable('learner_activity', {
  learnerId: uuid('learner_id')
    .primaryKey()
    .references(() => users.id),
  statusVersion: bigint('status_version', { mode: 'number' }).notNull().default(0),
  lastActivity: timestamp('last_activity', { withTimezone: true }),
});
