import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { cohorts, reviewSchedules, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import { TIME_ZONE } from '@/lib/format';
import { authorizeAdmin, type Actor } from '@/lib/permissions';
import { DEFAULT_INTERVAL_WEEKS } from './schemas';

/**
 * When each learner's next progress review is due: the day of their last locked review (or, before their first, the
 * day they joined their first cohort) plus their cohort's interval (the shortest, if they are in several; 12 weeks
 * unless an administrator set another). Worked out in the query, so nothing has to be kept in step when a review
 * locks, a learner joins a cohort or an interval changes; each learner costs three probes of an index
 * (progress_reviews_learner_held_idx, cohort_members_learner_idx, the review_schedules key).
 */

interface ReviewDue {
  /** YYYY-MM-DD, or null when the learner is in no cohort and has never been reviewed. */
  dueOn: string | null;
  intervalWeeks: number;
}

/** Today's date where the provider is (UK), as YYYY-MM-DD: a review is overdue from the day after it was due. */
export function todayInUk(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
}

export function isOverdue(dueOn: string | null, now = new Date()): boolean {
  return dueOn !== null && dueOn < todayInUk(now);
}

/**
 * Next review dates of the learners a condition on users.id picks (a caller's scope: scopeCondition for a caseload,
 * one id for a learner's home). Callers authorize first. One query.
 */
export async function reviewDueDates(db: DbOrTx, learners: (learnerId: typeof users.id) => SQL) {
  // Columns are written qualified by hand: drizzle leaves them unqualified in a single-table selection, where
  // `id` would then name the subquery's own column.
  const rows = await db
    .select({
      learnerId: users.id,
      dueOn: sql<string | null>`(${reviewDueOn(sql`"users"."id"`)})::text`,
      intervalWeeks: sql<number>`(${intervalOf(sql`"users"."id"`)})::int`,
    })
    .from(users)
    .where(learners(users.id));
  return new Map<string, ReviewDue>(
    rows.map((r) => [
      r.learnerId,
      { dueOn: r.dueOn ? r.dueOn.slice(0, 10) : null, intervalWeeks: Number(r.intervalWeeks) },
    ]),
  );
}

/** The day a learner's next review is due, as an SQL date expression on a learner-id column (null: no cohort, no review). */
export function reviewDueOn(learnerId: SQL): SQL {
  return sql`(coalesce(
        (select max(r.held_on) from progress_reviews r where r.learner_id = ${learnerId} and r.status = 'locked'),
        (select min(cm.added_at)::date from cohort_members cm where cm.learner_id = ${learnerId})
      ) + 7 * (${intervalOf(learnerId)}))`;
}

function intervalOf(learnerId: SQL): SQL {
  return sql`select coalesce(min(coalesce(s.interval_weeks, ${DEFAULT_INTERVAL_WEEKS})), ${DEFAULT_INTERVAL_WEEKS})
    from cohort_members cm left join review_schedules s on s.cohort_id = cm.cohort_id where cm.learner_id = ${learnerId}`;
}

export async function reviewDueOf(db: DbOrTx, learnerId: string): Promise<ReviewDue> {
  return (
    (await reviewDueDates(db, (id) => eq(id, learnerId))).get(learnerId) ?? {
      dueOn: null,
      intervalWeeks: DEFAULT_INTERVAL_WEEKS,
    }
  );
}

/** A cohort's interval between reviews, in weeks. */
async function cohortReviewInterval(db: DbOrTx, cohortId: string): Promise<number> {
  const [row] = await db
    .select({ weeks: reviewSchedules.intervalWeeks })
    .from(reviewSchedules)
    .where(eq(reviewSchedules.cohortId, cohortId));
  return row?.weeks ?? DEFAULT_INTERVAL_WEEKS;
}

/** An administrator sets how often a cohort's learners are reviewed. Audited. */
export async function setReviewInterval(actor: Actor, input: { cohortId: string; weeks: number }) {
  authorizeAdmin(actor);
  return getDb().transaction(async (tx) => {
    const [cohort] = await tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, input.cohortId));
    if (!cohort) throw new NotFoundError('We could not find that cohort.');
    const before = await cohortReviewInterval(tx, input.cohortId);
    await tx
      .insert(reviewSchedules)
      .values({ cohortId: input.cohortId, intervalWeeks: input.weeks, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: reviewSchedules.cohortId,
        set: { intervalWeeks: input.weeks, updatedBy: actor.id, updatedAt: sql`now()` },
        where: and(eq(reviewSchedules.cohortId, input.cohortId)),
      });
    await audit(tx, {
      actorId: actor.id,
      action: 'review.schedule.set',
      subjectType: 'cohort',
      subjectId: input.cohortId,
      before: { intervalWeeks: before },
      after: { intervalWeeks: input.weeks },
    });
    return { cohortId: input.cohortId, weeks: input.weeks };
  });
}

/** The interval as an administrator's cohort page shows it. */
export async function reviewIntervalForAdmin(actor: Actor, cohortId: string): Promise<number> {
  authorizeAdmin(actor);
  return cohortReviewInterval(getDb(), cohortId);
}
