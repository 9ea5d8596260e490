import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, users, worksheetAnswers, worksheetComments, worksheetSubmissions } from '@/db/schema';
import { endSession } from '@/lib/auth/session';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { addComment } from '@/lib/worksheets/comments';
import { getDraft, saveDraft, saveOwnDraftQuickly } from '@/lib/worksheets/drafts';
import { getLearnerWorksheet, listLearnerWorksheets } from '@/lib/worksheets/learner';
import { coachReviewQueue, getReview } from '@/lib/worksheets/review';
import { getSubmission, listSubmissionsForEvidence, submitWorksheet } from '@/lib/worksheets/submissions';
import { useTestDatabase } from '../helpers/db';
import { assign, makeCast, makeUser } from '../helpers/fixtures';

useTestDatabase();

const SLUG = 'ws-2-8-keeping-customers';

const rows = (...pairs: [string, string][]) =>
  pairs.map(([contact, service], i) => ({ id: `r${i}`, cells: { contact, service } }));
const sample = () => ({
  contacts: rows(['Website', 'Clear prices, quick replies'], ['Phone', 'Answer within three rings']),
  tips: { 'be-honest': true, listen: true },
  'contacts-review': 'Add a follow-up call.',
});

/** The claims of a session cookie issued now, under the account's first session version. */
const session = (u: { id: string }) => ({
  userId: u.id,
  sessionId: crypto.randomUUID(),
  sessionVersion: 0,
  signedInAt: Math.floor(Date.now() / 1000),
});

async function storedRow(learnerId: string) {
  const [row] = await getDb()
    .select()
    .from(worksheetAnswers)
    .where(and(eq(worksheetAnswers.learnerId, learnerId), eq(worksheetAnswers.moduleSlug, SLUG)));
  return row;
}

async function auditActions(learnerId: string) {
  const rows = await getDb()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.learnerId, learnerId))
    .orderBy(auditLog.id);
  return rows.map((r) => r.action);
}

/** The database's own refusal (a trigger), which drizzle wraps in "Failed query". */
async function expectAppendOnly(p: Promise<unknown>) {
  const e = await rejection(p);
  expect(String((e as { cause?: Error }).cause?.message ?? e.message)).toMatch(/append-only/);
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the promise to be rejected');
}

