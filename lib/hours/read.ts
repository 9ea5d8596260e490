import 'server-only';
import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import { cohortHourPlans, enrolments, learningHours } from '@/db/schema';
import { getModule } from '@/lib/content';
import { ukDayOf } from '@/lib/format';
import { assertAccess, authorize, authorizeAdmin, learnerScope, type Actor } from '@/lib/permissions';
import { addDays, mondayOf, plannedToDate } from './weeks';

const WEEKS_SHOWN = 8;

interface HoursEntry {
  id: string;
  spentOn: string;
  minutes: number;
  activity: string;
  moduleCode: string | null;
}

interface HoursWeek {
  /** The Monday the week starts on (UK days). */
  start: string;
  minutes: number;
}

export interface HoursSummary {
  totalMinutes: number;
  entryCount: number;
  thisWeekMinutes: number;
  /** The cohort's plan (the highest among the learner's cohorts), from the day the learner joined it; null: none. */
  plan: { minutesPerWeek: number; since: string; plannedToDate: number } | null;
  /** The last WEEKS_SHOWN weeks, oldest first, this week last. */
  weeks: HoursWeek[];
  /** Newest first. */
  entries: HoursEntry[];
}

/**
 * A learner's learning hours against their cohort's plan, for the learner's own page, their coach's view and the
 * review form. Withdrawn entries are in no figure.
 */
export async function hoursSummary(
  actor: Actor,
  learnerId: string,
  { limit = 50 }: { limit?: number } = {},
  db: DbOrTx = getDb(),
): Promise<HoursSummary> {
  await authorize(actor, 'hours.view', learnerId, db);
  const today = ukDayOf(new Date());
  const thisMonday = mondayOf(today);
  const firstMonday = addDays(thisMonday, -7 * (WEEKS_SHOWN - 1));
  const live = and(eq(learningHours.learnerId, learnerId), isNull(learningHours.withdrawnAt));
  const [entries, [totals], recent, [plan]] = await Promise.all([
    db
      .select({
        id: learningHours.id,
        spentOn: learningHours.spentOn,
        minutes: learningHours.minutes,
        activity: learningHours.activity,
        moduleSlug: learningHours.moduleSlug,
      })
      .from(learningHours)
      .where(live)
      .orderBy(desc(learningHours.spentOn), desc(learningHours.createdAt))
      .limit(limit),
    db
      .select({ minutes: sql<string>`coalesce(sum(${learningHours.minutes}), 0)`, n: sql<string>`count(*)` })
      .from(learningHours)
      .where(live),
    db
      .select({ spentOn: learningHours.spentOn, minutes: sql<string>`sum(${learningHours.minutes})` })
      .from(learningHours)
      .where(and(live, gte(learningHours.spentOn, firstMonday)))
      .groupBy(learningHours.spentOn),
    planOf(db, learnerId),
  ]);
  const weeks: HoursWeek[] = Array.from({ length: WEEKS_SHOWN }, (_, i) => ({
    start: addDays(firstMonday, 7 * i),
    minutes: 0,
  }));
  for (const r of recent) {
    const week = weeks.find((w) => w.start === mondayOf(r.spentOn));
    if (week) week.minutes += Number(r.minutes);
  }
  return {
    totalMinutes: Number(totals?.minutes ?? 0),
    entryCount: Number(totals?.n ?? 0),
    thisWeekMinutes: weeks.at(-1)!.minutes,
    plan: plan
      ? {
          minutesPerWeek: plan.minutesPerWeek,
          since: plan.since,
          plannedToDate: plannedToDate(plan.minutesPerWeek, plan.since, today),
        }
      : null,
    weeks,
    entries: entries.map((e) => ({
      id: e.id,
      spentOn: e.spentOn,
      minutes: e.minutes,
      activity: e.activity,
      moduleCode: e.moduleSlug ? (getModule(e.moduleSlug)?.code ?? e.moduleSlug) : null,
    })),
  };
}

/** The learner's plan: the highest weekly plan among their cohorts, counted from the day they joined that cohort. */
async function planOf(db: DbOrTx, learnerId: string) {
  const rows = rowsOf<{ minutes_per_week: number; added_at: string | Date }>(
    await db.execute(sql`
      select p.minutes_per_week, m.added_at from cohort_members m
      join cohort_hour_plans p on p.cohort_id = m.cohort_id
      where m.learner_id = ${learnerId} and p.minutes_per_week > 0
      order by p.minutes_per_week desc, m.added_at asc limit 1`),
  );
  return rows.map((r) => ({ minutesPerWeek: Number(r.minutes_per_week), since: ukDayOf(new Date(r.added_at)) }));
}

