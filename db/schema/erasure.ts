import { index, pgTable, text, timestamp, uuid, bigint } from 'drizzle-orm/pg-core';
import { users } from './core';

/**
 * Learners erased by an administrator (issue 22, data protection; lib/erasure). Written only by the database's own
 * erasure functions (db/sql/014_erasure.sql), which the app role may call but whose table it may only read. One row per
 * learner: their personal data went at `erased_at`; the assessment decisions the centre must keep stay until the
 * retention job (`npm run -s retention -- run`) erases them, RETENTION_YEARS after `erased_at`, and sets
 * `decisions_erased_at`.
 */
export const learnerErasures = pgTable(
  'learner_erasures',
  {
    learnerId: uuid('learner_id')
      .primaryKey()
      .references(() => users.id),
    /** The name the learner's account now carries ("Erased learner 7f3a"). */
    pseudonym: text('pseudonym').notNull(),
    /** The administrator who erased; null from the command line. */
    erasedBy: uuid('erased_by').references(() => users.id),
    reason: text('reason').notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow(),
    /** The audit row that records the erasure (and counts the audit rows it emptied). */
    auditId: bigint('audit_id', { mode: 'number' }).notNull(),
    decisionsErasedAt: timestamp('decisions_erased_at', { withTimezone: true }),
  },
  (t) => [index('learner_erasures_erased_at_idx').on(t.erasedAt)],
);

export type LearnerErasureRow = typeof learnerErasures.$inferSelect;
