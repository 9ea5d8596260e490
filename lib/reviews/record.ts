import 'server-only';
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { progressReviews, reviewTargetEvents, reviewTargets, worksheetSubmissions } from '@/db/schema';
import { getItem, getModule } from '@/lib/content';
import { criterionLabel } from '@/lib/dashboards/labels';
import { hoursSince } from '@/lib/hours/read';
import { criterionStatuses } from '@/lib/progress/status';
import type { ReviewRecord, TargetOutcome } from './types';

/** Long lists are cut here: the review shows the most recent, and says how the rest can be found (the portfolio). */
const LIST_MAX = 50;

const OUTCOME_OF_EVENT = { achieved: 'claimed', confirmed: 'achieved', not_yet: 'not_yet' } as const;

/** The learner's last locked review (the newest number: an amendment takes the next one), or undefined. */
export async function lastLockedReview(db: DbOrTx, learnerId: string) {
  const [row] = await db
    .select()
    .from(progressReviews)
    .where(and(eq(progressReviews.learnerId, learnerId), eq(progressReviews.status, 'locked')))
    .orderBy(desc(progressReviews.number))
    .limit(1);
  return row;
}

/** What became of each target (by key), from its newest event. Callers authorize first. */
export async function targetOutcomes(db: DbOrTx, learnerId: string, keys: string[]) {
  const out = new Map<string, { outcome: TargetOutcome; at: string; note: string }>();
  if (!keys.length) return out;
  const events = await db
    .select({
      key: reviewTargetEvents.targetKey,
      event: reviewTargetEvents.event,
      at: reviewTargetEvents.at,
      note: reviewTargetEvents.note,
    })
    .from(reviewTargetEvents)
    .where(and(eq(reviewTargetEvents.learnerId, learnerId), inArray(reviewTargetEvents.targetKey, keys)))
    .orderBy(asc(reviewTargetEvents.at), asc(reviewTargetEvents.id));
  for (const e of events) out.set(e.key, { outcome: OUTCOME_OF_EVENT[e.event], at: e.at.toISOString(), note: e.note });
  return out;
}

/** The targets of a locked review, in order. */
export async function targetsOf(db: DbOrTx, reviewId: string) {
  return db
    .select({
      key: reviewTargets.key,
      text: reviewTargets.text,
      dueOn: reviewTargets.dueOn,
      moduleSlug: reviewTargets.moduleSlug,
      criterionId: reviewTargets.criterionId,
    })
    .from(reviewTargets)
    .where(eq(reviewTargets.reviewId, reviewId))
    .orderBy(asc(reviewTargets.position));
}

/**
 * Progress since the last review, from the record, for a new review to open with: criteria met since (their newest
 * judgement), criteria with evidence awaiting judgement now, worksheets handed in since, learning hours logged since,
 * and the last review's targets with what became of them. Callers authorize first.
 */
export async function recordSinceLastReview(db: DbOrTx, learnerId: string): Promise<ReviewRecord> {
  const last = await lastLockedReview(db, learnerId);
  const since = last?.heldOn ?? null;
  const sinceTime = since ? new Date(`${since}T00:00:00Z`) : new Date(0);
  const [statuses, worksheets, previous, hours] = await Promise.all([
    criterionStatuses(db, [learnerId]),
    db
      .select({ slug: worksheetSubmissions.moduleSlug, at: worksheetSubmissions.submittedAt })
      .from(worksheetSubmissions)
      .where(and(eq(worksheetSubmissions.learnerId, learnerId), gte(worksheetSubmissions.submittedAt, sinceTime)))
      .orderBy(desc(worksheetSubmissions.submittedAt))
      .limit(LIST_MAX),
    last ? targetsOf(db, last.id) : Promise.resolve([]),
    hoursSince(db, learnerId, since),
  ]);
  const criteriaMet: ReviewRecord['criteriaMet'] = [];
  const criteriaAwaiting: ReviewRecord['criteriaAwaiting'] = [];
  for (const [id, s] of statuses.get(learnerId) ?? []) {
    const item = getItem(id);
    if (!item) continue;
    if (s.status === 'met' && s.latestJudgement && s.latestJudgement.at >= sinceTime)
      criteriaMet.push({ id, label: criterionLabel(item), at: s.latestJudgement.at.toISOString() });
    if (s.status === 'evidence_submitted') criteriaAwaiting.push({ id, label: criterionLabel(item) });
  }
  criteriaMet.sort((a, b) => b.at.localeCompare(a.at));
  const outcomes = await targetOutcomes(
    db,
    learnerId,
    previous.map((t) => t.key),
  );
  return {
    since,
    hours,
    criteriaMet: criteriaMet.slice(0, LIST_MAX),
    criteriaAwaiting: criteriaAwaiting.slice(0, LIST_MAX),
    worksheetsHandedIn: worksheets.map((w) => ({
      slug: w.slug,
      title: getModule(w.slug)?.title ?? w.slug,
      at: w.at.toISOString(),
    })),
    previousTargets: previous.map((t) => ({
      key: t.key,
      text: t.text,
      dueOn: t.dueOn,
      outcome: outcomes.get(t.key)?.outcome ?? 'open',
    })),
  };
}
