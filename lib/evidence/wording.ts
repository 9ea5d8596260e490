import 'server-only';
import { and, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { criterionWordings, evidence, evidenceCriteria, judgements } from '@/db/schema';
import { ASSESSABLE_KINDS, listModules, moduleItems } from '@/lib/content';
import { currentWording, wordingHash } from '@/lib/content/wording';

/**
 * Reworded criteria (issue 23): when a newer version of a framework is imported, or a module is edited by hand, and a
 * criterion's wording changes, the evidence mapped to the old wording and the judgement made on it are flagged for
 * review. They are never moved or changed: the learner's mapping, the assessor's judgement and the criterion's status
 * stay exactly as they were, and a page only shows, beside them, that the wording changed on a date.
 *
 * Why a fingerprint on each mapping and judgement (criterion_hash, written when it is made) rather than a list of
 * reworded items written at import: the row itself says which wording it was made on, so the flag is exact whatever
 * changed the wording (an import, a hand edit, a wording changed back), whichever server or release serves the page,
 * and it needs no bookkeeping that could miss a change. The date comes from criterion_wordings, which every server
 * adds the wordings it serves to at start-up (recordWordings): a new wording's first_seen_at is the day it reached
 * learners. Mappings and judgements made before wordings were recorded have no fingerprint and are never flagged.
 *
 * A flag ends when the assessor judges the criterion again on its current wording: the new judgement records that
 * wording, and the evidence mapped before it has then been looked at against the new words.
 */
export interface WordingReview {
  /** When this portal first served the criterion's current wording (ISO), or null when it was not recorded. */
  changedOn: string | null;
  /** The newest judgement of the criterion was made on an earlier wording. */
  judgedOnEarlierWording: boolean;
  /** The learner's current evidence mapped to an earlier wording and not judged since on the current one. */
  evidenceIds: string[];
}

/**
 * The one place that decides which of a learner's criteria show "the wording changed: review". Only criteria that
 * need a review are in the map. Three indexed reads, whatever the size of the modules.
 */
export async function wordingReviews(
  db: DbOrTx,
  learnerId: string,
  criterionIds?: string[],
): Promise<Map<string, WordingReview>> {
  return (await wordingReviewsOf(db, [learnerId], criterionIds)).get(learnerId) ?? new Map();
}

/**
 * The same decision for a page of learners at once (the coach's matrix): learner id -> criterion id -> review, with
 * only learners who have something to review. Still three indexed reads (learner_id, criterion_id keys).
 */
export async function wordingReviewsOf(
  db: DbOrTx,
  learnerIds: string[],
  criterionIds?: string[],
): Promise<Map<string, Map<string, WordingReview>>> {
  const out = new Map<string, Map<string, WordingReview>>();
  if (learnerIds.length === 0 || (criterionIds && criterionIds.length === 0)) return out;
  const only = (col: typeof judgements.criterionId | typeof evidenceCriteria.criterionId) =>
    criterionIds ? inArray(col, criterionIds) : undefined;
  const judged = await db
    .selectDistinctOn([judgements.learnerId, judgements.criterionId], {
      learnerId: judgements.learnerId,
      criterionId: judgements.criterionId,
      hash: judgements.criterionHash,
      seq: judgements.activitySeq,
    })
    .from(judgements)
    .where(and(inArray(judgements.learnerId, learnerIds), only(judgements.criterionId)))
    .orderBy(judgements.learnerId, judgements.criterionId, desc(judgements.activitySeq));
  const mapped = await db
    .select({
      learnerId: evidenceCriteria.learnerId,
      criterionId: evidenceCriteria.criterionId,
      evidenceId: evidenceCriteria.evidenceId,
      hash: evidenceCriteria.criterionHash,
      seq: evidenceCriteria.activitySeq,
    })
    .from(evidenceCriteria)
    .innerJoin(evidence, eq(evidence.id, evidenceCriteria.evidenceId))
    .where(
      and(
        inArray(evidenceCriteria.learnerId, learnerIds),
        isNotNull(evidenceCriteria.criterionHash),
        isNull(evidence.supersededBy),
        only(evidenceCriteria.criterionId),
      ),
    );

  const key = (learnerId: string, criterionId: string) => `${learnerId} ${criterionId}`;
  const latest = new Map(judged.map((j) => [key(j.learnerId, j.criterionId), j]));
  const reworded = new Set<string>();
  const review = (learnerId: string, criterionId: string) => {
    let mine = out.get(learnerId);
    if (!mine) out.set(learnerId, (mine = new Map()));
    let r = mine.get(criterionId);
    if (!r) mine.set(criterionId, (r = { changedOn: null, judgedOnEarlierWording: false, evidenceIds: [] }));
    reworded.add(criterionId);
    return r;
  };
  for (const j of judged) {
    const now = currentWording(j.criterionId);
    if (now && j.hash && j.hash !== now) review(j.learnerId, j.criterionId).judgedOnEarlierWording = true;
  }
  for (const m of mapped) {
    const now = currentWording(m.criterionId);
    if (!now || m.hash === now) continue;
    const j = latest.get(key(m.learnerId, m.criterionId));
    // Judged since on the current wording: the assessor has looked at this evidence against the new words.
    if (j && j.hash === now && j.seq > m.seq) continue;
    review(m.learnerId, m.criterionId).evidenceIds.push(m.evidenceId);
  }
  if (reworded.size === 0) return out;

  const dates = await db
    .select({
      criterionId: criterionWordings.criterionId,
      hash: criterionWordings.textHash,
      at: criterionWordings.firstSeenAt,
    })
    .from(criterionWordings)
    .where(inArray(criterionWordings.criterionId, [...reworded]));
  for (const d of dates) {
    if (d.hash !== currentWording(d.criterionId)) continue;
    for (const mine of out.values()) {
      const r = mine.get(d.criterionId);
      if (r) r.changedOn = d.at.toISOString();
    }
  }
  return out;
}

/**
 * Adds the wording of every criterion this process serves to criterion_wordings (those already there keep their first
 * date). Called at start-up, before the first request; idempotent, and safe while other servers run older content.
 */
export async function recordWordings(db: DbOrTx): Promise<number> {
  const rows = listModules()
    .flatMap((m) => moduleItems(m.slug))
    .filter((i) => ASSESSABLE_KINDS.includes(i.kind))
    .map((i) => ({ criterionId: i.id, textHash: wordingHash(i.text) }));
  let added = 0;
  for (let at = 0; at < rows.length; at += 1000) {
    const inserted = await db
      .insert(criterionWordings)
      .values(rows.slice(at, at + 1000))
      .onConflictDoNothing()
      .returning({ id: criterionWordings.criterionId });
    added += inserted.length;
  }
  return added;
}
