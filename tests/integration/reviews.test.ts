import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, cohortMembers, progressReviews, reviewTargets } from '@/db/schema';
import { caseload } from '@/lib/dashboards/caseload';
import { learnerHome } from '@/lib/dashboards/learner-home';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { canonicalJson, sha256Hex } from '@/lib/hash';
import { getReview, reviewSummary } from '@/lib/reviews/read';
import { reviewDueOf, setReviewInterval } from '@/lib/reviews/schedule';
import { reviewContentSchema } from '@/lib/reviews/schemas';
import { claimTarget, confirmTarget } from '@/lib/reviews/targets';
import type { ReviewContent } from '@/lib/reviews/types';
import { amendReview, saveReviewDraft, signReview, startReview } from '@/lib/reviews/write';
import { parseOrThrow } from '@/lib/validate';
import { useTestDatabase } from '../helpers/db';
import { refusal, rejection } from '../helpers/refusals';
import { assign, enrol, makeCast, makeUser } from '../helpers/fixtures';
import { judged, makeCohort, MODULE } from '../helpers/qa';

/** Progress reviews: schedule, the form's autosave, signatures and the lock, amendments, targets; and the database's own rules. */
useTestDatabase();

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const key = () => crypto.randomUUID();

function filled(base: ReviewContent, targets = [{ text: 'Log every complaint and what you did.', dueOn: inDays(28) }]) {
  return parseOrThrow(reviewContentSchema, {
    ...base,
    progress: 'Two criteria met since we last met; the feedback log is going well.',
    wentWell: 'Handled a difficult refund calmly.',
    supportNeeded: 'Time with the team leader to observe a complaint call.',
    targets: targets.map((t) => ({ key: key(), moduleSlug: null, criterionId: null, ...t })),
  });
}

/** A learner in a cohort with her coach, a review opened, filled and saved. */
async function heldReview() {
  const c = await makeCast();
  await enrol(c.learner, MODULE);
  const cohortId = await makeCohort([c.learner]);
  const { id } = await startReview(c.coach, { learnerId: c.learner.id });
  const view = await getReview(c.coach, id);
  const content = filled(view.content);
  const saved = await saveReviewDraft(c.coach, id, { version: view.version, content });
  return { ...c, cohortId, id, version: saved.version, content };
}

