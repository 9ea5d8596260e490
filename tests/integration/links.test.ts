import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, emailOutbox, notifications, progressReviews, reviewSignatures, singleUseLinks } from '@/db/schema';
import { NotFoundError, type PublicError } from '@/lib/errors';
import { getEvidence } from '@/lib/evidence/read';
import { portfolioExport } from '@/lib/export/record';
import { linkPage } from '@/lib/links/page';
import { askEmployerToSign, signReviewByLink } from '@/lib/links/review';
import { tokenHash } from '@/lib/links/token';
import { answerWitnessLink, requestWitnessConfirmation } from '@/lib/links/witness';
import { getReview } from '@/lib/reviews/read';
import { reviewContentSchema } from '@/lib/reviews/schemas';
import { saveReviewDraft, signReview, startReview } from '@/lib/reviews/write';
import { parseOrThrow } from '@/lib/validate';
import { useTestDatabase } from '../helpers/db';
import { databaseRefusal, rejection } from '../helpers/refusals';
import { createEvidence, updateEvidence } from '../helpers/evidence';
import { enrol, makeCast } from '../helpers/fixtures';
import { judge as recordJudgement } from '../helpers/judgements';
import { MODULE, makeCohort, period, qaCast } from '../helpers/qa';
import { drawQaSample } from '@/lib/qa/draw';
import { getSampledItem } from '@/lib/qa/pages';

/**
 * Single-use links (lib/links): a witness confirms a statement, an employer signs a review. Each link works once,
 * before it expires, for the one version of the one document it was made for; a used, expired, altered or
 * superseded link is refused and changes nothing; every use is audited with who, when and from where.
 */
useTestDatabase();

const FROM = { address: '203.0.113.9', userAgent: 'Mozilla/5.0 (test witness)' };
/** The token of a link shown to the person who asked (no SMTP_URL in these tests, so it is shown). */
const tokenOf = (url: string | null) => {
  if (!url) throw new Error('the link was emailed, not shown');
  return url.split('/confirm/')[1]!;
};

/** Everything a refused use could have changed: links, audit rows, signatures. */
async function snapshot() {
  const db = getDb();
  const [links, audits, signatures] = await Promise.all([
    db.select().from(singleUseLinks).orderBy(singleUseLinks.id),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog),
    db.select({ n: sql<number>`count(*)::int` }).from(reviewSignatures),
  ]);
  return { links, audits: audits[0]!.n, signatures: signatures[0]!.n };
}

async function witnessStatement() {
  const c = await makeCast();
  await enrol(c.learner, MODULE);
  const { id } = await createEvidence(c.learner, {
    kind: 'witness',
    title: 'Sam saw me handle a complaint',
    occurredOn: '2026-11-02',
    description: '',
    body: 'Ali calmly took a refund complaint, listened, and put it right the same day.',
    witnessName: 'Sam Lee',
    witnessRole: 'Store manager',
    witnessContact: 'sam.lee@shop.example',
    criteria: [{ id: 'ee2/pc/11', note: 'Good customer service, seen by my manager.' }],
  });
  return { ...c, evidenceId: id };
}

const answer = (name = 'Sam Lee', response: 'confirmed' | 'disputed' = 'confirmed', comment = '') => ({
  name,
  response,
  comment,
});

describe('how a link reaches its recipient', () => {
  const mailOf = async (linkId: string) =>
    getDb()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.deliveryKey, `link:${linkId}`));

  it('queues one mail with the link in the outbox with the link itself; with a mail server set, the asker never sees it', async () => {
    const c = await witnessStatement();
    const shown = await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId });
    const [mail, ...more] = await mailOf(shown.id);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ toAddress: 'sam.lee@shop.example', kind: 'witness_link', recipientId: null });
    expect(mail!.text).toContain(shown.url!);

    process.env.SMTP_URL = 'smtp://127.0.0.1:2525';
    try {
      const emailed = await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId });
      expect(emailed).toMatchObject({ emailed: true, url: null });
      const [sent] = await mailOf(emailed.id);
      expect(sent!.text).toMatch(/\/confirm\/[A-Za-z0-9_-]{43}\n/);
      expect(sent!.text).not.toContain(tokenOf(shown.url));
    } finally {
      delete process.env.SMTP_URL;
    }
  });
});