describe('autosave', () => {
  it('creates on version 0, then each save names the version it was typed on', async () => {
    const { learner } = await makeCast();
    expect(await getDraft(learner, SLUG)).toEqual({ version: 0, answers: {}, savedAt: null });

    const first = await saveDraft(learner, SLUG, { version: 0, answers: sample() });
    expect(first.version).toBe(1);
    const second = await saveDraft(learner, SLUG, {
      version: 1,
      answers: { ...sample(), coach: 'Talk about pricing' },
    });
    expect(second.version).toBe(2);

    const draft = await getDraft(learner, SLUG);
    expect(draft.version).toBe(2);
    expect(draft.answers).toEqual({ ...sample(), coach: 'Talk about pricing' });
    expect(draft.savedAt).toBe(second.savedAt);
  });

  it('refuses a save from a stale tab with 409 and the stored answers, and keeps the newer text', async () => {
    const { learner } = await makeCast();
    await saveDraft(learner, SLUG, { version: 0, answers: { coach: 'v1' } });
    await saveDraft(learner, SLUG, { version: 1, answers: { coach: 'from tab A' } });

    const e = await rejection(saveDraft(learner, SLUG, { version: 1, answers: { coach: 'from stale tab B' } }));
    expect(e).toBeInstanceOf(ConflictError);
    expect((e as ConflictError).status).toBe(409);
    expect((e as ConflictError<{ version: number; answers: unknown }>).current).toMatchObject({
      version: 2,
      answers: { coach: 'from tab A' },
    });
    expect((await storedRow(learner.id))!.answers).toEqual({ coach: 'from tab A' });
    expect(await auditActions(learner.id)).toContain('worksheet.save_refused');
  });

  it('a second "first save" (two tabs opened before anything was saved) is a conflict, not an overwrite', async () => {
    const { learner } = await makeCast();
    await saveDraft(learner, SLUG, { version: 0, answers: { coach: 'tab A' } });
    await expect(saveDraft(learner, SLUG, { version: 0, answers: { coach: 'tab B' } })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await storedRow(learner.id))!.answers).toEqual({ coach: 'tab A' });
  });

  it('of many saves racing on one version exactly one wins', async () => {
    const { learner } = await makeCast();
    await saveDraft(learner, SLUG, { version: 0, answers: { coach: 'start' } });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => saveDraft(learner, SLUG, { version: 1, answers: { coach: `tab ${i}` } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    expect((await storedRow(learner.id))!.version).toBe(2);
  });

  it('audits the first save and then at most one save per interval, without the text', async () => {
    const { learner } = await makeCast();
    await saveDraft(learner, SLUG, { version: 0, answers: { coach: 'secret words' } });
    await saveDraft(learner, SLUG, { version: 1, answers: { coach: 'more' } });
    await saveDraft(learner, SLUG, { version: 2, answers: { coach: 'more still' } });
    expect((await auditActions(learner.id)).filter((a) => a === 'worksheet.save')).toHaveLength(1);

    // Five minutes later (moved back in time rather than waited for).
    await getDb()
      .update(worksheetAnswers)
      .set({ auditedAt: sql`now() - interval '6 minutes'` })
      .where(eq(worksheetAnswers.learnerId, learner.id));
    await saveDraft(learner, SLUG, { version: 3, answers: { coach: 'later' } });
    const saves = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.learnerId, learner.id), eq(auditLog.action, 'worksheet.save')))
      .orderBy(auditLog.id);
    expect(saves).toHaveLength(2);
    expect(saves[1]!.after).toMatchObject({ version: 4, sectionsAnswered: ['coach'] });
    expect(JSON.stringify(saves)).not.toContain('secret words');
  });

  it('keeps what was typed as plain text: HTML and MDX stay literal characters', async () => {
    const { learner } = await makeCast();
    const html = '<script>alert(1)</script><b>bold</b> {props.x} <WorksheetSection id="tips" />';
    await saveDraft(learner, SLUG, { version: 0, answers: { coach: html } });
    expect((await getDraft(learner, SLUG)).answers.coach).toBe(html);
  });

  it('counts characters as people do (an emoji is one) and drops NUL, which the database cannot store', async () => {
    const { learner } = await makeCast();
    await saveDraft(learner, SLUG, {
      version: 0,
      answers: { coach: '😀'.repeat(5000), 'contacts-review': 'a\u0000b' },
    });
    const { answers } = await getDraft(learner, SLUG);
    expect(answers['contacts-review']).toBe('ab');
  });
});

