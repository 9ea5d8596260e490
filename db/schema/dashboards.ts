import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
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

/**
 * The head coach's caseload as an index: per learner one row for all the modules they are enrolled on (module_slug
 * '') and one per enrolled module with criteria, holding the figures the caseload shows, sorts and filters on. Written
 * by lib/dashboards/progress-current.ts with lib/progress's rule, in the transaction that changes an input (evidence,
 * mappings, judgements, sign-offs, enrolments, worksheet hand-ins and comments); name, active and last activity are
 * copied by triggers (db/sql/011_caseload.sql). A page of 25 is then an index range, whatever the size of the centre.
 * Derived data: `npm run -s progress -- rebuild` recomputes it from the records.
 */
export const learnerCaseload = pgTable(
  'learner_caseload',
  {
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull(),
    total: integer('total').notNull().default(0),
    met: integer('met').notNull().default(0),
    notYetMet: integer('not_yet_met').notNull().default(0),
    submitted: integer('submitted').notNull().default(0),
    /** met / total (0 with no criteria): the "least progress first" key. */
    progress: doublePrecision('progress').notNull().default(0),
    /** Where a quiet spell is measured from when the learner never did anything: first enrolment, else the account. */
    since: timestamp('since', { withTimezone: true }).notNull(),
    lastActivity: timestamp('last_activity', { withTimezone: true }),
    worksheetsToReview: integer('worksheets_to_review').notNull().default(0),
    firstWorksheetToReview: uuid('first_worksheet_to_review'),
    /** The content the figures were counted over (a release can add criteria): '' until first computed. */
    contentKey: text('content_key').notNull().default(''),
    /**
     * Units of the row signed off but not complete yet, because a cohort of the learner requires an IQA's
     * countersignature that the sign-off does not have (lib/progress/unit.ts decides it).
     */
    awaitingCountersignature: integer('awaiting_countersignature').notNull().default(0),
    /**
     * Units of the row whose sign-off an IQA's disagreement took out of force, with no new sign-off yet: their criteria
     * may all still be met, but the assessor must decide again before the unit counts (lib/progress/unit.ts).
     */
    signOffSuperseded: integer('sign_off_superseded').notNull().default(0),
    /**
     * "All met": every criterion met and every unit's sign-off in force and, where a cohort requires it, countersigned.
     * Derived here, once, for the caseload's filter and count and for the counters the triggers keep
     * (db/sql/011_caseload.sql).
     */
    complete: boolean('complete')
      .notNull()
      .generatedAlwaysAs(sql`total > 0 and met = total and awaiting_countersignature = 0 and sign_off_superseded = 0`),
  },
  (t) => [
    primaryKey({ columns: [t.learnerId, t.moduleSlug] }),
    index('learner_caseload_name_idx').on(t.moduleSlug, t.name, t.learnerId),
    index('learner_caseload_progress_idx').on(t.moduleSlug, t.progress, t.name, t.learnerId),
    index('learner_caseload_activity_idx').on(t.moduleSlug, t.lastActivity.asc().nullsFirst(), t.name, t.learnerId),
    // The day a quiet spell is measured from: the one day whose learners the counters cannot split at the cut-off.
    index('learner_caseload_quiet_idx').on(t.moduleSlug, sql`coalesce(${t.lastActivity}, ${t.since})`),
    index('learner_caseload_attention_idx').on(
      t.moduleSlug,
      t.worksheetsToReview.desc(),
      t.lastActivity.asc().nullsFirst(),
      t.name,
      t.learnerId,
    ),
  ],
);

/** Per learner and module, the weeks in which the number of criteria met changed (the caseload's trend chart). */
export const learnerMetWeeks = pgTable(
  'learner_met_weeks',
  {
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    /** Weeks since Monday 5 January 1970 (lib/dashboards/progress-cache.ts weekIndex). */
    week: integer('week').notNull(),
    delta: integer('delta').notNull(),
    /** The learner's account is active (copied by db/sql/011_caseload.sql): only active learners are counted. */
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.learnerId, t.moduleSlug, t.week] }), index('learner_met_weeks_week_idx').on(t.week)],
);

/**
 * Learners whose caseload figures may be behind their records: triggers add them when an input changes (a safety net
 * for writes that do not go through lib, such as a seed or a hand-made fix); lib/dashboards/progress-current.ts takes
 * them off once it has recomputed them. `mark` tells a newer change from the one a recomputation saw.
 */
export const progressStale = pgTable('progress_stale', {
  learnerId: uuid('learner_id')
    .primaryKey()
    .references(() => users.id),
  mark: bigserial('mark', { mode: 'number' }).notNull(),
});

/**
 * The caseload's header counts, kept by triggers on learner_caseload and staff_assignments (db/sql/011_caseload.sql)
 * so that the counts for a head coach of 10,000 learners are a few rows, not 10,000. Per owner (a member of staff's
 * assignments, `<staff id>:<role>`, or 'admin' for everyone: lib/permissions.ts scopeOwner), module ('' for all)
 * and the day the learner's quiet spell is measured from (stuck is a matter of time: the days before the cut-off are
 * summed, the cut-off day is counted exactly). Derived data: rebuilt with learner_caseload.
 */
export const caseloadCounters = pgTable(
  'caseload_counters',
  {
    owner: text('owner').notNull(),
    moduleSlug: text('module_slug').notNull(),
    day: integer('day').notNull(),
    n: integer('n').notNull().default(0),
    awaiting: integer('awaiting').notNull().default(0),
    review: integer('review').notNull().default(0),
    complete: integer('complete').notNull().default(0),
    /** STUCK_NOT_YET_MET or more not yet met (stuck whatever the day). */
    nym3: integer('nym3').notNull().default(0),
    /** Not complete and fewer not yet met: stuck once their day is far enough back. */
    quiet: integer('quiet').notNull().default(0),
    awaitingNym3: integer('awaiting_nym3').notNull().default(0),
    awaitingQuiet: integer('awaiting_quiet').notNull().default(0),
    reviewNym3: integer('review_nym3').notNull().default(0),
    reviewQuiet: integer('review_quiet').notNull().default(0),
    worksheetsToReview: bigint('worksheets_to_review', { mode: 'number' }).notNull().default(0),
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    met: bigint('met', { mode: 'number' }).notNull().default(0),
    notYetMet: bigint('not_yet_met', { mode: 'number' }).notNull().default(0),
    submitted: bigint('submitted', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.owner, t.moduleSlug, t.day] })],
);

/** Criteria met per week per owner and module ('' for all), for the trend chart; kept like caseload_counters. */
export const metWeekCounters = pgTable(
  'met_week_counters',
  {
    owner: text('owner').notNull(),
    moduleSlug: text('module_slug').notNull(),
    week: integer('week').notNull(),
    delta: bigint('delta', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.owner, t.moduleSlug, t.week] })],
);