describe('the learner hears of the answer', () => {
  it('is told in the app, linked to the statement, when the witness answers', async () => {
    const c = await witnessStatement();
    const token = tokenOf((await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId })).url);
    await answerWitnessLink(token, answer('Sam Lee', 'disputed', 'I was not there that day.'), FROM);
    const told = await getDb().select().from(notifications).where(eq(notifications.recipientId, c.learner.id));
    expect(told.filter((n) => n.kind === 'witness_confirmed')).toEqual([
      expect.objectContaining({
        link: `/evidence/${c.evidenceId}`,
        title: 'Sam Lee said your witness statement \u201cSam saw me handle a complaint\u201d is not accurate',
      }),
    ]);
  });
});

describe('witness statements confirmed by link', () => {
  it('makes a link that stores only its hash, shows the statement, and records the answer once with who, when and where', async () => {
    const c = await witnessStatement();
    const issued = await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId });
    const token = tokenOf(issued.url);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(issued.emailed).toBe(false);
    expect(issued.to).toBe('sam.lee@shop.example');
    const days = (Date.parse(issued.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const [row] = await getDb().select().from(singleUseLinks).where(eq(singleUseLinks.id, issued.id));
    expect(row!.tokenSha256).toBe(tokenHash(token));
    const text = JSON.stringify(await getDb().execute(sql`select * from single_use_links`));
    expect(text).not.toContain(token);
    const auditText = JSON.stringify(await getDb().select().from(auditLog));
    expect(auditText).not.toContain(token);

    const page = await linkPage(token);
    expect(page).toMatchObject({
      kind: 'witness',
      statement: { title: 'Sam saw me handle a complaint', witnessName: 'Sam Lee', witnessRole: 'Store manager' },
    });

    await expect(answerWitnessLink(token, answer('Samantha Lee'), FROM)).resolves.toEqual({ response: 'confirmed' });
    const [used] = await getDb().select().from(singleUseLinks).where(eq(singleUseLinks.id, issued.id));
    expect(used).toMatchObject({
      response: 'confirmed',
      responderName: 'Samantha Lee',
      usedFromAddress: FROM.address,
      usedUserAgent: FROM.userAgent,
    });
    expect(used!.usedAt).toBeInstanceOf(Date);

    for (const viewer of [c.learner, c.assessor, c.coach, c.admin]) {
      const e = await getEvidence(viewer, c.evidenceId);
      expect(e.witnessStatus?.confirmation).toMatchObject({
        response: 'confirmed',
        name: 'Samantha Lee',
        role: 'Store manager',
        ofThisVersion: true,
      });
    }
    const exported = await portfolioExport(c.assessor, c.learner.id, MODULE);
    expect(JSON.stringify(exported)).toContain('"confirmation":{');
    expect(JSON.stringify(exported)).toContain('Samantha Lee');

    const actions = await getDb()
      .select({ action: auditLog.action, actorId: auditLog.actorId, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.learnerId, c.learner.id));
    const names = actions.map((a) => a.action);
    expect(names).toEqual(expect.arrayContaining(['link.issue', 'link.use', 'witness.confirm']));
    const use = actions.find((a) => a.action === 'link.use')!;
    expect(use.actorId).toBeNull();
    expect(use.after).toMatchObject({ name: 'Samantha Lee', address: FROM.address, userAgent: FROM.userAgent });
  });

  it('refuses a second use, and the page says it was used; nothing changes', async () => {
    const c = await witnessStatement();
    const token = tokenOf((await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId })).url);
    await answerWitnessLink(token, answer(), FROM);
    const before = await snapshot();
    const e = await rejection(answerWitnessLink(token, answer('Someone Else', 'disputed'), FROM));
    expect(e.status).toBe(410);
    expect(e.message).toMatch(/used on .* works only once\. Nothing has been changed/);
    expect(await snapshot()).toEqual(before);
    expect(await linkPage(token)).toMatchObject({ kind: 'unusable', state: 'used' });
  });

  it('refuses an altered, cut or made-up token as not found, and changes nothing', async () => {
    const c = await witnessStatement();
    const token = tokenOf((await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId })).url);
    const flipped = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    const before = await snapshot();
    for (const bad of [
      flipped,
      token.slice(0, 42),
      `${token}=`,
      '',
      'x'.repeat(43),
      crypto.randomBytes(32).toString('base64url'),
    ]) {
      const e = await rejection(answerWitnessLink(bad, answer(), FROM));
      expect(e, bad).toBeInstanceOf(NotFoundError);
      expect(await linkPage(bad)).toBeNull();
    }
    expect(await snapshot()).toEqual(before);
    await expect(answerWitnessLink(token, answer(), FROM)).resolves.toEqual({ response: 'confirmed' });
  });

  it('refuses an expired link, and the database refuses to mark one used', async () => {
    const c = await witnessStatement();
    const token = crypto.randomBytes(32).toString('base64url');
    const { version } = await getEvidence(c.learner, c.evidenceId);
    const [link] = await getDb()
      .insert(singleUseLinks)
      .values({
        tokenSha256: tokenHash(token),
        purpose: 'witness_statement',
        learnerId: c.learner.id,
        evidenceId: c.evidenceId,
        documentVersion: version,
        documentSha256: '0'.repeat(64),
        recipientName: 'Sam Lee',
        recipientEmail: 'sam.lee@shop.example',
        createdBy: c.learner.id,
        createdAt: new Date(Date.now() - 8 * 86_400_000),
        expiresAt: new Date(Date.now() - 86_400_000),
      })
      .returning();
    const before = await snapshot();
    const refused = await rejection(answerWitnessLink(token, answer(), FROM));
    expect(refused.status).toBe(410);
    expect(refused.message).toMatch(/expired on/);
    expect(await snapshot()).toEqual(before);
    expect(await linkPage(token)).toMatchObject({ kind: 'unusable', state: 'expired' });
    expect(
      await databaseRefusal(
        sql`update single_use_links set used_at = now(), response = 'confirmed', responder_name = 'x' where id = ${link!.id}`,
      ),
    ).toMatch(/expired; use refused/);
  });

  it('an edit of the statement supersedes its link; a new link supersedes the one before', async () => {
    const c = await witnessStatement();
    const first = tokenOf((await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId })).url);
    const second = tokenOf((await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId })).url);
    expect(await linkPage(first)).toMatchObject({ kind: 'unusable', state: 'superseded' });
    expect((await rejection(answerWitnessLink(first, answer(), FROM))).status).toBe(410);

    const view = await getEvidence(c.learner, c.evidenceId);
    await updateEvidence(c.learner, c.evidenceId, {
      ...view.snapshot,
      version: view.version,
      body: `${view.snapshot.body} She also phoned the customer back.`,
    });
    const before = await snapshot();
    expect(before.links.filter((l) => l.evidenceId === c.evidenceId).every((l) => l.supersededAt)).toBe(true);
    const e = await rejection(answerWitnessLink(second, answer(), FROM));
    expect(e.status).toBe(410);
    expect(e.message).toMatch(/replaced/);
    expect(await snapshot()).toEqual(before);
    const audits = await getDb()
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.learnerId, c.learner.id), eq(auditLog.action, 'link.supersede')));
    expect(audits.map((a) => (a.after as { reason: string }).reason).sort()).toEqual([
      'a newer link was made',
      'the statement was changed',
    ]);

    // Confirmed, then edited: the answer stays on the record, marked as about an earlier version.
    const third = tokenOf((await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId })).url);
    await answerWitnessLink(third, answer('Sam Lee', 'disputed', 'I was not there that day.'), FROM);
    const now = await getEvidence(c.learner, c.evidenceId);
    expect(now.witnessStatus?.confirmation).toMatchObject({ response: 'disputed', ofThisVersion: true });
    await updateEvidence(c.learner, c.evidenceId, { ...now.snapshot, version: now.version, title: 'Sam saw me' });
    const after = await getEvidence(c.assessor, c.evidenceId);
    expect(after.witnessStatus?.confirmation).toMatchObject({
      response: 'disputed',
      comment: 'I was not there that day.',
      ofThisVersion: false,
    });
  });

  it('two uses at once: exactly one is recorded', async () => {
    const c = await witnessStatement();
    const token = tokenOf((await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId })).url);
    const results = await Promise.allSettled([
      answerWitnessLink(token, answer('First'), FROM),
      answerWitnessLink(token, answer('Second', 'disputed'), FROM),
      answerWitnessLink(token, answer('Third'), FROM),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect(((r as PromiseRejectedResult).reason as PublicError).status).toBe(410);
    const uses = await getDb()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.learnerId, c.learner.id),
          inArray(auditLog.action, ['link.use', 'witness.confirm', 'witness.dispute']),
        ),
      );
    expect(uses).toHaveLength(2);
  });

  it('only the learner asks for a link for their own statement', async () => {
    const c = await witnessStatement();
    for (const actor of [c.otherLearner, c.assessor, c.coach, c.otherCoach, c.admin]) {
      const e = await rejection(requestWitnessConfirmation(actor, { evidenceId: c.evidenceId }));
      expect([403, 404], actor.role).toContain(e.status);
    }
    const { id } = await createEvidence(c.learner, {
      kind: 'account',
      title: 'Not a witness statement',
      occurredOn: '2026-11-02',
      description: '',
      body: 'My own account.',
      criteria: [],
    });
    expect((await rejection(requestWitnessConfirmation(c.learner, { evidenceId: id }))).status).toBe(400);
    expect(await snapshot().then((s) => s.links.filter((l) => l.learnerId === c.learner.id))).toEqual([]);
  });

  it('the database keeps a used link as it is and refuses to remove one', async () => {
    const c = await witnessStatement();
    const issued = await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId });
    await answerWitnessLink(tokenOf(issued.url), answer(), FROM);
    expect(
      await databaseRefusal(sql`update single_use_links set responder_name = 'Forged' where id = ${issued.id}`),
    ).toMatch(/used or superseded; UPDATE refused/);
    expect(await databaseRefusal(sql`delete from single_use_links where id = ${issued.id}`)).toMatch(/DELETE refused/);
    const fresh = await requestWitnessConfirmation(c.learner, { evidenceId: c.evidenceId });
    expect(
      await databaseRefusal(
        sql`update single_use_links set evidence_id = ${c.evidenceId}, document_version = 99 where id = ${fresh.id}`,
      ),
    ).toMatch(/only a link's use or supersession/);
  });
});

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function writtenReview() {
  const c = await makeCast();
  await enrol(c.learner, MODULE);
  await makeCohort([c.learner]);
  const { id } = await startReview(c.coach, { learnerId: c.learner.id });
  const view = await getReview(c.coach, id);
  const content = parseOrThrow(reviewContentSchema, {
    ...view.content,
    progress: 'Two criteria met; the complaints log is going well.',
    wentWell: 'A calm refund.',
    supportNeeded: 'Time with the team leader.',
    targets: [
      {
        key: crypto.randomUUID(),
        text: 'Log every complaint.',
        dueOn: inDays(28),
        moduleSlug: null,
        criterionId: null,
      },
    ],
  });
  const saved = await saveReviewDraft(c.coach, id, { version: view.version, content });
  return { ...c, reviewId: id, version: saved.version, content };
}

