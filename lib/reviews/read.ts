import 'server-only';
import { employerRequest } from '@/lib/links/review';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { enrolments, progressReviews, reviewSignatures, users } from '@/db/schema';
import { assessableItems, getItem, getModule } from '@/lib/content';
import { criterionLabel } from '@/lib/dashboards/labels';
import { NotFoundError } from '@/lib/errors';
import { sha256Hex } from '@/lib/hash';
import { isUuid } from '@/lib/ids';
import { allows, authorize, relationTo, type Actor } from '@/lib/permissions';
import { lastLockedReview, targetOutcomes, targetsOf } from './record';
import { isOverdue, reviewDueOf, todayInUk } from './schedule';
import type { ReviewContent, ReviewListEntry, ReviewRecord, ReviewSummary, ReviewView } from './types';
import { canonicalReview } from './canonical';

const NOT_FOUND = 'We could not find that review.';

/** The words for a target's link (module or criterion), or null. */
export function linkLabel(t: { moduleSlug: string | null; criterionId: string | null }): string | null {
  if (t.criterionId) {
    const item = getItem(t.criterionId);
    return item ? criterionLabel(item) : t.criterionId;
  }
  if (t.moduleSlug) {
    const mod = getModule(t.moduleSlug);
    return mod ? `${mod.code} ${mod.title}` : t.moduleSlug;
  }
  return null;
}

/** Modules (with criteria) the learner is enrolled on, and their criteria: what a target may be linked to. */
async function linkOptions(db: DbOrTx, learnerId: string) {
  const rows = await db
    .select({ slug: enrolments.moduleSlug })
    .from(enrolments)
    .where(eq(enrolments.learnerId, learnerId))
    .orderBy(asc(enrolments.enrolledAt));
  const out: { value: string; label: string }[] = [];
  for (const { slug } of rows) {
    const mod = getModule(slug);
    const items = assessableItems(slug);
    if (!mod || !items.length) continue;
    out.push({ value: `m:${slug}`, label: `${mod.code} ${mod.title} (the whole module)` });
    for (const item of items) out.push({ value: `c:${item.id}`, label: criterionLabel(item) });
  }
  return out;
}

/** One review as the person asking may see it. Anyone who may not read the learner's reviews gets "not found". */
export async function getReview(actor: Actor, reviewId: string, db: DbOrTx = getDb()): Promise<ReviewView> {
  if (!isUuid(reviewId)) throw new NotFoundError(NOT_FOUND);
  const [row] = await db.select().from(progressReviews).where(eq(progressReviews.id, reviewId));
  if (!row) throw new NotFoundError(NOT_FOUND);
  const relation = await authorize(actor, 'review.view', row.learnerId, db);
  const related = await db
    .select({ id: progressReviews.id, number: progressReviews.number, amendsId: progressReviews.amendsId })
    .from(progressReviews)
    .where(eq(progressReviews.learnerId, row.learnerId));
  const [people, signatures, latest] = await Promise.all([
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [row.learnerId, row.coachId])),
    db
      .select()
      .from(reviewSignatures)
      .where(eq(reviewSignatures.reviewId, row.id))
      .orderBy(asc(reviewSignatures.signedAt)),
    lastLockedReview(db, row.learnerId),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const hash = row.contentSha256 ?? sha256Hex(canonicalReview(row));
  const signedNow = new Set(signatures.filter((s) => s.contentSha256 === hash).map((s) => s.signer));
  const amends = row.amendsId ? related.find((r) => r.id === row.amendsId) : undefined;
  const amendedBy = related.find((r) => r.amendsId === row.id);
  const openDraft = related.length > 0 && (await hasDraft(db, row.learnerId));
  const mySigner = relation === 'self' ? 'learner' : relation === 'coach' ? 'coach' : null;
  const draft = row.status === 'draft';
  return {
    id: row.id,
    learnerId: row.learnerId,
    learnerName: nameOf.get(row.learnerId) ?? '',
    coachName: nameOf.get(row.coachId) ?? '',
    number: row.number,
    status: row.status,
    amends: amends ? { id: amends.id, number: amends.number } : null,
    amendedBy: amendedBy ? { id: amendedBy.id, number: amendedBy.number } : null,
    content: row.content as ReviewContent,
    record: row.record as ReviewRecord,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    contentSha256: hash,
    lockedAt: row.lockedAt?.toISOString() ?? null,
    requiredSigners: row.requiredSigners,
    signatures: signatures.map((s) => ({
      signer: s.signer,
      name: s.signerName,
      at: s.signedAt.toISOString(),
      current: s.contentSha256 === hash,
    })),
    can: {
      edit: draft && allows('review.write', relation),
      sign:
        draft &&
        mySigner &&
        allows('review.sign', relation) &&
        row.requiredSigners.includes(mySigner) &&
        !signedNow.has(mySigner)
          ? mySigner
          : null,
      amend: !draft && allows('review.write', relation) && latest?.id === row.id && !amendedBy && !openDraft,
    },
    linkOptions: draft && allows('review.write', relation) ? await linkOptions(db, row.learnerId) : [],
    employerRequest: allows('review.write', relation) ? await employerRequest(db, row.id) : null,
  };
}