/** Time logged on or after a day (everything with none), for a review's record. Callers authorize first. */
export async function hoursSince(db: DbOrTx, learnerId: string, since: string | null) {
  const [row] = await db
    .select({ minutes: sql<string>`coalesce(sum(${learningHours.minutes}), 0)`, n: sql<string>`count(*)` })
    .from(learningHours)
    .where(
      and(
        eq(learningHours.learnerId, learnerId),
        isNull(learningHours.withdrawnAt),
        since ? gte(learningHours.spentOn, since) : undefined,
      ),
    );
  return { minutes: Number(row?.minutes ?? 0), entries: Number(row?.n ?? 0) };
}

/** The modules a learner may log time against: those they are enrolled on. Callers authorize first. */
export async function loggableModules(db: DbOrTx, learnerId: string) {
  const rows = await db
    .select({ slug: enrolments.moduleSlug })
    .from(enrolments)
    .where(eq(enrolments.learnerId, learnerId));
  return rows.flatMap((r) => {
    const m = getModule(r.slug);
    return m ? [{ slug: r.slug, label: `${m.code} ${m.title}` }] : [];
  });
}

/** A cohort's planned hours per week, for its administration page (0: none planned). */
export async function hourPlanForAdmin(actor: Actor, cohortId: string, db: DbOrTx = getDb()): Promise<number> {
  authorizeAdmin(actor);
  const [row] = await db
    .select({ minutes: cohortHourPlans.minutesPerWeek })
    .from(cohortHourPlans)
    .where(eq(cohortHourPlans.cohortId, cohortId));
  return (row?.minutes ?? 0) / 60;
}

interface CohortHoursRow {
  learnerId: string;
  name: string;
  loggedMinutes: number;
  /** The cohort's plan from the day this learner joined it, to today; null when the cohort plans none. */
  plannedMinutes: number | null;
}

export interface CohortHours {
  cohorts: { id: string; name: string }[];
  cohort: { id: string; name: string; minutesPerWeek: number } | null;
  rows: CohortHoursRow[];
}

/**
 * Planned against logged hours for every learner of one cohort the actor may read (the coach's own learners, an
 * administrator's all), for the coach's cohort chart; and the cohorts that hold such learners, to choose from.
 */
export async function cohortHours(
  actor: Actor,
  cohortId: string | undefined,
  db: DbOrTx = getDb(),
): Promise<CohortHours> {
  assertAccess(actor, 'coaching');
  const inScope = (column: string) => learnerScope(actor, 'hours.view', sql.raw(column));
  const cohorts = rowsOf<{ id: string; name: string }>(
    await db.execute(sql`select co.id, co.name from cohorts co where exists (select 1 from cohort_members m
      where m.cohort_id = co.id and ${inScope('m.learner_id')}) order by co.name`),
  );
  const chosen = cohorts.find((c) => c.id === cohortId) ?? cohorts[0];
  if (!chosen) return { cohorts, cohort: null, rows: [] };
  const today = ukDayOf(new Date());
  const [plan] = await db
    .select({ minutes: cohortHourPlans.minutesPerWeek })
    .from(cohortHourPlans)
    .where(eq(cohortHourPlans.cohortId, chosen.id));
  const minutesPerWeek = plan?.minutes ?? 0;
  const rows = rowsOf<{ learner_id: string; name: string; added_at: string | Date; minutes: string }>(
    await db.execute(sql`
      select m.learner_id, u.name, m.added_at,
        (select coalesce(sum(h.minutes), 0) from learning_hours h
          where h.learner_id = m.learner_id and h.withdrawn_at is null) as minutes
      from cohort_members m join users u on u.id = m.learner_id
      where m.cohort_id = ${chosen.id} and u.active and ${inScope('m.learner_id')}
      order by u.name, m.learner_id`),
  );
  return {
    cohorts,
    cohort: { ...chosen, minutesPerWeek },
    rows: rows.map((r) => ({
      learnerId: r.learner_id,
      name: r.name,
      loggedMinutes: Number(r.minutes),
      plannedMinutes: minutesPerWeek ? plannedToDate(minutesPerWeek, ukDayOf(new Date(r.added_at)), today) : null,
    })),
  };
}