const employer = { name: 'Pat Morgan', role: 'Operations manager', email: 'pat@employer.example' };

describe('an employer signs a progress review by link', () => {
  it('the coach asks; coach, learner and employer sign; the employer\u2019s signature locks the review', async () => {
    const c = await writtenReview();
    for (const actor of [c.learner, c.otherCoach, c.assessor, c.admin])
      expect([403, 404]).toContain(
        (await rejection(askEmployerToSign(actor, { reviewId: c.reviewId, ...employer }))).status,
      );
    const issued = await askEmployerToSign(c.coach, { reviewId: c.reviewId, ...employer });
    const token = tokenOf(issued.url);
    const view = await getReview(c.coach, c.reviewId);
    expect(view.requiredSigners).toEqual(['coach', 'learner', 'employer']);
    expect(view.employerRequest).toMatchObject({ name: 'Pat Morgan', state: 'open' });
    expect(await linkPage(token)).toMatchObject({ kind: 'review', review: { signerName: 'Pat Morgan' } });

    await signReview(c.learner, { reviewId: c.reviewId, version: view.version });
    await signReview(c.coach, { reviewId: c.reviewId, version: view.version });
    const out = await signReviewByLink(token, { name: 'Pat Morgan' }, FROM);
    expect(out).toEqual({ locked: true });

    const [review] = await getDb().select().from(progressReviews).where(eq(progressReviews.id, c.reviewId));
    expect(review!.status).toBe('locked');
    const signatures = await getDb().select().from(reviewSignatures).where(eq(reviewSignatures.reviewId, c.reviewId));
    expect(signatures.find((s) => s.signer === 'employer')).toMatchObject({
      method: 'link',
      linkId: issued.id,
      signerId: null,
      signerName: 'Pat Morgan',
      contentSha256: review!.contentSha256,
    });
    const audits = await getDb()
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.subjectId, c.reviewId));
    expect(
      audits
        .filter((a) => a.actorId === null)
        .map((a) => a.action)
        .sort(),
    ).toEqual(['review.lock', 'review.sign']);
    expect(await linkPage(token)).toMatchObject({ kind: 'unusable', state: 'used' });
    expect((await rejection(signReviewByLink(token, { name: 'Pat Morgan' }, FROM))).status).toBe(410);
  });

  it('a change to the review after the link was made supersedes it; nothing is signed', async () => {
    const c = await writtenReview();
    const token = tokenOf((await askEmployerToSign(c.coach, { reviewId: c.reviewId, ...employer })).url);
    const view = await getReview(c.coach, c.reviewId);
    await saveReviewDraft(c.coach, c.reviewId, {
      version: view.version,
      content: { ...view.content, wentWell: 'A calm refund, and a thank-you card.' },
    });
    const before = await snapshot();
    const e = await rejection(signReviewByLink(token, { name: 'Pat Morgan' }, FROM));
    expect(e.status).toBe(410);
    expect(await snapshot()).toEqual(before);
    expect((await getReview(c.coach, c.reviewId)).employerRequest).toMatchObject({ state: 'superseded' });
  });

  it('a witness link cannot sign a review, and the database refuses an employer signature without a used link', async () => {
    const c = await writtenReview();
    await askEmployerToSign(c.coach, { reviewId: c.reviewId, ...employer });
    const w = await witnessStatement();
    const witnessToken = tokenOf((await requestWitnessConfirmation(w.learner, { evidenceId: w.evidenceId })).url);
    expect(await rejection(signReviewByLink(witnessToken, { name: 'Pat' }, FROM))).toBeInstanceOf(NotFoundError);
    expect(
      await databaseRefusal(sql`insert into review_signatures (review_id, signer, signer_name, method, content_sha256)
        values (${c.reviewId}, 'employer', 'Forged', 'portal', ${'a'.repeat(64)})`),
    ).toMatch(/employer signs by a used link|review_signatures_link_named|portal_account/);
    expect(
      await databaseRefusal(sql`insert into review_signatures (review_id, signer, signer_name, method, link_id, content_sha256)
        values (${c.reviewId}, 'employer', 'Forged', 'link', ${crypto.randomUUID()}, ${'a'.repeat(64)})`),
    ).toMatch(/employer signs by a used link/);
  });
});

