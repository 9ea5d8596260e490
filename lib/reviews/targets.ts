import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { reviewTargetEvents, reviewTargets } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { authorize, type Actor } from '@/lib/permissions';
import { targetOutcomes } from './record';

/**
 * After a review: the learner says a target is achieved, and their coach confirms it or says not yet (with a note).
 * Each is an event of its own, never changed; the newest is the target's outcome.
 */

async function findTarget(db: DbOrTx, learnerId: string, key: string) {
  const [row] = await db
    .select({ text: reviewTargets.text })
    .from(reviewTargets)
    .where(and(eq(reviewTargets.learnerId, learnerId), eq(reviewTargets.key, key)))
    .limit(1);
  if (!row) throw new NotFoundError('We could not find that target.');
  return row;
}

/** The signed-in learner marks one of their own targets achieved. */
export async function claimTarget(actor: Actor, input: { key: string }) {
  const db = getDb();
  await authorize(actor, 'target.claim', actor.id, db);
  return db.transaction(async (tx) => {
    const target = await findTarget(tx, actor.id, input.key);
    const now = (await targetOutcomes(tx, actor.id, [input.key])).get(input.key)?.outcome ?? 'open';
    if (now === 'claimed') return { outcome: now };
    if (now === 'achieved') throw new ConflictError('Your coach has already confirmed this target as achieved.');
    await tx
      .insert(reviewTargetEvents)
      .values({ learnerId: actor.id, targetKey: input.key, event: 'achieved', actorId: actor.id });
    await audit(tx, {
      actorId: actor.id,
      action: 'review.target.achieved',
      subjectType: 'review_target',
      subjectId: input.key,
      learnerId: actor.id,
      before: { outcome: now },
      after: { outcome: 'claimed', text: target.text },
    });
    return { outcome: 'claimed' as const };
  });
}

/** The learner's coach confirms a target the learner marked achieved, or says it is not yet (it opens again). */
export async function confirmTarget(
  actor: Actor,
  input: { learnerId: string; key: string; outcome: 'confirmed' | 'not_yet'; note?: string },
) {
  const db = getDb();
  await authorize(actor, 'target.confirm', input.learnerId, db);
  return db.transaction(async (tx) => {
    await findTarget(tx, input.learnerId, input.key);
    const now = (await targetOutcomes(tx, input.learnerId, [input.key])).get(input.key)?.outcome ?? 'open';
    if (now !== 'claimed')
      throw new ConflictError(
        now === 'achieved'
          ? 'This target is already confirmed as achieved.'
          : 'The learner has not marked this target achieved, so there is nothing to confirm yet.',
      );
    await tx.insert(reviewTargetEvents).values({
      learnerId: input.learnerId,
      targetKey: input.key,
      event: input.outcome,
      actorId: actor.id,
      note: input.note ?? '',
    });
    const outcome = input.outcome === 'confirmed' ? ('achieved' as const) : ('not_yet' as const);
    await audit(tx, {
      actorId: actor.id,
      action: `review.target.${input.outcome}`,
      subjectType: 'review_target',
      subjectId: input.key,
      learnerId: input.learnerId,
      before: { outcome: now },
      after: { outcome, note: input.note ?? '' },
    });
    return { outcome };
  });
}
