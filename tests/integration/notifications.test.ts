import crypto from 'node:crypto';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, cohortMembers, emailOutbox, judgements, notifications, worksheetSubmissions } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { recordQaDecision } from '@/lib/qa/decisions';
import { drawQaSample } from '@/lib/qa/draw';
import { sendDigests, sendReminders } from '@/lib/notifications/daily';
import { backoffSeconds, deliverDue, MAX_ATTEMPTS } from '@/lib/notifications/deliver';
import {
  getPreferences,
  listNotifications,
  markAllRead,
  markRead,
  preferencesSchema,
  savePreferences,
  unreadCount,
  type Preferences,
} from '@/lib/notifications/inbox';
import { KIND_VALUES } from '@/lib/notifications/kinds';
import { notify, queueEmail } from '@/lib/notifications/notify';
import { smtpTransport } from '@/lib/notifications/transport';
import { REPORT_MODULE_SLUG } from '@/lib/reports/unit';
import { getReview } from '@/lib/reviews/read';
import { reviewContentSchema } from '@/lib/reviews/schemas';
import { saveReviewDraft, signReview, startReview } from '@/lib/reviews/write';
import { addComment } from '@/lib/worksheets/comments';
import { parseOrThrow } from '@/lib/validate';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast, makeUser, type TestUser } from '../helpers/fixtures';
import { judge } from '../helpers/judgements';
import { judged, makeCohort, MODULE, period, qaCast, signedOffReport } from '../helpers/qa';
import { startSmtp } from '../helpers/smtp';

/**
 * Notifications: written in the transaction of the change that causes them (a change rolled back tells nobody), by
 * each person's preference; the daily reminders and digests; each person's own inbox; the outbox delivered to a real
 * SMTP server in this process, with retries. The crash test (a worker killed mid-delivery) is notifications-crash.test.ts.
 */
const db = useTestDatabase();

const HOST = 'criterion.test';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const SHEET = 'ws-2-8-keeping-customers';
beforeAll(() => {
  process.env.NEXTAUTH_URL = `https://${HOST}`;
});

const mine = (u: TestUser) => getDb().select().from(notifications).where(eq(notifications.recipientId, u.id));
const mailTo = (u: TestUser) => getDb().select().from(emailOutbox).where(eq(emailOutbox.recipientId, u.id));
async function tally() {
  const n = async (t: typeof notifications | typeof emailOutbox | typeof judgements) =>
    Number((await getDb().select({ n: count() }).from(t))[0]!.n);
  return { notifications: await n(notifications), outbox: await n(emailOutbox), judgements: await n(judgements) };
}
const allModes = (mode: Preferences[keyof Preferences]) =>
  Object.fromEntries(KIND_VALUES.map((k) => [k, mode])) as Preferences;

