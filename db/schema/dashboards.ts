import { index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cohorts, staffRoleEnum, users } from './core';

/**
 * Staff assigned to a whole cohort. Permissions never read this table: assigning a cohort writes one
 * staff_assignments row per learner. It is remembered so that a learner who joins the cohort later
 * (added by hand or by CSV import) gets the cohort's assessor and coach too.
 */
export const cohortStaff = pgTable('cohort_staff', {
  cohortId: uuid('cohort_id').notNull().references(() => cohorts.id, { onDelete: 'cascade' }),
  staffId: uuid('staff_id').notNull().references(() => users.id),
  staffRole: staffRoleEnum('staff_role').notNull(),
  assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.cohortId, t.staffId, t.staffRole] }),
  index('cohort_staff_staff_idx').on(t.staffId),
]);
