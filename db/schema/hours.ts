import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cohorts, users } from './core';

/**
 * Learning hours (issue 21): the time a learner spends on their programme, logged by the learner, read by their coach
 * against the hours their cohort plans. An entry logged in error is withdrawn (`withdrawn_at`), not deleted, so the
 * totals a signed review quoted can still be traced.
 */
export const learningHours = pgTable(
  'learning_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    spentOn: date('spent_on').notNull(),
    minutes: integer('minutes').notNull(),
    activity: text('activity').notNull(),
    /** The module the time was for, if the learner said. */
    moduleSlug: text('module_slug'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('learning_hours_learner_idx').on(t.learnerId, t.spentOn),
    check('learning_hours_minutes', sql`${t.minutes} between 1 and 1440`),
    check('learning_hours_activity', sql`length(${t.activity}) between 1 and 300`),
  ],
);

/** The learning time a cohort plans per week; a cohort without a row plans none (nothing to compare against). */
export const cohortHourPlans = pgTable(
  'cohort_hour_plans',
  {
    cohortId: uuid('cohort_id')
      .primaryKey()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    minutesPerWeek: integer('minutes_per_week').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('cohort_hour_plans_minutes', sql`${t.minutesPerWeek} between 0 and 10080`)],
);