describe('notify in the same transaction as the change', () => {
  it('a judgement tells its learner, in the app and by email; a judgement rolled back tells nobody', async () => {
    const c = await makeCast();
    await enrol(c.learner, MODULE);
    await judged(c.learner, c.assessor, 'ee2/pc/1');
    const [n] = await mine(c.learner);
    expect(n).toMatchObject({
      kind: 'evidence_judged',
      title: expect.stringContaining('was judged met'),
      link: `/modules/${MODULE}/items/ee2/pc/1`,
      readAt: null,
      digestPending: false,
    });
    const [mail] = await mailTo(c.learner);
    expect(mail).toMatchObject({
      toAddress: c.learner.email,
      subject: n!.title,
      deliveryKey: `notification:${n!.id}`,
      sentAt: null,
      attempts: 0,
    });
    expect(mail!.text).toContain(`https://${HOST}/modules/${MODULE}/items/ee2/pc/1`);
    // Nobody else heard of it.
    expect(await mine(c.assessor)).toEqual([]);

    const before = await tally();
    await expect(
      getDb().transaction(async (tx) => {
        await judge(
          c.assessor,
          { learnerId: c.learner.id, criterionId: 'ee2/pc/2', outcome: 'not_yet_met', feedback: 'Say more.' },
          tx,
        );
        // The judgement and its notification are in this transaction...
        expect((await tx.select().from(notifications).where(eq(notifications.recipientId, c.learner.id))).length).toBe(
          2,
        );
        throw new Error('the change fails after notifying');
      }),
    ).rejects.toThrow('the change fails after notifying');
    // ...and leave with it.
    expect(await tally()).toEqual(before);
  });

  it('a refused change (a stale view) writes no notification', async () => {
    const c = await makeCast();
    await enrol(c.learner, MODULE);
    await judged(c.learner, c.assessor, 'ee2/pc/1');
    const before = await tally();
    await expect(
      judge(c.assessor, {
        learnerId: c.learner.id,
        criterionId: 'ee2/pc/1',
        outcome: 'not_yet_met',
        feedback: 'Again.',
        seenSeq: 0,
      }),
    ).rejects.toThrow(/changed/);
    expect(await tally()).toEqual(before);
  });

  it('report decisions, coach comments, review signatures and IQA verdicts reach the right people', async () => {
    // Report signed off: the learner.
    const c = await makeCast();
    await enrol(c.learner, MODULE, REPORT_MODULE_SLUG);
    const v = await signedOffReport(c.learner, c.assessor);
    expect((await mine(c.learner)).map((n) => [n.kind, n.link])).toContainEqual([
      'report_decided',
      `/learner/report/versions/${v.number}`,
    ]);

    // A review: the learner signs, the coach hears; the coach signs, the learner hears it is locked.
    await makeCohort([c.learner]);
    const { id } = await startReview(c.coach, { learnerId: c.learner.id });
    const view = await getReview(c.coach, id);
    const content = parseOrThrow(reviewContentSchema, {
      ...view.content,
      progress: 'Good progress.',
      wentWell: 'Complaints handled well.',
      supportNeeded: 'None.',
      targets: [
        { key: crypto.randomUUID(), text: 'Keep a log.', dueOn: inDays(3), moduleSlug: null, criterionId: null },
      ],
    });
    const saved = await saveReviewDraft(c.coach, id, { version: view.version, content });
    await signReview(c.learner, { reviewId: id, version: saved.version });
    const coachHeard = (await mine(c.coach)).filter((n) => n.kind === 'review_signed');
    expect(coachHeard.map((n) => n.link)).toEqual([`/reviews/${id}`]);
    expect(coachHeard[0]!.title).toContain('read it and sign');
    await signReview(c.coach, { reviewId: id, version: saved.version });
    const learnerHeard = (await mine(c.learner)).filter((n) => n.kind === 'review_signed');
    expect(learnerHeard.map((n) => n.title)).toEqual([expect.stringContaining('locked')]);
    // Signers are not told of their own signature.
    expect((await mine(c.coach)).filter((n) => n.kind === 'review_signed')).toHaveLength(1);
    // The review's target falls due within a week: the daily round reminds the learner, once.
    await sendReminders(getDb());
    await sendReminders(getDb());
    expect((await mine(c.learner)).filter((n) => n.kind === 'target_due').map((n) => n.title)).toEqual([
      expect.stringContaining('Keep a log.'),
    ]);

    // IQA: the assessor whose decision was sampled.
    const q = await qaCast();
    const { judgementId } = await judged(q.amira, q.priya, 'ee2/pc/1');
    const sample = await drawQaSample(q.iris, { cohortId: q.cohortId, ...period() });
    const itemId = sample.items.find((i) => i.subjectId === judgementId)!.id;
    await recordQaDecision(q.ian, { itemId, verdict: 'disagree', feedback: 'Cite the evidence.' });
    expect((await mine(q.priya)).map((n) => [n.kind, n.link])).toEqual([['iqa_feedback', '/quality/feedback']]);
  });

  it('a coach comment on a hand-in reaches the learner, linked to the hand-in', async () => {
    const c = await makeCast();
    const [sub] = await getDb()
      .insert(worksheetSubmissions)
      .values({ learnerId: c.learner.id, moduleSlug: SHEET, number: 1, answers: {}, answersVersion: 1 })
      .returning({ id: worksheetSubmissions.id });
    await addComment(c.coach, { submissionId: sub!.id, sectionId: null, body: 'Good start: add an example.' });
    expect((await mine(c.learner)).map((n) => [n.kind, n.link])).toEqual([
      ['worksheet_comment', `/worksheets/${SHEET}/hand-ins/${sub!.id}`],
    ]);
  });

  it('a disabled account is told nothing; a link must be a path in the portal', async () => {
    const u = await makeUser('learner');
    await getDb().execute(sql`update users set active = false where id = ${u.id}`);
    await getDb().transaction(async (tx) => {
      expect(await notify(tx, { recipientId: u.id, kind: 'target_due', title: 'x', link: '/learner' })).toBeNull();
    });
    const v = await makeUser('learner');
    await expect(
      getDb().transaction((tx) =>
        notify(tx, { recipientId: v.id, kind: 'target_due', title: 'x', link: '//evil.example/' }),
      ),
    ).rejects.toThrow(/path/);
    expect(await mine(u)).toEqual([]);
  });
});