async function hasDraft(db: DbOrTx, learnerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: progressReviews.id })
    .from(progressReviews)
    .where(and(eq(progressReviews.learnerId, learnerId), eq(progressReviews.status, 'draft')));
  return Boolean(row);
}

/**
 * A learner's reviews for their home page and their coach's page: the next review date, every review (newest first,
 * with who has still to sign an open one), and the targets of the last locked review with what became of them.
 */
export async function reviewSummary(
  actor: Actor,
  learnerId: string,
  db: DbOrTx = getDb(),
  now = new Date(),
): Promise<ReviewSummary> {
  await authorize(actor, 'review.view', learnerId, db);
  const [due, rows, last] = await Promise.all([
    reviewDueOf(db, learnerId),
    db
      .select()
      .from(progressReviews)
      .where(eq(progressReviews.learnerId, learnerId))
      .orderBy(desc(progressReviews.number)),
    lastLockedReview(db, learnerId),
  ]);
  const drafts = rows.filter((r) => r.status === 'draft');
  const sigs = drafts.length
    ? await db
        .select({
          reviewId: reviewSignatures.reviewId,
          signer: reviewSignatures.signer,
          sha: reviewSignatures.contentSha256,
        })
        .from(reviewSignatures)
        .where(
          inArray(
            reviewSignatures.reviewId,
            drafts.map((d) => d.id),
          ),
        )
    : [];
  const numberOf = new Map(rows.map((r) => [r.id, r.number]));
  const amended = new Set(rows.map((r) => r.amendsId).filter(Boolean));
  const reviews: ReviewListEntry[] = rows.map((r) => {
    const hash = r.status === 'draft' ? sha256Hex(canonicalReview(r)) : r.contentSha256;
    const signed = new Set(sigs.filter((s) => s.reviewId === r.id && s.sha === hash).map((s) => s.signer));
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      heldOn: r.heldOn ?? (r.content as ReviewContent).heldOn,
      amendsNumber: r.amendsId ? (numberOf.get(r.amendsId) ?? null) : null,
      amended: amended.has(r.id),
      awaiting: r.status === 'draft' ? r.requiredSigners.filter((s) => !signed.has(s)) : [],
    };
  });
  const targets = last ? await targetsOf(db, last.id) : [];
  const outcomes = await targetOutcomes(
    db,
    learnerId,
    targets.map((t) => t.key),
  );
  const today = todayInUk(now);
  return {
    nextDue: due.dueOn,
    overdue: isOverdue(due.dueOn, now),
    intervalWeeks: due.intervalWeeks,
    reviews,
    targets: targets.map((t) => {
      const outcome = outcomes.get(t.key)?.outcome ?? 'open';
      return {
        key: t.key,
        text: t.text,
        dueOn: t.dueOn,
        outcome,
        overdue: outcome !== 'achieved' && t.dueOn < today,
        link: linkLabel(t),
      };
    }),
  };
}

/** Whether the actor relates to the learner so that they may hold reviews (for showing the "start" button). */
export async function mayHoldReviews(actor: Actor, learnerId: string, db: DbOrTx = getDb()): Promise<boolean> {
  return allows('review.write', await relationTo(actor, learnerId, db));
}
