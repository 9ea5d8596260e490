import 'server-only';
import { and, eq, max, sql } from 'drizzle-orm';
import { getDb, isUniqueViolation, type DbOrTx } from '@/db/client';
import { progressReviews, reviewSignatures, reviewTargets, users, type ProgressReviewRow } from '@/db/schema';
import { audit } from '@/lib/audit';
import { notify, others } from '@/lib/notifications/notify';
import { getItem, getModule } from '@/lib/content';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { canonicalJson, sha256Hex } from '@/lib/hash';
import { canonicalReview } from './canonical';
import { supersedeOpenLinks } from '@/lib/links/links';
import { authorize, type Actor } from '@/lib/permissions';
import { lastLockedReview, recordSinceLastReview } from './record';
import { todayInUk } from './schedule';
import type { ReviewContentInput } from './schemas';
import type { ReviewContent, ReviewRecord } from './types';

/**
 * Holding a progress review: the learner's coach opens one (pre-filled from the record), writes it with the learner
 * (autosaved), and the coach and the learner sign. The last required signature locks it in the same transaction:
 * the review binds the SHA-256 of its canonical content and its targets become rows of their own. A locked review is
 * corrected by an amendment, a new review linked to it. db/sql/011_reviews.sql holds the same rules in the database.
 */

const CHANGED =
  'This review was changed somewhere else (another tab or device) since this page loaded. Nothing was overwritten: choose which version to keep.';
const LOCKED = 'This review has been signed and locked, so it can no longer be changed. Amend it to correct it.';

export async function loadForUpdate(db: DbOrTx, reviewId: string) {
  const [row] = await db.select().from(progressReviews).where(eq(progressReviews.id, reviewId)).for('update');
  if (!row) throw new NotFoundError('We could not find that review.');
  return row;
}

async function nextNumber(db: DbOrTx, learnerId: string): Promise<number> {
  const [row] = await db
    .select({ n: max(progressReviews.number) })
    .from(progressReviews)
    .where(eq(progressReviews.learnerId, learnerId));
  return (row?.n ?? 0) + 1;
}

async function openDraftOf(db: DbOrTx, learnerId: string) {
  const [row] = await db
    .select({ id: progressReviews.id })
    .from(progressReviews)
    .where(and(eq(progressReviews.learnerId, learnerId), eq(progressReviews.status, 'draft')));
  return row;
}

/**
 * The coach opens the learner's next review, or the one already open. It starts with the record since the last
 * review and carries the last review's targets that are not yet achieved (same key, so their history follows them).
 */
export async function startReview(
  actor: Actor,
  input: { learnerId: string },
): Promise<{ id: string; created: boolean }> {
  const db = getDb();
  await authorize(actor, 'review.write', input.learnerId, db);
  try {
    return await db.transaction(async (tx) => {
      const open = await openDraftOf(tx, input.learnerId);
      if (open) return { id: open.id, created: false };
      const record = await recordSinceLastReview(tx, input.learnerId);
      const last = await lastLockedReview(tx, input.learnerId);
      const previous = (last?.content as ReviewContent | undefined)?.targets ?? [];
      const outcomeOf = new Map(record.previousTargets.map((t) => [t.key, t.outcome]));
      const content: ReviewContent = {
        heldOn: todayInUk(),
        progress: '',
        wentWell: '',
        supportNeeded: '',
        targets: previous.filter((t) => outcomeOf.get(t.key) !== 'achieved'),
      };
      const [row] = await tx
        .insert(progressReviews)
        .values({
          learnerId: input.learnerId,
          coachId: actor.id,
          number: await nextNumber(tx, input.learnerId),
          content,
          record,
        })
        .returning({ id: progressReviews.id, number: progressReviews.number });
      await audit(tx, {
        actorId: actor.id,
        action: 'review.start',
        subjectType: 'progress_review',
        subjectId: row!.id,
        learnerId: input.learnerId,
        after: { number: row!.number, carriedTargets: content.targets.length },
      });
      return { id: row!.id, created: true };
    });
  } catch (e) {
    // Two clicks at once: the one-draft-per-learner index let one in; the other opens it.
    if (!isUniqueViolation(e)) throw e;
    const open = await openDraftOf(db, input.learnerId);
    if (!open) throw e;
    return { id: open.id, created: false };
  }
}

