import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { canonicalReview } from '../lib/reviews/canonical';
import { sha256Hex } from '../lib/hash';
import type { DbOrTx } from './client';
import { progressReviews, reviewSignatures, reviewTargetEvents, reviewTargets } from './schema';

const DAY = 86_400_000;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

interface Person {
  id: string;
  name: string;
}

interface DemoReview {
  learner: Person;
  number: number;
  daysAgo: number;
  since: string | null;
  progress: string;
  wentWell: string;
  supportNeeded: string;
  targets: { text: string; dueInDays: number; criterionId?: string }[];
  previousTargets?: {
    key: string;
    text: string;
    dueOn: string;
    outcome: 'open' | 'claimed' | 'achieved' | 'not_yet';
  }[];
}

/**
 * A locked review written the way the portal writes one: a draft, both signatures on its content's hash, then the
 * lock and its targets, so the database's rules (db/sql/011_reviews.sql) check the demo data too.
 */
async function lockedReview(tx: DbOrTx, coach: Person, r: DemoReview) {
  const at = new Date(Date.now() - r.daysAgo * DAY);
  const content = {
    heldOn: day(r.daysAgo),
    progress: r.progress,
    wentWell: r.wentWell,
    supportNeeded: r.supportNeeded,
    targets: r.targets.map((t) => ({
      key: crypto.randomUUID(),
      text: t.text,
      dueOn: day(r.daysAgo - t.dueInDays),
      moduleSlug: null,
      criterionId: t.criterionId ?? null,
    })),
  };
  const record = {
    since: r.since,
    criteriaMet: [],
    criteriaAwaiting: [],
    worksheetsHandedIn: [],
    previousTargets: r.previousTargets ?? [],
  };
  const [row] = await tx
    .insert(progressReviews)
    .values({
      learnerId: r.learner.id,
      coachId: coach.id,
      number: r.number,
      content,
      record,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  const canonical = canonicalReview({ ...row!, record, content });
  const hash = sha256Hex(canonical);
  for (const [signer, person] of [
    ['coach', coach],
    ['learner', r.learner],
  ] as const)
    await tx.insert(reviewSignatures).values({
      reviewId: row!.id,
      signer,
      signerId: person.id,
      signerName: person.name,
      contentSha256: hash,
      signedAt: at,
    });
  await tx
    .update(progressReviews)
    .set({ status: 'locked', canonical, contentSha256: hash, heldOn: content.heldOn, lockedAt: at })
    .where(eq(progressReviews.id, row!.id));
  await tx
    .insert(reviewTargets)
    .values(content.targets.map((t, position) => ({ reviewId: row!.id, learnerId: r.learner.id, position, ...t })));
  return content;
}

/**
 * Progress reviews (issue 21), in the winter intake coached by Tom: Chloe has a history of two signed reviews, the
 * second's first target marked achieved by her and waiting for Tom; Dev's only review was 15 weeks ago, so his next
 * one (every 12 weeks) is overdue. Written once: skipped when Chloe has a review.
 */
export async function seedReviewDemo(tx: DbOrTx, coach: Person, chloe: Person, dev: Person): Promise<void> {
  if (
    (
      await tx
        .select({ id: progressReviews.id })
        .from(progressReviews)
        .where(eq(progressReviews.learnerId, chloe.id))
        .limit(1)
    ).length
  )
    return;
  const first = await lockedReview(tx, coach, {
    learner: chloe,
    number: 1,
    daysAgo: 112,
    since: null,
    progress: 'Chloe has settled in at the market stall and started a customer feedback survey.',
    wentWell: 'She spoke to regular customers with confidence.',
    supportNeeded: 'Time with the stall manager to plan the survey questions.',
    targets: [
      {
        text: 'Run the customer survey for four weeks and write up what you found.',
        dueInDays: 42,
        criterionId: 'ee2/pc/1',
      },
    ],
  });
  const second = await lockedReview(tx, coach, {
    learner: chloe,
    number: 2,
    daysAgo: 28,
    since: first.heldOn,
    progress:
      'The survey ran for five weeks; two criteria met since the last review and the loyalty card trial started.',
    wentWell: 'The write-up of the survey was clear and she acted on it.',
    supportNeeded: 'A witness for the loyalty card trial (the stall manager).',
    targets: [
      { text: 'Ask the stall manager for a witness statement about the loyalty card trial.', dueInDays: 21 },
      { text: 'Draft the first section of the portfolio report.', dueInDays: 56 },
    ],
    previousTargets: [
      { key: first.targets[0]!.key, text: first.targets[0]!.text, dueOn: first.targets[0]!.dueOn, outcome: 'achieved' },
    ],
  });
  await tx.insert(reviewTargetEvents).values([
    {
      learnerId: chloe.id,
      targetKey: first.targets[0]!.key,
      event: 'achieved',
      actorId: chloe.id,
      at: new Date(Date.now() - 70 * DAY),
    },
    {
      learnerId: chloe.id,
      targetKey: first.targets[0]!.key,
      event: 'confirmed',
      actorId: coach.id,
      at: new Date(Date.now() - 69 * DAY),
    },
    {
      learnerId: chloe.id,
      targetKey: second.targets[0]!.key,
      event: 'achieved',
      actorId: chloe.id,
      at: new Date(Date.now() - 3 * DAY),
    },
  ]);
  await lockedReview(tx, coach, {
    learner: dev,
    number: 1,
    daysAgo: 105,
    since: null,
    progress: 'Dev has started the win-and-keep-customers module and recorded his first observation.',
    wentWell: 'Calm with an unhappy customer during the observation.',
    supportNeeded: 'Help finding time for the worksheets during busy weeks.',
    targets: [{ text: 'Hand in the keeping-customers worksheet.', dueInDays: 28 }],
  });
}
