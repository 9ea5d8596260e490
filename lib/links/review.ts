import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { progressReviews, reviewSignatures, users, type ProgressReviewRow, type SingleUseLinkRow } from '@/db/schema';
import { audit } from '@/lib/audit';
import { ConflictError, ValidationError } from '@/lib/errors';
import { sha256Hex } from '@/lib/hash';
import { authorize, type Actor } from '@/lib/permissions';
import { canonicalReview } from '@/lib/reviews/canonical';
import type { ReviewContent } from '@/lib/reviews/types';
import { completeness, loadForUpdate, lockWhenSigned } from '@/lib/reviews/write';
import { issueLink, linkState, newestLinkFor, useLink, type IssuedLink, type LinkUse } from './links';
import type { LinkRequest } from './types';

/**
 * An employer (or mentor) signs a progress review by single-use link (issue 21). The coach asks once the review is
 * written: the review then requires the employer's signature too, and the link is bound to the review's canonical
 * content, so any later change to the review supersedes it (lib/reviews/write.ts). Signing by link is a signature
 * like the others (review_signatures, method 'link') and, when it is the last one, locks the review.
 */

const reviewDigest = (row: ProgressReviewRow) => sha256Hex(canonicalReview(row));

const isCurrent = (row: ProgressReviewRow, link: Pick<SingleUseLinkRow, 'documentVersion' | 'documentSha256'>) =>
  row.status === 'draft' &&
  row.requiredSigners.includes('employer') &&
  row.version === link.documentVersion &&
  reviewDigest(row) === link.documentSha256;

/**
 * The learner's coach asks an employer to sign. Adding the employer to the signers changes what is signed, so a
 * signature already given (by the coach or the learner) is asked for again: the page says so before asking.
 */
export async function askEmployerToSign(
  actor: Actor,
  input: { reviewId: string; name: string; role: string; email: string },
): Promise<IssuedLink> {
  return getDb().transaction(async (tx) => {
    let row = await loadForUpdate(tx, input.reviewId);
    await authorize(actor, 'review.write', row.learnerId, tx);
    if (row.status === 'locked') throw new ConflictError('This review is signed and locked: amend it to ask again.');
    const problem = completeness(row.content as ReviewContent);
    if (problem) throw new ValidationError(problem.replace('before signing', 'before asking the employer to sign'));
    if (!row.requiredSigners.includes('employer')) {
      [row] = await tx
        .update(progressReviews)
        .set({ requiredSigners: [...row.requiredSigners, 'employer'] })
        .where(eq(progressReviews.id, row.id))
        .returning();
      await audit(tx, {
        actorId: actor.id,
        action: 'review.signers',
        subjectType: 'progress_review',
        subjectId: row!.id,
        learnerId: row!.learnerId,
        after: { requiredSigners: row!.requiredSigners },
      });
    }
    const [learner] = await tx.select({ name: users.name }).from(users).where(eq(users.id, row!.learnerId));
    return issueLink(tx, {
      purpose: 'review_signature',
      learnerId: row!.learnerId,
      document: { reviewId: row!.id },
      documentVersion: row!.version,
      documentSha256: reviewDigest(row!),
      recipient: { name: input.name, role: input.role, email: input.email },
      actorId: actor.id,
      subject: `Please sign ${learner?.name ?? 'your apprentice'}'s progress review`,
    });
  });
}

/** The employer signs through the link with their name; the signature binds the content the link was made for. */
export async function signReviewByLink(
  token: unknown,
  input: { name: string },
  from: Pick<LinkUse, 'address' | 'userAgent'>,
): Promise<{ locked: boolean }> {
  let review: ProgressReviewRow | undefined;
  return useLink(
    token,
    'review_signature',
    { response: 'signed', name: input.name, comment: '', ...from },
    async (tx, link) => {
      review = await loadForUpdate(tx, link.reviewId!);
      return isCurrent(review, link);
    },
    async (tx, link) => {
      const canonical = canonicalReview(review!);
      await tx.insert(reviewSignatures).values({
        reviewId: review!.id,
        signer: 'employer',
        signerId: null,
        signerName: input.name,
        method: 'link',
        linkId: link.id,
        contentSha256: link.documentSha256,
      });
      await audit(tx, {
        actorId: null,
        action: 'review.sign',
        subjectType: 'progress_review',
        subjectId: review!.id,
        learnerId: review!.learnerId,
        after: { signer: 'employer', method: 'link', linkId: link.id, name: input.name, sha256: link.documentSha256 },
      });
      return { locked: await lockWhenSigned(tx, review!, canonical, null) };
    },
  );
}

/** The newest link asking an employer to sign this review, for the coach's page. */
export async function employerRequest(db: DbOrTx, reviewId: string): Promise<LinkRequest | null> {
  const link = await newestLinkFor(db, { reviewId });
  return link
    ? {
        to: link.recipientEmail,
        name: link.recipientName,
        createdAt: link.createdAt.toISOString(),
        expiresAt: link.expiresAt.toISOString(),
        state: linkState(link),
      }
    : null;
}

/** What the employer's page shows: the review the link was made for, and whose it is. */
export async function reviewForLink(db: DbOrTx, link: SingleUseLinkRow) {
  const [row] = await db.select().from(progressReviews).where(eq(progressReviews.id, link.reviewId!));
  if (!row) return null;
  const people = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [row.learnerId, row.coachId]));
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  return {
    current: isCurrent(row, link),
    learnerName: nameOf.get(row.learnerId) ?? '',
    coachName: nameOf.get(row.coachId) ?? '',
    number: row.number,
    content: row.content as ReviewContent,
    contentSha256: link.documentSha256,
    signerName: link.recipientName,
    signerRole: link.recipientRole,
  };
}