/** Links a target may have: a module or criterion of the content (the form offers the learner's own). */
function checkLinks(content: ReviewContentInput): void {
  content.targets.forEach((t, i) => {
    if (t.moduleSlug && !getModule(t.moduleSlug))
      throw new ValidationError(`Target ${i + 1} is linked to a module that does not exist.`, {
        [`content.targets.${i}.moduleSlug`]: 'Unknown module.',
      });
    if (t.criterionId && !getItem(t.criterionId))
      throw new ValidationError(`Target ${i + 1} is linked to a criterion that does not exist.`, {
        [`content.targets.${i}.criterionId`]: 'Unknown criterion.',
      });
  });
  const keys = new Set(content.targets.map((t) => t.key));
  if (keys.size !== content.targets.length)
    throw new ValidationError('Two targets were sent as the same one. Reload the page and try again.');
}

function stored(row: ProgressReviewRow) {
  return { value: row.content as ReviewContent, version: row.version, savedAt: row.updatedAt.toISOString() };
}

/** Autosave of a draft review by the learner's coach. A stale version is refused with the stored copy (409). */
export async function saveReviewDraft(
  actor: Actor,
  reviewId: string,
  input: { version: number; content: ReviewContentInput },
): Promise<{ version: number; savedAt: string }> {
  const db = getDb();
  checkLinks(input.content);
  return db.transaction(async (tx) => {
    const row = await loadForUpdate(tx, reviewId);
    await authorize(actor, 'review.write', row.learnerId, tx);
    if (row.status === 'locked') throw new ConflictError(LOCKED);
    if (row.version !== input.version) throw new ConflictError(CHANGED, stored(row));
    const before = sha256Hex(canonicalJson(row.content));
    const after = sha256Hex(canonicalJson(input.content));
    if (before === after) return { version: row.version, savedAt: row.updatedAt.toISOString() };
    const [updated] = await tx
      .update(progressReviews)
      .set({ content: input.content, version: sql`${progressReviews.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(progressReviews.id, reviewId), eq(progressReviews.version, input.version)))
      .returning({ version: progressReviews.version, updatedAt: progressReviews.updatedAt });
    // A link asking an employer to sign was made for the text before this change: it stops working.
    await supersedeOpenLinks(
      tx,
      { reviewId },
      { actorId: actor.id, learnerId: row.learnerId, reason: 'the review was changed' },
    );
    await audit(tx, {
      actorId: actor.id,
      action: 'review.save',
      subjectType: 'progress_review',
      subjectId: reviewId,
      learnerId: row.learnerId,
      before: { version: row.version, sha256: before },
      after: { version: updated!.version, sha256: after, targets: input.content.targets.length },
    });
    return { version: updated!.version, savedAt: updated!.updatedAt.toISOString() };
  });
}

/** What a review needs before anyone signs it, in the words the signer sees. */
export function completeness(content: ReviewContent): string | null {
  if (!content.progress.trim()) return 'Write down the progress since the last review before signing.';
  if (!content.targets.length) return 'Agree at least one target before signing.';
  const i = content.targets.findIndex((t) => !t.text.trim() || !t.dueOn);
  if (i >= 0) return `Target ${i + 1} needs both a description and a due date before signing.`;
  return null;
}

/**
 * The coach or the learner signs the review as it is at `version` (what they read). Once every required signer has
 * signed the same content, the review locks in this transaction. Signing twice is harmless.
 */
export async function signReview(
  actor: Actor,
  input: { reviewId: string; version: number },
): Promise<{ contentSha256: string; locked: boolean }> {
  return getDb().transaction(async (tx) => {
    const row = await loadForUpdate(tx, input.reviewId);
    const relation = await authorize(actor, 'review.sign', row.learnerId, tx);
    const signer = relation === 'self' ? ('learner' as const) : ('coach' as const);
    if (row.status === 'locked') throw new ConflictError('This review is already signed and locked.');
    if (row.version !== input.version)
      throw new ConflictError(
        'The review was changed after this page loaded, so it was not signed. Reload the page, read it again and sign.',
      );
    const content = row.content as ReviewContent;
    const problem = completeness(content);
    if (problem) throw new ValidationError(problem);
    if (!row.requiredSigners.includes(signer)) throw new ConflictError('This review does not ask you to sign it.');
    const canonical = canonicalReview(row);
    const hash = sha256Hex(canonical);
    const inserted = await tx
      .insert(reviewSignatures)
      .values({
        reviewId: row.id,
        signer,
        signerId: actor.id,
        signerName: await nameOf(tx, actor.id),
        contentSha256: hash,
      })
      .onConflictDoNothing()
      .returning({ id: reviewSignatures.id });
    if (inserted.length)
      await audit(tx, {
        actorId: actor.id,
        action: 'review.sign',
        subjectType: 'progress_review',
        subjectId: row.id,
        learnerId: row.learnerId,
        after: { signer, sha256: hash, version: row.version },
      });
    const locked = await lockWhenSigned(tx, row, canonical, actor.id);
    // The other signers hear of it: that their signature is awaited, or that the review is now locked.
    if (inserted.length)
      for (const recipientId of others([row.learnerId, row.coachId], actor.id))
        await notify(tx, {
          recipientId,
          kind: 'review_signed',
          title: locked
            ? `Progress review ${row.number} is signed by everyone and locked`
            : `${await nameOf(tx, actor.id)} signed progress review ${row.number}: read it and sign`,
          link: `/reviews/${row.id}`,
        });
    return { contentSha256: hash, locked };
  });
}

/**
 * Locks the draft `row` (held FOR UPDATE by the caller) once every required signer has signed `canonical`, in the
 * caller's transaction: the review binds its hash and its targets become rows. Signing in the portal and by link
 * (lib/links/review.ts) both end here. `actorId` is null for a signer without an account.
 */
export async function lockWhenSigned(
  tx: DbOrTx,
  row: ProgressReviewRow,
  canonical: string,
  actorId: string | null,
): Promise<boolean> {
  const hash = sha256Hex(canonical);
  const content = row.content as ReviewContent;
  const signed = await tx
    .select({ signer: reviewSignatures.signer })
    .from(reviewSignatures)
    .where(and(eq(reviewSignatures.reviewId, row.id), eq(reviewSignatures.contentSha256, hash)));
  const have = new Set(signed.map((s) => s.signer));
  if (!row.requiredSigners.every((s) => have.has(s))) return false;
  await tx
    .update(progressReviews)
    .set({ status: 'locked', canonical, contentSha256: hash, heldOn: content.heldOn, lockedAt: sql`now()` })
    .where(eq(progressReviews.id, row.id));
  if (content.targets.length)
    await tx.insert(reviewTargets).values(
      content.targets.map((t, position) => ({
        reviewId: row.id,
        learnerId: row.learnerId,
        key: t.key,
        position,
        text: t.text,
        dueOn: t.dueOn,
        moduleSlug: t.moduleSlug,
        criterionId: t.criterionId,
      })),
    );
  await audit(tx, {
    actorId,
    action: 'review.lock',
    subjectType: 'progress_review',
    subjectId: row.id,
    learnerId: row.learnerId,
    after: { sha256: hash, heldOn: content.heldOn, targets: content.targets.length, signers: row.requiredSigners },
  });
  return true;
}

async function nameOf(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? '';
}

/**
 * The coach corrects the learner's latest locked review: a new draft that amends it, starting from its content and
 * record, signed again by everyone. The locked review stays as it was.
 */
export async function amendReview(actor: Actor, input: { reviewId: string }): Promise<{ id: string }> {
  const db = getDb();
  try {
    return await db.transaction(async (tx) => {
      const row = await loadForUpdate(tx, input.reviewId);
      await authorize(actor, 'review.write', row.learnerId, tx);
      if (row.status !== 'locked') throw new ConflictError('Only a signed review is amended; this one is still open.');
      const latest = await lastLockedReview(tx, row.learnerId);
      if (latest?.id !== row.id)
        throw new ConflictError('This review has been amended or followed by a later one: amend the latest review.');
      if (await openDraftOf(tx, row.learnerId))
        throw new ConflictError('A review of this learner is open: finish or sign it before amending another.');
      const [created] = await tx
        .insert(progressReviews)
        .values({
          learnerId: row.learnerId,
          coachId: actor.id,
          number: await nextNumber(tx, row.learnerId),
          amendsId: row.id,
          requiredSigners: row.requiredSigners,
          content: row.content,
          record: row.record as ReviewRecord,
        })
        .returning({ id: progressReviews.id, number: progressReviews.number });
      await audit(tx, {
        actorId: actor.id,
        action: 'review.amend',
        subjectType: 'progress_review',
        subjectId: created!.id,
        learnerId: row.learnerId,
        before: { reviewId: row.id, number: row.number, sha256: row.contentSha256 },
        after: { number: created!.number },
      });
      return { id: created!.id };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new ConflictError('This review was amended a moment ago: open the amendment from the list.');
    throw e;
  }
}