describe('preferences', () => {
  it('in-app only writes no mail; email at once writes one; the digest gathers a day into one mail', async () => {
    const c = await makeCast();
    await enrol(c.learner, MODULE);
    expect(await getPreferences(c.learner)).toEqual(allModes('email'));

    await savePreferences(c.learner, { ...allModes('email'), evidence_judged: 'in_app' });
    await judged(c.learner, c.assessor, 'ee2/pc/1');
    expect(await mine(c.learner)).toHaveLength(1);
    expect(await mailTo(c.learner)).toHaveLength(0);

    await savePreferences(c.learner, { ...allModes('email'), evidence_judged: 'digest' });
    await judged(c.learner, c.assessor, 'ee2/pc/2');
    await judged(c.learner, c.assessor, 'ee2/pc/3', 'not_yet_met');
    expect((await mine(c.learner)).filter((n) => n.digestPending)).toHaveLength(2);
    expect(await mailTo(c.learner)).toHaveLength(0);

    expect(await sendDigests(getDb())).toBeGreaterThanOrEqual(1);
    const mails = await mailTo(c.learner);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.kind).toBe('digest');
    expect(mails[0]!.subject).toBe('Your Criterion digest: 2 new notifications');
    expect(mails[0]!.text).toContain('judged not yet met');
    expect((await mine(c.learner)).filter((n) => n.digestPending)).toHaveLength(0);

    // One digest a day: what arrives after today's waits for tomorrow's.
    await judged(c.learner, c.assessor, 'ee2/pc/4');
    await sendDigests(getDb());
    expect(await mailTo(c.learner)).toHaveLength(1);
    expect((await mine(c.learner)).filter((n) => n.digestPending)).toHaveLength(1);
    const tomorrow = new Date(Date.now() + 86_400_000);
    await sendDigests(getDb(), tomorrow);
    expect(await mailTo(c.learner)).toHaveLength(2);

    // Changes are audited with before and after; saving the same again changes nothing.
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, c.learner.id), eq(auditLog.action, 'notifications.preferences')))
      .orderBy(asc(auditLog.chainSeq));
    expect(audits.map((a) => a.after)).toEqual([{ evidence_judged: 'in_app' }, { evidence_judged: 'digest' }]);
    await savePreferences(c.learner, { ...allModes('email'), evidence_judged: 'digest' });
    expect(
      await getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, c.learner.id), eq(auditLog.action, 'notifications.preferences'))),
    ).toHaveLength(2);
  });

  it('a form must answer every kind with a known choice, or nothing is saved', () => {
    expect(preferencesSchema.safeParse({ evidence_judged: 'email' }).success).toBe(false);
    expect(preferencesSchema.safeParse({ ...allModes('email'), review_due: 'pigeon' }).success).toBe(false);
    expect(preferencesSchema.safeParse(allModes('digest')).success).toBe(true);
  });
});

describe('each person reads only their own', () => {
  it('lists, counts and marks only the actor’s notifications; someone else’s is not found', async () => {
    const c = await makeCast();
    await enrol(c.learner, MODULE);
    await judged(c.learner, c.assessor, 'ee2/pc/1');
    await judged(c.learner, c.assessor, 'ee2/pc/2');
    const { items } = await listNotifications(c.learner);
    expect(items).toHaveLength(2);
    expect(await unreadCount(c.learner)).toBe(2);
    for (const other of [c.otherLearner, c.assessor, c.coach, c.admin]) {
      expect((await listNotifications(other)).items).toEqual([]);
      await expect(markRead(other, { id: items[0]!.id })).rejects.toBeInstanceOf(NotFoundError);
      expect((await markAllRead(other)).marked).toBe(0);
    }
    expect(await unreadCount(c.learner)).toBe(2);
    await markRead(c.learner, { id: items[0]!.id });
    expect(await unreadCount(c.learner)).toBe(1);
    expect(await markAllRead(c.learner)).toEqual({ marked: 1 });
    expect(await unreadCount(c.learner)).toBe(0);
  });
});

