import 'server-only';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { cohortMembers, cohorts, enrolments } from '@/db/schema';
import { assessableItems, getModule, listModules } from '@/lib/content';
import type { Actor } from '@/lib/permissions';
import { reviewDueDates, isOverdue } from '@/lib/reviews/schedule';
import { worksheetsAwaitingReview } from './activity';
import { requireStaff, scopeCondition, scopedLearners } from './scope';
import { learnerFigures, progressOf, type LearnerFigures } from './progress-cache';
import {
  STUCK_AFTER_DAYS,
  STUCK_NOT_YET_MET,
  type Caseload,
  type CaseloadFilters,
  type CaseloadRow,
  type CaseloadStatus,
  type ModuleLine,
  type ModuleProgress,
} from './types';

const DAY = 86_400_000;
const collator = new Intl.Collator('en-GB');
const emptyProgress = (): ModuleProgress => ({ total: 0, met: 0, notYetMet: 0, submitted: 0, noEvidence: 0 });

function add(into: ModuleProgress, p: ModuleProgress) {
  into.total += p.total;
  into.met += p.met;
  into.notYetMet += p.notYetMet;
  into.submitted += p.submitted;
  into.noEvidence += p.noEvidence;
}

function nextReviewOf(dueOn: string | null, now: Date): CaseloadRow['nextReview'] {
  return { dueOn, overdue: isOverdue(dueOn, now) };
}

/** Modules a dashboard reports progress on: those with criteria (a worksheet has none of its own). */
export function progressModules() {
  return listModules()
    .filter((m) => assessableItems(m.slug).length > 0)
    .map((m) => ({ slug: m.slug, code: m.code, title: m.title }));
}

function statusesOf(row: CaseloadRow): CaseloadStatus[] {
  const out: CaseloadStatus[] = [];
  if (row.stuck) out.push('stuck');
  if (row.totals.submitted > 0) out.push('awaiting');
  if (row.worksheetsToReview > 0) out.push('review');
  if (row.totals.total > 0 && row.totals.met === row.totals.total) out.push('complete');
  else if (!row.stuck) out.push('on-track');
  if (row.nextReview.overdue) out.push('overdue');
  return out;
}

/**
 * A coach's (or assessor's, or admin's) caseload: each learner in scope with progress per module (statuses decided
 * by lib/progress and counted by its moduleProgress, kept per learner in progress-cache.ts), last activity, worksheets waiting for review, and whether they look stuck.
 * A fixed number of queries, whatever the number of learners (tests/integration/dashboard-queries.test.ts).
 */
export async function caseload(
  actor: Actor,
  filters: CaseloadFilters = {},
  db: DbOrTx = getDb(),
  now = new Date(),
): Promise<Caseload> {
  return (await loadCaseload(actor, filters, db, now)).caseload;
}