describe("quality assurance sees the witness's answer", () => {
  it("an IQA's sampled item shows the current answer of a cited witness statement's witness", async () => {
    const c = await qaCast();
    const { id: evidenceId } = await createEvidence(c.amira, {
      kind: 'witness',
      title: 'My manager saw me',
      occurredOn: '2026-11-02',
      description: '',
      body: 'Amira put a refund right the same day.',
      witnessName: 'Sam Lee',
      witnessRole: 'Store manager',
      witnessContact: 'sam.lee@shop.example',
      criteria: [{ id: 'ee2/pc/11', note: 'Seen by my manager.' }],
    });
    const token = tokenOf((await requestWitnessConfirmation(c.amira, { evidenceId })).url);
    await answerWitnessLink(token, answer(), FROM);
    const { id: judgementId } = await recordJudgement(c.priya, {
      learnerId: c.amira.id,
      criterionId: 'ee2/pc/11',
      outcome: 'met',
      feedback: 'Confirmed by the witness.',
      evidenceIds: [evidenceId],
    });
    const out = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period(), seed: 'links' });
    const itemId = out.items.find((i) => i.subjectId === judgementId)!.id;
    const item = await getSampledItem(c.iris, itemId);
    expect(item.witnessConfirmations[evidenceId]).toMatchObject({
      response: 'confirmed',
      name: 'Sam Lee',
      role: 'Store manager',
    });
  });
});