describe('reminders', () => {
  it('a review falling due reaches the learner and their coach, once', async () => {
    const c = await makeCast();
    const cohortId = await makeCohort([c.learner]);
    // Joined 12 weeks less three days ago: the first review is due in three days.
    await getDb()
      .update(cohortMembers)
      .set({ addedAt: sql`now() - interval '81 days'` })
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.learnerId, c.learner.id)));
    await sendReminders(getDb());
    expect((await mine(c.learner)).map((n) => [n.kind, n.link])).toEqual([['review_due', '/learner']]);
    expect((await mine(c.coach)).map((n) => [n.kind, n.link])).toEqual([
      ['review_due', `/coach/learners/${c.learner.id}`],
    ]);
    expect(await mine(c.otherCoach)).toEqual([]);
    await sendReminders(getDb());
    expect(await mine(c.learner)).toHaveLength(1);
  });
});

describe('delivery through SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let rejecting: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    rejecting = await startSmtp({ reject: () => true });
  });
  afterAll(async () => {
    await smtp.close();
    await rejecting.close();
  });
  const opts = { from: 'Criterion <portal@criterion.test>', host: HOST };

  it('a real SMTP server receives each mail once, with a Message-ID made from its outbox id', async () => {
    await getDb()
      .update(emailOutbox)
      .set({ sentAt: sql`now()` })
      .where(sql`${emailOutbox.sentAt} is null`);
    const c = await makeCast();
    await enrol(c.learner, MODULE);
    await judged(c.learner, c.assessor, 'ee2/pc/1');
    const witness = await getDb().transaction((tx) =>
      queueEmail(tx, {
        to: 'Sam.Witness@Employer.example',
        subject: 'Please confirm a witness statement',
        text: 'Open the link to confirm.',
        kind: 'witness_link',
        deliveryKey: 'witness:1',
      }),
    );
    // Queueing the same key again queues nothing.
    expect(
      await getDb().transaction((tx) =>
        queueEmail(tx, {
          to: 'sam.witness@employer.example',
          subject: 'x',
          text: 'y',
          kind: 'witness_link',
          deliveryKey: 'witness:1',
        }),
      ),
    ).toBeNull();
    const transport = smtpTransport(smtp.url);
    expect(await deliverDue(db.handle(), transport, opts)).toEqual({ sent: 2, failed: 0 });
    expect(await deliverDue(db.handle(), transport, opts)).toEqual({ sent: 0, failed: 0 });
    const [mail] = await mailTo(c.learner);
    expect(smtp.received.map((m) => m.messageId).sort()).toEqual(
      [`<${mail!.id}@${HOST}>`, `<${witness!.id}@${HOST}>`].sort(),
    );
    const toWitness = smtp.received.find((m) => m.messageId === `<${witness!.id}@${HOST}>`)!;
    expect(toWitness.to).toEqual(['sam.witness@employer.example']);
    expect(toWitness.raw).toMatch(/^Auto-Submitted: auto-generated/m);
    expect((await mailTo(c.learner))[0]!.sentAt).not.toBeNull();
  });

  it('a refused mail is retried later with back-off, and given up after the last attempt', async () => {
    await getDb()
      .update(emailOutbox)
      .set({ sentAt: sql`now()` })
      .where(sql`${emailOutbox.sentAt} is null`);
    const u = await makeUser('learner');
    const queued = await getDb().transaction((tx) =>
      queueEmail(tx, { to: u.email, recipientId: u.id, subject: 'Hello', text: 'Body', kind: 'target_due' }),
    );
    const transport = smtpTransport(rejecting.url);
    expect(await deliverDue(db.handle(), transport, opts)).toEqual({ sent: 0, failed: 1 });
    let [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, queued!.id));
    expect(row).toMatchObject({ attempts: 1, sentAt: null, failedAt: null, leaseUntil: null });
    expect(row!.lastError).toMatch(/451/);
    const wait = (row!.nextAttemptAt.getTime() - Date.now()) / 1000;
    expect(wait).toBeGreaterThan(backoffSeconds(1) - 10);
    // Not due yet: nothing is tried.
    expect(await deliverDue(db.handle(), transport, opts)).toEqual({ sent: 0, failed: 0 });
    // The last attempt: given up, for an administrator to see.
    await getDb()
      .update(emailOutbox)
      .set({ attempts: MAX_ATTEMPTS - 1, nextAttemptAt: sql`now()` })
      .where(eq(emailOutbox.id, queued!.id));
    expect(await deliverDue(db.handle(), transport, opts)).toEqual({ sent: 0, failed: 1 });
    [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, queued!.id));
    expect(row!.failedAt).not.toBeNull();
    expect(row!.attempts).toBe(MAX_ATTEMPTS);
    expect(rejecting.received).toEqual([]);
  });
});