describe('one-round-trip autosave (the session\u2019s user id, before the account is read)', () => {
  it('saves an active learner\u2019s save made on the stored version, exactly as the full path would', async () => {
    const { learner } = await makeCast();
    await saveDraft(learner, SLUG, { version: 0, answers: sample() });
    const saved = await saveOwnDraftQuickly(session(learner), SLUG, {
      version: 1,
      answers: { ...sample(), coach: 'Quick' },
    });
    expect(saved?.version).toBe(2);
    const row = await storedRow(learner.id);
    expect(row?.version).toBe(2);
    expect(row?.answers).toEqual({ ...sample(), coach: 'Quick' });
  });

  it('leaves to the full path (null, nothing written) a disabled account, a staff account, a stale or first save, bad answers, a non-worksheet and an audit due', async () => {
    const c = await makeCast();
    await saveDraft(c.learner, SLUG, { version: 0, answers: sample() });
    // A row under a coach's id cannot arise through the portal; it is here so that only the role check can refuse.
    await getDb()
      .insert(worksheetAnswers)
      .values({ learnerId: c.coach.id, moduleSlug: SLUG, answers: sample(), version: 1 });
    const unchanged = async () => {
      expect((await storedRow(c.learner.id))?.version).toBe(1);
      expect((await storedRow(c.coach.id))?.version).toBe(1);
    };

    expect(await saveOwnDraftQuickly(session(c.coach), SLUG, { version: 1, answers: { coach: 'staff' } })).toBeNull();
    expect(await saveOwnDraftQuickly(session(c.learner), SLUG, { version: 5, answers: sample() })).toBeNull();
    expect(await saveOwnDraftQuickly(session(c.learner), SLUG, { version: 0, answers: sample() })).toBeNull();
    expect(
      await saveOwnDraftQuickly(session(c.learner), SLUG, { version: 1, answers: { coach: 'x'.repeat(5001) } }),
    ).toBeNull();
    expect(
      await saveOwnDraftQuickly(session(c.learner), 'u306-customers-retention', { version: 1, answers: sample() }),
    ).toBeNull();
    await unchanged();

    await getDb()
      .update(worksheetAnswers)
      .set({ auditedAt: sql`now() - interval '1 hour'` })
      .where(eq(worksheetAnswers.learnerId, c.learner.id));
    expect(await saveOwnDraftQuickly(session(c.learner), SLUG, { version: 1, answers: sample() })).toBeNull();
    await unchanged();
    // The full path takes it and audits it.
    expect((await saveDraft(c.learner, SLUG, { version: 1, answers: sample() })).version).toBe(2);

    await getDb().update(users).set({ active: false }).where(eq(users.id, c.learner.id));
    expect(await saveOwnDraftQuickly(session(c.learner), SLUG, { version: 2, answers: sample() })).toBeNull();
    expect((await storedRow(c.learner.id))?.version).toBe(2);
  });

  it('leaves to the full path a session that was ended (older session version) or whose password must be replaced', async () => {
    const { learner } = await makeCast();
    await saveDraft(learner, SLUG, { version: 0, answers: sample() });
    await getDb().update(users).set({ sessionVersion: 1 }).where(eq(users.id, learner.id));
    expect(await saveOwnDraftQuickly(session(learner), SLUG, { version: 1, answers: sample() })).toBeNull();
    expect((await storedRow(learner.id))?.version).toBe(1);
    const current = { ...session(learner), sessionVersion: 1 };
    await getDb().update(users).set({ mustChangePassword: true }).where(eq(users.id, learner.id));
    expect(await saveOwnDraftQuickly(current, SLUG, { version: 1, answers: sample() })).toBeNull();
    await getDb().update(users).set({ mustChangePassword: false }).where(eq(users.id, learner.id));
    // Signed out in that browser: a copy of the cookie saves nothing.
    const signedOut = { ...current, sessionId: crypto.randomUUID() };
    await endSession(signedOut);
    expect(await saveOwnDraftQuickly(signedOut, SLUG, { version: 1, answers: sample() })).toBeNull();
    expect((await saveOwnDraftQuickly(current, SLUG, { version: 1, answers: sample() }))?.version).toBe(2);
  });

  it('after the quick save found it does not apply, the full path alone decides: saves in step, audits when due, refuses a stale version', async () => {
    const { learner } = await makeCast();
    await saveDraft(learner, SLUG, { version: 0, answers: sample() });
    const after = { afterQuickSave: true };
    expect((await saveDraft(learner, SLUG, { version: 1, answers: { coach: 'in step' } }, after)).version).toBe(2);
    expect((await auditActions(learner.id)).filter((a) => a === 'worksheet.save')).toHaveLength(1);

    await getDb()
      .update(worksheetAnswers)
      .set({ auditedAt: sql`now() - interval '1 hour'` })
      .where(eq(worksheetAnswers.learnerId, learner.id));
    expect((await saveDraft(learner, SLUG, { version: 2, answers: { coach: 'audited' } }, after)).version).toBe(3);
    expect((await auditActions(learner.id)).filter((a) => a === 'worksheet.save')).toHaveLength(2);

    await expect(saveDraft(learner, SLUG, { version: 2, answers: { coach: 'stale' } }, after)).rejects.toMatchObject({
      status: 409,
    });
    expect(await storedRow(learner.id)).toMatchObject({ version: 3, answers: { coach: 'audited' } });
  });
});

