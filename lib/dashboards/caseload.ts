import 'server-only';
import { inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import { assessableItems, getModule, listModules } from '@/lib/content';
import { scopeOwner, type Actor } from '@/lib/permissions';
import { isOverdue, reviewDueDates, reviewDueOn, todayInUk } from '@/lib/reviews/schedule';
import { idList, weekEnd, weekIndex } from './progress-cache';
import { catchUp } from './progress-current';
import { requireStaff, scopeCondition } from './scope';
import {
  STUCK_AFTER_DAYS,
  STUCK_NOT_YET_MET,
  type Caseload,
  type CaseloadFilters,
  type CaseloadRow,
  type CaseloadStatus,
  type ModuleProgress,
  type Trend,
  type TrendPoint,
} from './types';

const DAY = 86_400_000;
const collator = new Intl.Collator('en-GB');
/** 25 cards a page keeps the page light (render time grows with cards). */
const CASELOAD_PAGE_SIZE = 25;
/** Learners a page load may recompute when writes outside lib left them behind (see progress-current.ts). */
const CATCH_UP_PER_LOAD = 200;

function nextReviewOf(dueOn: string | null, now: Date): CaseloadRow['nextReview'] {
  return { dueOn, overdue: isOverdue(dueOn, now) };
}

/** Modules a dashboard reports progress on: those with criteria (a worksheet has none of its own). */
export function progressModules() {
  return listModules()
    .filter((m) => assessableItems(m.slug).length > 0)
    .map((m) => ({ slug: m.slug, code: m.code, title: m.title }));
}

interface IndexRow extends Record<string, unknown> {
  learner_id: string;
  module_slug: string;
  name: string;
  total: number;
  met: number;
  not_yet_met: number;
  submitted: number;
  since: string | Date;
  last_activity: string | Date | null;
  worksheets_to_review: number;
  first_worksheet_to_review: string | null;
  complete: boolean;
  awaiting_countersignature: number;
  sign_off_superseded: number;
  stuck: boolean;
}

const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
const progressOfRow = (r: Pick<IndexRow, 'total' | 'met' | 'not_yet_met' | 'submitted'>): ModuleProgress => {
  const [total, met, notYetMet, submitted] = [r.total, r.met, r.not_yet_met, r.submitted].map(Number);
  return { total, met, notYetMet, submitted, noEvidence: total - met - notYetMet - submitted };
};

/**
 * The caseload's statuses as conditions on learner_caseload (alias c), so the index answers "who is stuck" and the
 * counters count it. Stuck: not all met and quiet for STUCK_AFTER_DAYS since their last activity (or enrolment), or
 * STUCK_NOT_YET_MET criteria not yet met. The quiet spell depends on the time, so it is a range on the stored date.
 */
function statusConditions(now: Date): Record<CaseloadStatus, SQL> {
  const cutoff = new Date(now.getTime() - STUCK_AFTER_DAYS * DAY).toISOString();
  // All criteria met and, where a cohort requires it, every sign-off countersigned (learner_caseload.complete).
  const complete = sql`c.complete`;
  const stuck = sql`(c.not_yet_met >= ${STUCK_NOT_YET_MET} or (not ${complete} and coalesce(c.last_activity, c.since) <= ${cutoff}::timestamptz))`;
  return {
    stuck,
    awaiting: sql`(c.submitted > 0)`,
    review: sql`(c.worksheets_to_review > 0)`,
    complete,
    'on-track': sql`(not ${complete} and not ${stuck})`,
    // Worked out per learner from the reviews (lib/reviews/schedule.ts), not kept in learner_caseload: this filter,
    // its count and the review sort cost in proportion to the learners in scope (issue 19 leaves it to move into the
    // maintained index).
    overdue: sql`(${reviewDueOn(sql.raw('c.learner_id'))} < ${todayInUk(now)}::date)`,
  };
}

/** Index order of each sort (learner_caseload's indexes); "needs attention" puts the stuck first, in two ranges. */
const ORDER: Record<NonNullable<CaseloadFilters['sort']>, SQL> = {
  name: sql`c.name, c.learner_id`,
  progress: sql`c.progress, c.name, c.learner_id`,
  activity: sql`c.last_activity asc nulls first, c.name, c.learner_id`,
  attention: sql`c.worksheets_to_review desc nulls last, c.last_activity asc nulls first, c.name, c.learner_id`,
  // Soonest (or most overdue) progress review first; learners with no date last.
  review: sql`${reviewDueOn(sql.raw('c.learner_id'))} asc nulls last, c.name, c.learner_id`,
};

const COLUMNS = sql`c.learner_id, c.module_slug, c.name, c.total, c.met, c.not_yet_met, c.submitted, c.since,
  c.last_activity, c.worksheets_to_review, c.first_worksheet_to_review, c.complete, c.awaiting_countersignature,
  c.sign_off_superseded`;

/**
 * A coach's (or assessor's, or admin's) caseload, one page of it: each listed learner with progress per module
 * (statuses decided by lib/progress, kept per learner in learner_caseload by progress-current.ts), last activity,
 * worksheets waiting for review, and whether they look stuck; the counts the filters show over everyone in scope.
 * A fixed number of queries; the page is an index range, whatever the number of learners.
 */
export async function caseload(
  actor: Actor,
  filters: CaseloadFilters & { page?: number } = {},
  db: DbOrTx = getDb(),
  now = new Date(),
): Promise<Caseload> {
  return (await loadCaseload(actor, filters, db, now)).caseload;
}

/** The caseload and the trend of criteria met over the same learners (every status, the filtered cohort and module). */
export async function loadCaseload(
  actor: Actor,
  filters: CaseloadFilters & { page?: number },
  db: DbOrTx,
  now: Date,
  trendWeeks = 0,
): Promise<{ caseload: Caseload; trend: Trend }> {
  requireStaff(actor);
  const sort = filters.sort ?? 'attention';
  const allModules = progressModules();
  const moduleSlug =
    filters.moduleSlug && allModules.some((m) => m.slug === filters.moduleSlug) ? filters.moduleSlug : undefined;
  const { page: _page, ...shownFilters } = filters;
  // Learners whose records changed outside lib since (a seed, a fix by hand): normally none, one indexed read.
  await catchUp(db, { max: CATCH_UP_PER_LOAD, content: false });

  const statuses = statusConditions(now);
  const inScope = sql`c.module_slug = ${moduleSlug ?? ''} and c.active and ${scopeCondition(db, actor, sql.raw('c.learner_id'), filters.cohortId)}`;
  // Without a cohort filter the counts are the actor's counters (a few rows whatever the number of learners);
  // a cohort's are counted over its members in scope.
  const owner = filters.cohortId ? null : scopeOwner(actor, 'learner.view');
  const [totals, reviewCounts, cohortOptions] = await Promise.all([
    owner ? countsFromCounters(db, owner, moduleSlug ?? '', inScope, now) : countsOver(db, inScope, statuses),
    // Review-overdue counts come from the reviews, learner by learner (lib/reviews/schedule.ts), so they are counted
    // only over a chosen cohort or when the page lists the overdue; the owner's counters do not hold them yet.
    !owner || filters.status === 'overdue'
      ? db
          .execute(
            sql`select count(*) filter (where ${statuses.overdue}) as overdue,
        count(*) filter (where ${statuses.overdue} and ${statuses.stuck}) as stuck_overdue
        from learner_caseload c where ${inScope}`,
          )
          .then((r) => rowsOf<Totals>(r)[0] ?? {})
      : Promise.resolve(null),
    // Cohorts that hold at least one learner in the actor's scope (not filtered by the chosen cohort): per cohort, the
    // first member in scope ends the search.
    db
      .execute(
        sql`select co.id, co.name from cohorts co where exists (select 1 from cohort_members m
        where m.cohort_id = co.id and ${scopeCondition(db, actor, sql.raw('m.learner_id'))}) order by co.name`,
      )
      .then((r) => rowsOf<{ id: string; name: string }>(r)),
  ]);
  const n = (k: string) => Number(totals[k] ?? reviewCounts?.[k] ?? 0);
  const counts: Caseload['counts'] = {
    all: n('all'),
    stuck: n('stuck'),
    awaiting: n('awaiting'),
    review: n('review'),
    'on-track': n('on_track'),
    complete: n('complete'),
    overdue: reviewCounts ? n('overdue') : null,
  };
  const overall = progressOfRow({
    total: n('total'),
    met: n('met'),
    not_yet_met: n('not_yet_met'),
    submitted: n('submitted'),
  });
  const matched = filters.status ? (counts[filters.status] ?? 0) : counts.all;
  const pages = Math.max(1, Math.ceil(matched / CASELOAD_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pages);
  const offset = (page - 1) * CASELOAD_PAGE_SIZE;

  const where = filters.status ? sql`${inScope} and ${statuses[filters.status]}` : inScope;
  const range = async (condition: SQL, order: SQL, skip: number, take: number) =>
    rowsOf<IndexRow>(
      await db.execute(
        sql`select ${COLUMNS}, ${statuses.stuck} as stuck from learner_caseload c where ${condition}
        order by ${order} limit ${take} offset ${skip}`,
      ),
    );
  let listed: IndexRow[];
  if (sort === 'attention') {
    // Who needs the coach first: the stuck, then the rest, each by worksheets waiting, then the longest quiet. Two
    // ranges of the same index, cut where the counts say the stuck end (always both statements: a fixed number).
    const stuckMatched = !filters.status
      ? counts.stuck
      : ((
          {
            stuck: counts.stuck,
            awaiting: n('stuck_awaiting'),
            review: n('stuck_review'),
            overdue: n('stuck_overdue'),
          } as Record<string, number>
        )[filters.status] ?? 0);
    const fromStuck = Math.max(0, Math.min(CASELOAD_PAGE_SIZE, stuckMatched - offset));
    const [first, rest] = await Promise.all([
      range(sql`${where} and ${statuses.stuck}`, ORDER.attention, offset, fromStuck),
      range(
        sql`${where} and not ${statuses.stuck}`,
        ORDER.attention,
        Math.max(0, offset - stuckMatched),
        CASELOAD_PAGE_SIZE - fromStuck,
      ),
    ]);
    listed = [...first, ...rest];
  } else {
    listed = await range(where, ORDER[sort], offset, CASELOAD_PAGE_SIZE);
  }

  const ids = idList(listed.map((r) => r.learner_id));
  const [moduleRows, memberships, top, trendRows, reviewDue] = await Promise.all([
    db
      .execute(
        sql`select ${COLUMNS}, false as stuck from learner_caseload c
            where c.learner_id = any(${ids}::uuid[]) and ${moduleSlug ? sql`c.module_slug = ${moduleSlug}` : sql`c.module_slug <> ''`}`,
      )
      .then((r) => rowsOf<IndexRow>(r)),
    db
      .execute(
        sql`select m.learner_id, co.id, co.name from cohort_members m join cohorts co on co.id = m.cohort_id
            where m.learner_id = any(${ids}::uuid[])`,
      )
      .then((r) => rowsOf<{ learner_id: string; id: string; name: string }>(r)),
    // The learner with the most worksheets waiting, for "start with ..." (always asked: a fixed number of statements).
    db
      .execute(
        sql`select c.name, c.first_worksheet_to_review as id from learner_caseload c
            where ${inScope} and c.worksheets_to_review > 0 order by ${ORDER.attention} limit 1`,
      )
      .then((r) => rowsOf<{ name: string; id: string }>(r)),
    trendWeeks && counts.all
      ? owner
        ? weeklyFromCounters(db, owner, moduleSlug ?? '', now, trendWeeks)
        : weeklyChanges(db, inScope, moduleSlug, now, trendWeeks)
      : new Map<number, number>(),
    // Progress reviews (issue 21): the page's learners' next review dates.
    reviewDueDates(db, (id) =>
      listed.length
        ? inArray(
            id,
            listed.map((r) => r.learner_id),
          )
        : sql`false`,
    ),
  ]);

  const order = new Map(allModules.map((m, i) => [m.slug, i]));
  const modulesOf = new Map<string, IndexRow[]>();
  for (const r of moduleRows) modulesOf.set(r.learner_id, [...(modulesOf.get(r.learner_id) ?? []), r]);
  const cohortsOf = new Map<string, { id: string; name: string }[]>();
  for (const m of memberships)
    cohortsOf.set(m.learner_id, [...(cohortsOf.get(m.learner_id) ?? []), { id: m.id, name: m.name }]);

  const rows: CaseloadRow[] = listed.map((r) => {
    const totals = progressOfRow(r);
    const last = r.last_activity ? asDate(r.last_activity) : null;
    const mine = (modulesOf.get(r.learner_id) ?? []).sort(
      (a, b) => order.get(a.module_slug)! - order.get(b.module_slug)!,
    );
    const quietDays = Math.floor((now.getTime() - (last ?? asDate(r.since)).getTime()) / DAY);
    const stuckReasons: string[] = [];
    if (r.stuck && !r.complete && quietDays >= STUCK_AFTER_DAYS) {
      stuckReasons.push(
        last ? `No activity for ${quietDays} days` : `Nothing done in the ${quietDays} days since enrolment`,
      );
    }
    if (totals.notYetMet >= STUCK_NOT_YET_MET) stuckReasons.push(`${totals.notYetMet} criteria not yet met`);
    return {
      id: r.learner_id,
      name: r.name,
      cohorts: (cohortsOf.get(r.learner_id) ?? []).sort((a, b) => collator.compare(a.name, b.name)),
      modules: mine.map((m) => {
        const mod = getModule(m.module_slug)!;
        return {
          slug: m.module_slug,
          code: mod.code,
          title: mod.title,
          progress: progressOfRow(m),
          awaitingCountersignature: Number(m.awaiting_countersignature) > 0,
          signOffSuperseded: Number(m.sign_off_superseded) > 0,
        };
      }),
      totals,
      lastActivity: last?.toISOString() ?? null,
      enrolledAt: mine.length ? asDate(r.since).toISOString() : null,
      worksheetsToReview: Number(r.worksheets_to_review),
      firstWorksheetToReview: r.first_worksheet_to_review,
      stuck: Boolean(r.stuck),
      stuckReasons,
      nextReview: nextReviewOf(reviewDue.get(r.learner_id)?.dueOn ?? null, now),
    };
  });

  const caseload: Caseload = {
    rows,
    counts,
    overall,
    matched,
    page,
    pages,
    reviewTotal: n('review_total'),
    firstReview: top[0] ? { name: top[0].name, worksheetId: top[0].id } : null,
    cohorts: cohortOptions,
    modules: allModules,
    filters: { ...shownFilters, moduleSlug, sort },
  };
  const points = trendWeeks && counts.all ? trendPoints(trendRows, overall.met, now, trendWeeks) : [];
  return { caseload, trend: { points, total: overall.total, metNow: overall.met } };
}

type Totals = Record<string, string | number | null>;

/** The counts over every learner in scope, read row by row: for a cohort (proportional to its members in scope). */
async function countsOver(db: DbOrTx, inScope: SQL, statuses: Record<CaseloadStatus, SQL>): Promise<Totals> {
  const count = (what: SQL) => sql`count(*) filter (where ${what})`;
  const [row] = rowsOf<Totals>(
    await db.execute(
      sql`select count(*) as "all", ${count(statuses.stuck)} as stuck, ${count(statuses.awaiting)} as awaiting,
      ${count(statuses.review)} as review, ${count(statuses.complete)} as complete, ${count(statuses['on-track'])} as on_track,
      ${count(sql`${statuses.stuck} and ${statuses.awaiting}`)} as stuck_awaiting,
      ${count(sql`${statuses.stuck} and ${statuses.review}`)} as stuck_review,
      coalesce(sum(c.worksheets_to_review), 0) as review_total, coalesce(sum(c.total), 0) as total,
      coalesce(sum(c.met), 0) as met, coalesce(sum(c.not_yet_met), 0) as not_yet_met, coalesce(sum(c.submitted), 0) as submitted
      from learner_caseload c where ${inScope}`,
    ),
  );
  return row!;
}

/**
 * The same counts from caseload_counters (db/sql/011_caseload.sql): the owner's rows for the module, one per day a
 * quiet spell is measured from. Days before the cut-off day are quiet for long enough; the cut-off day itself is
 * split exactly by reading its learners (one day's worth, through learner_caseload_quiet_idx).
 */
async function countsFromCounters(
  db: DbOrTx,
  owner: string,
  moduleSlug: string,
  inScope: SQL,
  now: Date,
): Promise<Totals> {
  const cutoff = now.getTime() - STUCK_AFTER_DAYS * DAY;
  const cutoffDay = Math.floor(cutoff / DAY);
  const quiet = sql`coalesce(c.last_activity, c.since)`;
  const candidate = sql`not c.complete and c.not_yet_met < ${STUCK_NOT_YET_MET}`;
  const before = (column: string) => sql`coalesce(sum(${sql.raw(column)}) filter (where day < ${cutoffDay}), 0)`;
  const [[k], [edge]] = await Promise.all([
    db
      .execute(
        sql`select coalesce(sum(n), 0) as "all", coalesce(sum(awaiting), 0) as awaiting, coalesce(sum(review), 0) as review,
        coalesce(sum(complete), 0) as complete, coalesce(sum(nym3), 0) as nym3, ${before('quiet')} as quiet,
        coalesce(sum(awaiting_nym3), 0) as awaiting_nym3, ${before('awaiting_quiet')} as awaiting_quiet,
        coalesce(sum(review_nym3), 0) as review_nym3, ${before('review_quiet')} as review_quiet,
        coalesce(sum(worksheets_to_review), 0) as review_total, coalesce(sum(total), 0) as total,
        coalesce(sum(met), 0) as met, coalesce(sum(not_yet_met), 0) as not_yet_met, coalesce(sum(submitted), 0) as submitted
        from caseload_counters where owner = ${owner} and module_slug = ${moduleSlug}`,
      )
      .then((r) => rowsOf<Totals>(r)),
    db
      .execute(
        sql`select count(*) as quiet, count(*) filter (where c.submitted > 0) as awaiting,
        count(*) filter (where c.worksheets_to_review > 0) as review
        from learner_caseload c where ${inScope} and ${candidate}
          and ${quiet} >= ${new Date(cutoffDay * DAY).toISOString()}::timestamptz
          and ${quiet} <= ${new Date(cutoff).toISOString()}::timestamptz`,
      )
      .then((r) => rowsOf<Totals>(r)),
  ]);
  const v = (row: Totals | undefined, key: string) => Number(row?.[key] ?? 0);
  const stuck = v(k, 'nym3') + v(k, 'quiet') + v(edge, 'quiet');
  return {
    ...k,
    stuck,
    on_track: v(k, 'all') - v(k, 'complete') - stuck,
    stuck_awaiting: v(k, 'awaiting_nym3') + v(k, 'awaiting_quiet') + v(edge, 'awaiting'),
    stuck_review: v(k, 'review_nym3') + v(k, 'review_quiet') + v(edge, 'review'),
  };
}

/** Changes in criteria met per week from met_week_counters: the owner's rows for the module, one per week. */
async function weeklyFromCounters(db: DbOrTx, owner: string, moduleSlug: string, now: Date, weeks: number) {
  const current = weekIndex(now);
  const rows = rowsOf<{ week: number; delta: string | number }>(
    await db.execute(sql`select week, delta from met_week_counters
      where owner = ${owner} and module_slug = ${moduleSlug} and week between ${current - weeks + 1} and ${current}`),
  );
  return new Map(rows.map((r) => [Number(r.week), Number(r.delta)]));
}

/**
 * Changes in criteria met per week over the last `weeks`, for the learners in scope and the modules shown (their
 * enrolled modules, or the filtered one): only the weeks in the window are read (learner_met_weeks' week index).
 */
async function weeklyChanges(db: DbOrTx, inScope: SQL, moduleSlug: string | undefined, now: Date, weeks: number) {
  const current = weekIndex(now);
  const rows = rowsOf<{ week: number; delta: string | number }>(
    await db.execute(sql`select w.week, sum(w.delta) as delta from learner_met_weeks w
      join learner_caseload m on m.learner_id = w.learner_id and m.module_slug = w.module_slug
      join learner_caseload c on c.learner_id = w.learner_id
      where w.week between ${current - weeks + 1} and ${current} and ${inScope}
        ${moduleSlug ? sql`and w.module_slug = ${moduleSlug}` : sql``}
      group by w.week`),
  );
  return new Map(rows.map((r) => [Number(r.week), Number(r.delta)]));
}

/** Criteria met at the end of each week: today's figure, less the changes of the weeks after each point. */
function trendPoints(deltas: Map<number, number>, metNow: number, now: Date, weeks: number): TrendPoint[] {
  const current = weekIndex(now);
  const first = current - weeks + 1;
  let running = metNow;
  for (const d of deltas.values()) running -= d;
  const points: TrendPoint[] = [];
  for (let w = first; w <= current; w++) {
    running += deltas.get(w) ?? 0;
    points.push({ weekEnding: (w === current ? now : new Date(weekEnd(w).getTime() - 1)).toISOString(), met: running });
  }
  return points;
}