describe('holding a review', () => {
  it('opens pre-filled from the record since the last review', async () => {
    const c = await makeCast();
    await enrol(c.learner, MODULE);
    await judged(c.learner, c.assessor, 'ee2/pc/1');
    const { id, created } = await startReview(c.coach, { learnerId: c.learner.id });
    expect(created).toBe(true);
    const view = await getReview(c.coach, id);
    expect(view.number).toBe(1);
    expect(view.record.since).toBeNull();
    expect(view.record.criteriaMet.map((m) => m.id)).toEqual(['ee2/pc/1']);
    expect(view.can).toEqual({ edit: true, sign: 'coach', amend: false });
    // A second click opens the same draft.
    expect(await startReview(c.coach, { learnerId: c.learner.id })).toEqual({ id, created: false });
  });

  it('only the learner\u2019s own coach holds and edits it; the learner and assessor read it; others get nothing', async () => {
    const r = await heldReview();
    for (const outsider of [r.otherCoach, r.assessor, r.learner, r.admin])
      expect(await rejection(startReview(outsider, { learnerId: r.learner.id }))).toBeInstanceOf(ForbiddenError);
    for (const outsider of [r.otherCoach, r.assessor, r.learner, r.admin])
      expect(
        await rejection(saveReviewDraft(outsider, r.id, { version: r.version, content: r.content })),
      ).toBeInstanceOf(ForbiddenError);
    for (const reader of [r.learner, r.assessor, r.admin]) expect((await getReview(reader, r.id)).id).toBe(r.id);
    expect((await getReview(r.learner, r.id)).can).toEqual({ edit: false, sign: 'learner', amend: false });
    expect((await getReview(r.assessor, r.id)).can).toEqual({ edit: false, sign: null, amend: false });
    for (const outsider of [r.otherCoach, r.otherLearner, r.otherAssessor])
      expect(await rejection(getReview(outsider, r.id))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(getReview(r.coach, crypto.randomUUID()))).toBeInstanceOf(NotFoundError);
    for (const outsider of [r.otherLearner, r.assessor, r.admin])
      expect(await rejection(signReview(outsider, { reviewId: r.id, version: r.version }))).toBeInstanceOf(
        ForbiddenError,
      );
  });

  it('autosave refuses a stale version with the stored copy, and records each save in the audit log', async () => {
    const r = await heldReview();
    const e = await rejection(
      saveReviewDraft(r.coach, r.id, { version: r.version - 1, content: { ...r.content, wentWell: 'Other tab' } }),
    );
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.toActionResult().current).toMatchObject({ version: r.version, value: { wentWell: r.content.wentWell } });
    const saves = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, r.id), eq(auditLog.action, 'review.save')));
    expect(saves).toHaveLength(1);
  });

  it('refuses a target linked to something that does not exist', async () => {
    const r = await heldReview();
    const content = { ...r.content, targets: [{ ...r.content.targets[0]!, criterionId: 'ee2/pc/999' }] };
    expect(await rejection(saveReviewDraft(r.coach, r.id, { version: r.version, content }))).toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('signing and locking', () => {
  it('locks once the coach and the learner have signed the same content, binding its SHA-256', async () => {
    const r = await heldReview();
    const first = await signReview(r.coach, { reviewId: r.id, version: r.version });
    expect(first.locked).toBe(false);
    // Signing twice changes nothing.
    expect(await signReview(r.coach, { reviewId: r.id, version: r.version })).toEqual(first);
    const second = await signReview(r.learner, { reviewId: r.id, version: r.version });
    expect(second).toEqual({ contentSha256: first.contentSha256, locked: true });

    const [row] = await getDb().select().from(progressReviews).where(eq(progressReviews.id, r.id));
    expect(row!.status).toBe('locked');
    expect(row!.contentSha256).toBe(sha256Hex(row!.canonical!));
    expect(JSON.parse(row!.canonical!)).toMatchObject({ reviewId: r.id, learnerId: r.learner.id, content: r.content });
    expect(row!.canonical).toBe(canonicalJson(JSON.parse(row!.canonical!)));
    const view = await getReview(r.learner, r.id);
    expect(view.status).toBe('locked');
    expect(view.contentSha256).toBe(first.contentSha256);
    expect(view.signatures.map((s) => [s.signer, s.current])).toEqual([
      ['coach', true],
      ['learner', true],
    ]);
    const targets = await getDb().select().from(reviewTargets).where(eq(reviewTargets.reviewId, r.id));
    expect(targets.map((t) => t.text)).toEqual(['Log every complaint and what you did.']);
    const actions = (await getDb().select().from(auditLog).where(eq(auditLog.subjectId, r.id))).map((a) => a.action);
    expect(actions).toEqual(['review.start', 'review.save', 'review.sign', 'review.sign', 'review.lock']);

    // Locked: no more edits or signatures through the app.
    expect(
      await rejection(saveReviewDraft(r.coach, r.id, { version: row!.version, content: r.content })),
    ).toBeInstanceOf(ConflictError);
    expect(await rejection(signReview(r.coach, { reviewId: r.id, version: row!.version }))).toBeInstanceOf(
      ConflictError,
    );
  });

  it('a signature on content that changed afterwards no longer counts', async () => {
    const r = await heldReview();
    await signReview(r.learner, { reviewId: r.id, version: r.version });
    const changed = await saveReviewDraft(r.coach, r.id, {
      version: r.version,
      content: { ...r.content, supportNeeded: 'Also a day shadowing the duty manager.' },
    });
    expect((await getReview(r.coach, r.id)).signatures).toMatchObject([{ signer: 'learner', current: false }]);
    expect((await signReview(r.coach, { reviewId: r.id, version: changed.version })).locked).toBe(false);
    expect((await reviewSummary(r.coach, r.learner.id)).reviews[0]!.awaiting).toEqual(['learner']);
    // A stale page is not signed.
    expect(await rejection(signReview(r.learner, { reviewId: r.id, version: r.version }))).toBeInstanceOf(
      ConflictError,
    );
    expect((await signReview(r.learner, { reviewId: r.id, version: changed.version })).locked).toBe(true);
  });

  it('refuses to sign an unfinished review', async () => {
    const c = await makeCast();
    const { id } = await startReview(c.coach, { learnerId: c.learner.id });
    const e = await rejection(signReview(c.coach, { reviewId: id, version: 1 }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toMatch(/progress/);
  });

  it('a correction is a linked amendment; the locked review stays as signed', async () => {
    const r = await heldReview();
    await signReview(r.coach, { reviewId: r.id, version: r.version });
    await signReview(r.learner, { reviewId: r.id, version: r.version });
    expect(await rejection(amendReview(r.learner, { reviewId: r.id }))).toBeInstanceOf(ForbiddenError);
    const { id } = await amendReview(r.coach, { reviewId: r.id });
    const amendment = await getReview(r.coach, id);
    expect(amendment).toMatchObject({ number: 2, status: 'draft', amends: { id: r.id, number: 1 } });
    expect(amendment.content).toEqual(r.content);
    expect((await getReview(r.coach, r.id)).amendedBy).toEqual({ id, number: 2 });
    expect(await rejection(amendReview(r.coach, { reviewId: r.id }))).toBeInstanceOf(ConflictError);
  });
});

describe('the database refuses changes to a signed review, whatever the application does', () => {
  it('refuses UPDATE and DELETE of a locked review, and changes to signatures and targets', async () => {
    const r = await heldReview();
    await signReview(r.coach, { reviewId: r.id, version: r.version });
    await signReview(r.learner, { reviewId: r.id, version: r.version });
    expect(await refusal(sql`update progress_reviews set content = '{}'::jsonb where id = ${r.id}`)).toMatch(/locked/);
    expect(await refusal(sql`update progress_reviews set status = 'draft' where id = ${r.id}`)).toMatch(/locked/);
    expect(await refusal(sql`delete from progress_reviews where id = ${r.id}`)).toMatch(/DELETE refused/);
    expect(await refusal(sql`update review_signatures set signer_name = 'x' where review_id = ${r.id}`)).toMatch(
      /append-only/,
    );
    expect(await refusal(sql`delete from review_signatures where review_id = ${r.id}`)).toMatch(/append-only/);
    expect(await refusal(sql`update review_targets set text = 'easier' where review_id = ${r.id}`)).toMatch(
      /append-only/,
    );
    expect(
      await refusal(
        sql`insert into review_signatures (review_id, signer, signer_id, signer_name, content_sha256)
            values (${r.id}, 'coach', ${r.coach.id}, 'x', ${'a'.repeat(64)})`,
      ),
    ).toMatch(/locked/);
    expect(
      await refusal(
        sql`insert into review_targets (review_id, learner_id, key, position, text, due_on)
            values (${r.id}, ${r.learner.id}, ${key()}, 9, 'Not agreed', ${inDays(3)})`,
      ),
    ).toMatch(/not a target of the signed review/);
    expect(await refusal(sql`truncate review_signatures`)).toMatch(/append-only/);
  });

  it('refuses to lock a review without every signature on that content, or with a hash that is not its own', async () => {
    const r = await heldReview();
    const [row] = await getDb().select().from(progressReviews).where(eq(progressReviews.id, r.id));
    const canonical = canonicalJson({
      reviewId: r.id,
      learnerId: r.learner.id,
      number: 1,
      amendsId: null,
      requiredSigners: ['coach', 'learner'],
      record: row!.record,
      content: row!.content,
    });
    const lock = (text: string, hash: string) =>
      sql`update progress_reviews set status = 'locked', canonical = ${text}, content_sha256 = ${hash},
          held_on = ${r.content.heldOn}, locked_at = now() where id = ${r.id}`;
    expect(await refusal(lock(canonical, sha256Hex(canonical)))).toMatch(/not signed by coach, learner/);
    await signReview(r.coach, { reviewId: r.id, version: r.version });
    expect(await refusal(lock(canonical, sha256Hex(canonical)))).toMatch(/not signed by learner/);
    expect(await refusal(lock(canonical, 'b'.repeat(64)))).toMatch(/not the SHA-256/);
    const other = canonical.replace('Handled a difficult refund calmly.', 'Everything went well.');
    expect(await refusal(lock(other, sha256Hex(other)))).toMatch(/does not describe this review/);
    // The learner cannot be signed for by someone else, and a review is never inserted locked.
    expect(
      await refusal(
        sql`insert into review_signatures (review_id, signer, signer_id, signer_name, content_sha256)
            values (${r.id}, 'learner', ${r.coach.id}, 'x', ${sha256Hex(canonical)})`,
      ),
    ).toMatch(/only the review's learner/);
    expect(
      await refusal(
        sql`insert into progress_reviews (learner_id, coach_id, number, content, record, status)
            values (${r.learner.id}, ${r.coach.id}, 7, '{}'::jsonb, '{}'::jsonb, 'locked')`,
      ),
    ).toMatch(/starts as a draft/);
  });
});

describe('targets after the review', () => {
  it('the learner marks one achieved, the coach confirms; the next review opens with them and their outcome', async () => {
    const r = await heldReview();
    const two = filled(r.content, [
      { text: 'Log every complaint.', dueOn: inDays(14) },
      { text: 'Observe a complaint call.', dueOn: inDays(-1) },
    ]);
    const saved = await saveReviewDraft(r.coach, r.id, { version: r.version, content: two });
    await signReview(r.coach, { reviewId: r.id, version: saved.version });
    await signReview(r.learner, { reviewId: r.id, version: saved.version });
    const [first, second] = two.targets;

    const home = await learnerHome(r.learner);
    expect(home.reviews.targets.map((t) => [t.text, t.outcome, t.overdue])).toEqual([
      ['Log every complaint.', 'open', false],
      ['Observe a complaint call.', 'open', true],
    ]);
    expect(await rejection(claimTarget(r.coach, { key: first!.key }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(claimTarget(r.otherLearner, { key: first!.key }))).toBeInstanceOf(NotFoundError);
    expect(
      await rejection(confirmTarget(r.coach, { learnerId: r.learner.id, key: first!.key, outcome: 'confirmed' })),
    ).toBeInstanceOf(ConflictError);
    expect(await claimTarget(r.learner, { key: first!.key })).toEqual({ outcome: 'claimed' });
    expect(
      await rejection(confirmTarget(r.otherCoach, { learnerId: r.learner.id, key: first!.key, outcome: 'confirmed' })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await confirmTarget(r.coach, { learnerId: r.learner.id, key: first!.key, outcome: 'confirmed' })).toEqual({
      outcome: 'achieved',
    });
    await claimTarget(r.learner, { key: second!.key });
    await confirmTarget(r.coach, {
      learnerId: r.learner.id,
      key: second!.key,
      outcome: 'not_yet',
      note: 'Not observed yet.',
    });

    const next = await startReview(r.coach, { learnerId: r.learner.id });
    const view = await getReview(r.coach, next.id);
    expect(view.number).toBe(2);
    expect(view.record.since).toBe(r.content.heldOn);
    expect(view.record.previousTargets.map((t) => [t.text, t.outcome])).toEqual([
      ['Log every complaint.', 'achieved'],
      ['Observe a complaint call.', 'not_yet'],
    ]);
    // The unfinished one is carried into the new review with the same key.
    expect(view.content.targets.map((t) => t.key)).toEqual([second!.key]);
  });
});

describe('the schedule', () => {
  it('each learner has a next review date: cohort start (then last review) plus the cohort interval', async () => {
    const r = await heldReview();
    const [m] = await getDb()
      .select({ added: cohortMembers.addedAt })
      .from(cohortMembers)
      .where(eq(cohortMembers.learnerId, r.learner.id));
    const joined = m!.added.toISOString().slice(0, 10);
    const plus = (day: string, weeks: number) =>
      new Date(Date.parse(`${day}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
    expect(await reviewDueOf(getDb(), r.learner.id)).toEqual({ dueOn: plus(joined, 12), intervalWeeks: 12 });

    expect(await rejection(setReviewInterval(r.coach, { cohortId: r.cohortId, weeks: 8 }))).toBeInstanceOf(
      ForbiddenError,
    );
    await setReviewInterval(r.admin, { cohortId: r.cohortId, weeks: 8 });
    expect(await reviewDueOf(getDb(), r.learner.id)).toEqual({ dueOn: plus(joined, 8), intervalWeeks: 8 });

    await signReview(r.coach, { reviewId: r.id, version: r.version });
    await signReview(r.learner, { reviewId: r.id, version: r.version });
    expect((await reviewDueOf(getDb(), r.learner.id)).dueOn).toBe(plus(r.content.heldOn, 8));
  });

  it('overdue reviews stand out on the caseload (a filter and a sort) and on the learner\u2019s home', async () => {
    const coach = await makeUser('coach');
    const due = await makeUser('learner', 'Dora Overdue');
    const fine = await makeUser('learner', 'Fred Fine');
    await assign(due, coach);
    await assign(fine, coach);
    const cohortId = await makeCohort([due, fine]);
    await getDb().execute(
      sql`update cohort_members set added_at = now() - interval '100 days' where learner_id = ${due.id}`,
    );
    const load = await caseload(coach, { status: 'overdue' });
    expect(load.counts.overdue).toBe(1);
    expect(load.rows.map((row) => [row.name, row.nextReview?.overdue])).toEqual([['Dora Overdue', true]]);
    const sorted = await caseload(coach, { sort: 'review' });
    expect(sorted.rows.map((row) => row.name)).toEqual(['Dora Overdue', 'Fred Fine']);
    expect((await learnerHome(due)).reviews).toMatchObject({ overdue: true, intervalWeeks: 12 });
    expect((await learnerHome(fine)).reviews).toMatchObject({ overdue: false });
    expect(cohortId).toBeTruthy();
  });
});