describe('bad input: a clear message and nothing stored', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'an over-long reflection',
      { coach: 'x'.repeat(5001) },
      /For your Enterprise Coach: Your answer is longer than 5,000 characters \(5,001\)\. Shorten it and try again\./,
    ],
    [
      'an over-long table cell',
      { contacts: [{ id: 'a', cells: { contact: 'Phone', service: 'y'.repeat(5002) } }] },
      /Your customer contact points, row 1, Good customer service: Your answer is longer than 5,000 characters \(5,002\)/,
    ],
    [
      'too many rows',
      { contacts: Array.from({ length: 31 }, (_, i) => ({ id: `r${i}`, cells: { contact: 'x' } })) },
      /has 31 rows; it can have at most 30/,
    ],
    ['an unknown section', { pricing: 'hello' }, /no section called “pricing”/],
    ['an unknown column', { contacts: [{ id: 'a', cells: { price: 'x' } }] }, /nothing called “price”/],
    ['an unknown checklist item', { tips: { 'be-rude': true } }, /nothing called “be-rude”/],
    ['a number for a reflection', { coach: 42 }, /The answer to For your Enterprise Coach is not in the form/],
    ['a string for a checklist', { tips: 'all of them' }, /not in the form/],
    ['a string for a tick', { tips: { 'be-honest': 'yes' } }, /not in the form/],
    ['a table that is not a list', { contacts: { contact: 'x' } }, /not in the form/],
    [
      'duplicate row ids',
      {
        contacts: [
          { id: 'a', cells: {} },
          { id: 'a', cells: {} },
        ],
      },
      /same id/,
    ],
    ['a bad row id', { contacts: [{ id: '<b>', cells: {} }] }, /not in the form/],
    ['answers that are a list', ['coach'], /not in the form/],
  ];

  for (const [name, answers, message] of cases) {
    it(`refuses ${name}`, async () => {
      const { learner } = await makeCast();
      await saveDraft(learner, SLUG, { version: 0, answers: { coach: 'before' } });
      const e = await rejection(saveDraft(learner, SLUG, { version: 1, answers }));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.message).toMatch(message);
      const row = await storedRow(learner.id);
      expect(row).toMatchObject({ version: 1, answers: { coach: 'before' } });
    });
  }

  it('accepts exactly the limit (5,000 characters, 30 rows)', async () => {
    const { learner } = await makeCast();
    const contacts = Array.from({ length: 30 }, (_, i) => ({
      id: `r${i}`,
      cells: { contact: 'c', service: 's'.repeat(5000) },
    }));
    await expect(
      saveDraft(learner, SLUG, { version: 0, answers: { coach: 'x'.repeat(5000), contacts } }),
    ).resolves.toMatchObject({ version: 1 });
  });

  it('refuses a slug that does not exist, or a module that is not a worksheet, with 404', async () => {
    const { learner } = await makeCast();
    for (const slug of ['no-such-worksheet', 'u306-customers-retention', '../etc/passwd', '']) {
      const e = await rejection(saveDraft(learner, slug, { version: 0, answers: {} }));
      expect(e, slug).toBeInstanceOf(NotFoundError);
      await expect(getDraft(learner, slug)).rejects.toBeInstanceOf(NotFoundError);
    }
    const [{ n }] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(worksheetAnswers)
      .where(eq(worksheetAnswers.learnerId, learner.id));
    expect(n).toBe(0);
  });
});