/** The caseload and, for the chart, each listed learner's figures and the modules shown for them. */
export async function loadCaseload(actor: Actor, filters: CaseloadFilters, db: DbOrTx, now: Date) {
  requireStaff(actor);
  const sort = filters.sort ?? 'attention';
  const allModules = progressModules();
  const moduleSlug =
    filters.moduleSlug && allModules.some((m) => m.slug === filters.moduleSlug) ? filters.moduleSlug : undefined;
  const scope = (column: SQL | Parameters<typeof scopeCondition>[2]) =>
    scopeCondition(db, actor, column, filters.cohortId);

  const [learners, cohortOptions] = await Promise.all([
    scopedLearners(db, actor, filters.cohortId),
    // Cohorts that hold at least one learner in the actor's scope (not filtered by the chosen cohort).
    db
      .selectDistinct({ id: cohorts.id, name: cohorts.name })
      .from(cohorts)
      .innerJoin(cohortMembers, eq(cohortMembers.cohortId, cohorts.id))
      .where(scopeCondition(db, actor, cohortMembers.learnerId))
      .orderBy(asc(cohorts.name)),
  ]);
  const ids = learners.map((l) => l.id);
  // Memberships come back as ids only (names from cohortOptions, which holds every cohort of a learner in scope).
  const [memberships, enrolled, statuses, worksheets, reviewDue] = ids.length
    ? await Promise.all([
        db
          .select({ learnerId: cohortMembers.learnerId, id: cohortMembers.cohortId })
          .from(cohortMembers)
          .where(scope(cohortMembers.learnerId)),
        db
          .select({ learnerId: enrolments.learnerId, moduleSlug: enrolments.moduleSlug, since: enrolments.enrolledAt })
          .from(enrolments)
          .where(
            and(
              scope(enrolments.learnerId),
              moduleSlug
                ? eq(enrolments.moduleSlug, moduleSlug)
                : inArray(
                    enrolments.moduleSlug,
                    allModules.map((m) => m.slug),
                  ),
            ),
          ),
        learnerFigures(db, scope, ids),
        worksheetsAwaitingReview(db, scope),
        // Progress reviews (issue 21): one query over the same scope, by learner.
        reviewDueDates(db, (id) => scope(id)),
      ])
    : ([
        [],
        [],
        { figures: new Map<string, LearnerFigures>(), lastActivity: new Map<string, Date>() },
        new Map(),
        new Map(),
      ] as const);
  const figures = statuses.figures;

  const order = new Map(allModules.map((m, i) => [m.slug, i]));
  const byLearner = <T extends { learnerId: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) {
      const list = map.get(r.learnerId);
      if (list) list.push(r);
      else map.set(r.learnerId, [r]);
    }
    return map;
  };
  const cohortName = new Map(cohortOptions.map((c) => [c.id, c.name]));
  const cohortsOf = byLearner(memberships);
  const enrolmentsOf = byLearner(enrolled);

  const all: CaseloadRow[] = [];
  for (const l of learners) {
    const mine = (enrolmentsOf.get(l.id) ?? []).sort((a, b) => order.get(a.moduleSlug)! - order.get(b.moduleSlug)!);
    // With a module filter, only learners enrolled on that module belong in the list.
    if (moduleSlug && mine.length === 0) continue;
    const totals = emptyProgress();
    const modules: ModuleLine[] = mine.map((e) => {
      const mod = getModule(e.moduleSlug)!;
      const progress = progressOf(figures.get(l.id), e.moduleSlug);
      add(totals, progress);
      return { slug: e.moduleSlug, code: mod.code, title: mod.title, progress };
    });
    const last = statuses.lastActivity.get(l.id) ?? null;
    const enrolledAt = mine.reduce<Date | null>((acc, e) => (e.since && (!acc || e.since < acc) ? e.since : acc), null);
    const quietSince = last ?? enrolledAt ?? l.createdAt;
    const quietDays = Math.floor((now.getTime() - quietSince.getTime()) / DAY);
    const stuckReasons: string[] = [];
    const complete = totals.total > 0 && totals.met === totals.total;
    if (!complete && quietDays >= STUCK_AFTER_DAYS) {
      stuckReasons.push(
        last ? `No activity for ${quietDays} days` : `Nothing done in the ${quietDays} days since enrolment`,
      );
    }
    if (totals.notYetMet >= STUCK_NOT_YET_MET) stuckReasons.push(`${totals.notYetMet} criteria not yet met`);
    const ws = worksheets.get(l.id);
    all.push({
      id: l.id,
      name: l.name,
      cohorts: (cohortsOf.get(l.id) ?? [])
        .map(({ id }) => ({ id, name: cohortName.get(id) ?? '' }))
        .sort((a, b) => collator.compare(a.name, b.name)),
      modules,
      totals,
      lastActivity: last?.toISOString() ?? null,
      enrolledAt: enrolledAt?.toISOString() ?? null,
      worksheetsToReview: ws?.count ?? 0,
      firstWorksheetToReview: ws?.oldest ?? null,
      stuck: stuckReasons.length > 0,
      stuckReasons,
      nextReview: nextReviewOf(reviewDue.get(l.id)?.dueOn ?? null, now),
    });
  }

  const counts: Caseload['counts'] = {
    all: all.length,
    stuck: 0,
    awaiting: 0,
    review: 0,
    'on-track': 0,
    complete: 0,
    overdue: 0,
  };
  const overall = emptyProgress();
  for (const row of all) {
    for (const s of statusesOf(row)) counts[s] += 1;
    add(overall, row.totals);
  }
  const rows = filters.status ? all.filter((r) => statusesOf(r).includes(filters.status!)) : all;
  const pct = (r: CaseloadRow) => (r.totals.total ? r.totals.met / r.totals.total : 0);
  // Sort keys worked out once: a comparator runs about n log n times (10,000 for 1,000 learners).
  const lastTimes = new Map(all.map((r) => [r, r.lastActivity ? Date.parse(r.lastActivity) : 0]));
  const lastTime = (r: CaseloadRow) => lastTimes.get(r)!;
  const byName = (a: CaseloadRow, b: CaseloadRow) => collator.compare(a.name, b.name);
  const sorters: Record<typeof sort, (a: CaseloadRow, b: CaseloadRow) => number> = {
    name: byName,
    progress: (a, b) => pct(a) - pct(b) || byName(a, b),
    activity: (a, b) => lastTime(a) - lastTime(b) || byName(a, b),
    // Soonest (or most overdue) review first; learners with no date last.
    review: (a, b) => (a.nextReview.dueOn ?? '9999').localeCompare(b.nextReview.dueOn ?? '9999') || byName(a, b),
    // Who needs the coach first: stuck, then worksheets waiting, then the longest quiet.
    attention: (a, b) =>
      Number(b.stuck) - Number(a.stuck) ||
      b.worksheetsToReview - a.worksheetsToReview ||
      lastTime(a) - lastTime(b) ||
      byName(a, b),
  };
  rows.sort(sorters[sort]);
  const caseload: Caseload = {
    rows,
    counts,
    overall,
    cohorts: cohortOptions,
    modules: allModules,
    filters: { ...filters, moduleSlug, sort },
  };
  return { caseload, figures, shown: all.map((r) => ({ id: r.id, slugs: r.modules.map((m) => m.slug) })) };
}