describe('permissions', () => {
  it('only the learner edits their worksheet: staff and admin get 403 and nothing is stored', async () => {
    const c = await makeCast();
    for (const actor of [c.coach, c.assessor, c.admin, c.otherCoach, c.otherAssessor]) {
      await expect(
        saveDraft(actor, SLUG, { version: 0, answers: { coach: 'not mine' } }),
        actor.role,
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getDraft(actor, SLUG)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(submitWorksheet(actor, SLUG, { version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const ids = Object.values(c).map((u) => u.id);
    const [{ n }] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(worksheetAnswers)
      .where(inArray(worksheetAnswers.learnerId, ids));
    expect(n).toBe(0);
  });

  it('a hand-in is read by the learner, their coach and assessor and admin; anyone else gets 403', async () => {
    const c = await makeCast();
    await saveDraft(c.learner, SLUG, { version: 0, answers: sample() });
    const { id } = await submitWorksheet(c.learner, SLUG, { version: 1 });
    for (const actor of [c.learner, c.coach, c.assessor, c.admin]) {
      expect((await getSubmission(actor, id)).answers, actor.role).toEqual(sample());
      expect((await getReview(actor, id)).canComment, actor.role).toBe(actor === c.coach);
    }
    for (const actor of [c.otherLearner, c.otherCoach, c.otherAssessor]) {
      await expect(getSubmission(actor, id), actor.role).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getReview(actor, id), actor.role).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(getSubmission(c.coach, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getSubmission(c.coach, 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('only the assigned coach comments; the learner, assessor, admin and other coach get 403', async () => {
    const c = await makeCast();
    await saveDraft(c.learner, SLUG, { version: 0, answers: sample() });
    const { id } = await submitWorksheet(c.learner, SLUG, { version: 1 });
    for (const actor of [c.learner, c.assessor, c.admin, c.otherCoach, c.otherLearner, c.otherAssessor]) {
      await expect(
        addComment(actor, { submissionId: id, sectionId: null, body: 'hi' }),
        actor.role,
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const [{ n }] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(worksheetComments)
      .where(eq(worksheetComments.submissionId, id));
    expect(n).toBe(0);
  });

  it('the review list shows a coach only the learners they coach, each with their latest hand-in', async () => {
    const c = await makeCast();
    const second = await makeUser('learner');
    await assign(second, c.coach);
    for (const learner of [c.learner, second]) {
      await saveDraft(learner, SLUG, { version: 0, answers: sample() });
      await submitWorksheet(learner, SLUG, { version: 1 });
    }
    await saveDraft(c.learner, SLUG, { version: 1, answers: { ...sample(), coach: 'v2' } });
    const latest = await submitWorksheet(c.learner, SLUG, { version: 2 });
    await saveDraft(c.otherLearner, SLUG, { version: 0, answers: sample() });
    await submitWorksheet(c.otherLearner, SLUG, { version: 1 });

    const { waiting } = await coachReviewQueue(c.coach);
    expect(waiting.map((e) => [e.learnerId, e.number])).toEqual([
      [second.id, 1],
      [c.learner.id, 2],
    ]);
    expect(waiting[1]!.submissionId).toBe(latest.id);
    expect((await coachReviewQueue(c.otherCoach)).waiting.map((e) => e.learnerId)).toEqual([c.otherLearner.id]);
    for (const actor of [c.learner, c.assessor, c.admin])
      await expect(coachReviewQueue(actor)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('hand-in and comments', () => {
  it('stores an immutable snapshot, numbers hand-ins, and a double click hands in once', async () => {
    const { learner } = await makeCast();
    await saveDraft(learner, SLUG, { version: 0, answers: sample() });
    const [a, b] = await Promise.all([
      submitWorksheet(learner, SLUG, { version: 1 }),
      submitWorksheet(learner, SLUG, { version: 1 }),
    ]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ number: 1, answersVersion: 1 });

    await saveDraft(learner, SLUG, { version: 1, answers: { ...sample(), coach: 'Revised after feedback' } });
    const second = await submitWorksheet(learner, SLUG, { version: 2 });
    expect(second.number).toBe(2);

    const first = await getSubmission(learner, a.id);
    expect(first).toMatchObject({ learnerId: learner.id, moduleSlug: SLUG, answers: sample() });
    expect(Date.parse(first.submittedAt)).not.toBeNaN();
    const forEvidence = await listSubmissionsForEvidence(learner, learner.id, SLUG);
    expect(forEvidence.submissions.map((s) => s.number)).toEqual([2, 1]);
    expect(forEvidence.criteria).toContain('wrc/pc/11');

    await expectAppendOnly(
      getDb().execute(sql`update worksheet_submissions set answers = '{}'::jsonb where id = ${a.id}`),
    );
    await expectAppendOnly(getDb().execute(sql`delete from worksheet_submissions where id = ${a.id}`));
    expect(await auditActions(learner.id)).toEqual(expect.arrayContaining(['worksheet.submit']));
  });

  it('refuses to hand in nothing, or a version the page no longer has', async () => {
    const { learner } = await makeCast();
    await expect(submitWorksheet(learner, SLUG, { version: 0 })).rejects.toThrow(/nothing to hand in/);
    await saveDraft(learner, SLUG, { version: 0, answers: { tips: {} } });
    await expect(submitWorksheet(learner, SLUG, { version: 1 })).rejects.toThrow(/nothing to hand in/);
    await saveDraft(learner, SLUG, { version: 1, answers: sample() });
    const e = await rejection(submitWorksheet(learner, SLUG, { version: 1 }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(await auditActions(learner.id)).toContain('worksheet.submit_refused');
    const [{ n }] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(worksheetSubmissions)
      .where(eq(worksheetSubmissions.learnerId, learner.id));
    expect(n).toBe(0);
  });

  it('the coach comments per section and overall; the learner sees them; history is kept', async () => {
    const c = await makeCast();
    await saveDraft(c.learner, SLUG, { version: 0, answers: sample() });
    const first = await submitWorksheet(c.learner, SLUG, { version: 1 });
    expect((await coachReviewQueue(c.coach)).waiting).toHaveLength(1);

    await addComment(c.coach, {
      submissionId: first.id,
      sectionId: 'contacts',
      body: '  Add social media as a contact point.  ',
    });
    await addComment(c.coach, { submissionId: first.id, sectionId: null, body: 'A good start <b>overall</b>.' });
    const queue = await coachReviewQueue(c.coach);
    expect(queue.waiting).toHaveLength(0);
    expect(queue.commented[0]).toMatchObject({ submissionId: first.id, commentCount: 2 });
    expect((await listLearnerWorksheets(c.learner)).find((w) => w.slug === SLUG)!.status).toBe('commented');

    await saveDraft(c.learner, SLUG, { version: 1, answers: { ...sample(), coach: 'Added Instagram' } });
    expect((await listLearnerWorksheets(c.learner)).find((w) => w.slug === SLUG)!.status).toBe('changed-since');
    const second = await submitWorksheet(c.learner, SLUG, { version: 2 });
    expect((await coachReviewQueue(c.coach)).waiting.map((e) => e.submissionId)).toEqual([second.id]);

    const page = await getLearnerWorksheet(c.learner, SLUG);
    expect(page.submissions.map((s) => s.number)).toEqual([2, 1]);
    expect(page.comments.map((x) => [x.sectionId, x.body, x.submissionNumber, x.authorName])).toEqual([
      ['contacts', 'Add social media as a contact point.', 1, c.coach.name],
      [null, 'A good start <b>overall</b>.', 1, c.coach.name],
    ]);
    expect(page.coachNames).toEqual([c.coach.name]);
    expect(await auditActions(c.learner.id)).toEqual(expect.arrayContaining(['worksheet.comment']));

    const [comment] = await getDb()
      .select()
      .from(worksheetComments)
      .where(eq(worksheetComments.learnerId, c.learner.id))
      .limit(1);
    await expectAppendOnly(
      getDb().execute(sql`update worksheet_comments set body = 'changed' where id = ${comment!.id}`),
    );
    await expectAppendOnly(getDb().execute(sql`delete from worksheet_comments where id = ${comment!.id}`));

    const list = await listLearnerWorksheets(c.learner);
    expect(list.find((w) => w.slug === SLUG)).toMatchObject({ status: 'handed-in', sectionsAnswered: 4 });
  });

  it('refuses empty, over-long or misplaced comments and stores nothing', async () => {
    const c = await makeCast();
    await saveDraft(c.learner, SLUG, { version: 0, answers: sample() });
    const { id } = await submitWorksheet(c.learner, SLUG, { version: 1 });
    await expect(addComment(c.coach, { submissionId: id, sectionId: null, body: '   ' })).rejects.toThrow(
      /Write your comment/,
    );
    await expect(addComment(c.coach, { submissionId: id, sectionId: null, body: 'x'.repeat(5001) })).rejects.toThrow(
      /longer than 5,000 characters \(5,001\)/,
    );
    await expect(addComment(c.coach, { submissionId: id, sectionId: 'pricing', body: 'hi' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(addComment(c.coach, { submissionId: 'nope', sectionId: null, body: 'hi' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const [{ n }] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(worksheetComments)
      .where(eq(worksheetComments.submissionId, id));
    expect(n).toBe(0);
  });
});
