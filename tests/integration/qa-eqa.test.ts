import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { JWT } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, eqaVisits, evidence, users } from '@/db/schema';
import { getFileForDownload } from '@/lib/evidence/files';
import { authenticate, EQA_OUTSIDE_VISIT } from '@/lib/auth/credentials';
import { authOptions } from '@/lib/auth/options';
import { userForClaims } from '@/lib/auth/session';
import { ForbiddenError, PublicError, ValidationError } from '@/lib/errors';
import { portfolioExport } from '@/lib/export/record';
import { can, learnerScope, relationTo, type Actor } from '@/lib/permissions';
import { closeQaAction, recordQaDecision } from '@/lib/qa/decisions';
import { drawQaSample } from '@/lib/qa/draw';
import {
  createEqaVisit,
  createEqaVisitSchema,
  endEqaVisit,
  getEqaHome,
  getEqaPack,
  getEqaVisitAdmin,
  listEqaVisits,
  shareSample,
  unshareSample,
} from '@/lib/qa/eqa';
import { getSampledItem } from '@/lib/qa/pages';
import { assignIqa } from '@/lib/qa/iqa';
import { savePlan } from '@/lib/qa/plan';
import { ukDayOf } from '@/lib/format';
import { useTestDatabase } from '../helpers/db';
import { assign, enrol, makeUser } from '../helpers/fixtures';
import { createEvidence } from '../helpers/evidence';
import { judge as recordJudgement } from '../helpers/judgements';
import { judged, makeCohort, MODULE, period, qaCast } from '../helpers/qa';

/**
 * The external quality assurer (issue 20): an administrator creates the account with the visit; the EQA reads only the
 * samples shared with the visit, read-only, and only between its dates: before and after, every request is refused
 * (the session's account is not found), and a session already open stops working when the visit ends.
 */
useTestDatabase();

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ||= 'integration-test-secret-integration-test-secret';
});

async function rejection(p: Promise<unknown>): Promise<PublicError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(PublicError);
  return e as PublicError;
}

const day = (offset: number) => ukDayOf(new Date(Date.now() + offset * 86_400_000));
const claimsOf = (userId: string) => ({
  userId,
  sessionId: crypto.randomUUID(),
  sessionVersion: 0,
  signedInAt: Math.floor(Date.now() / 1000),
});
const visitInput = (over: Record<string, string> = {}) =>
  createEqaVisitSchema.parse({
    name: 'Grace Adeyemi',
    email: `eqa.${crypto.randomBytes(3).toString('hex')}@awarding.example`,
    organisation: 'Skills CFA',
    startsOn: day(-1),
    endsOn: day(5),
    ...over,
  });

/**
 * Cohort A (Amira by Priya, Ben by Ian) with a drawn sample shared with the visit; cohort B (Carl by Priya) with a
 * drawn sample that is not. The EQA has an open visit.
 */
async function visitCast() {
  const c = await qaCast();
  const amiras = await judged(c.amira, c.priya, 'ee2/pc/1');
  await judged(c.ben, c.ian, 'ee2/pc/2');
  const shared = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period(), seed: 'eqa-shared' });
  const carl = await makeUser('learner');
  await assign(carl, c.priya);
  await enrol(carl, MODULE);
  const otherCohort = await makeCohort([carl]);
  await assignIqa(c.admin, { iqaId: c.iris.id, cohortId: otherCohort });
  await savePlan(c.iris, { cohortId: otherCohort, name: 'B plan', rules: { standardRate: 1, coverage: [] } });
  await judged(carl, c.priya, 'ee2/pc/3');
  const notShared = await drawQaSample(c.iris, { cohortId: otherCohort, ...period(), seed: 'eqa-not-shared' });
  const created = await createEqaVisit(c.admin, visitInput());
  await shareSample(c.admin, { visitId: created.visitId, sampleId: shared.sampleId });
  const eqa: Actor = { id: created.eqaId, role: 'eqa' };
  const amiraItem = shared.items.find((i) => i.subjectId === amiras.judgementId)!.id;
  return { ...c, carl, shared, notShared, created, eqa, amiraItem, carlItem: notShared.items[0]!.id };
}

const setDates = (visitId: string, startsAt: Date, endsAt: Date) =>
  getDb().update(eqaVisits).set({ startsAt, endsAt }).where(eq(eqaVisits.id, visitId));

describe('creating a visit (administrators)', () => {
  it('creates the EQA account and the visit from UK midnight of the first day to midnight after the last, audited', async () => {
    const admin = await makeUser('admin');
    const input = visitInput({ startsOn: day(0), endsOn: day(3) });
    const created = await createEqaVisit(admin, input);
    expect(created.generatedPassword.length).toBeGreaterThanOrEqual(12);
    const [account] = await getDb().select().from(users).where(eq(users.id, created.eqaId));
    expect(account).toMatchObject({ role: 'eqa', email: input.email, mustChangePassword: true, active: true });
    const [visit] = await listEqaVisits(admin).then((all) => all.filter((v) => v.id === created.visitId));
    expect(visit).toMatchObject({ organisation: 'Skills CFA', firstDay: day(0), lastDay: day(3), state: 'open' });
    expect(ukDayOf(new Date(Date.parse(visit!.startsAt) - 1))).toBe(day(-1));
    const actions = (
      await getDb()
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.actorId, admin.id)))
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['account.create', 'qa.eqa_visit.create']));
  });

  it('refuses bad input with clear messages, a taken email, a visit already over, and anyone but an administrator', async () => {
    const admin = await makeUser('admin');
    const bad = (over: Record<string, unknown>) =>
      createEqaVisitSchema.safeParse({
        name: 'G',
        email: 'g@x.example',
        organisation: 'Body',
        startsOn: day(0),
        endsOn: day(1),
        ...over,
      });
    expect(bad({}).success).toBe(true);
    expect(bad({ endsOn: day(-1) }).error?.issues[0]?.message).toBe('The last day cannot be before the first day.');
    expect(bad({ endsOn: day(100) }).error?.issues[0]?.message).toBe('A visit lasts at most 92 days.');
    expect(bad({ startsOn: '2026-02-30' }).error?.issues[0]?.message).toBe('Enter a real date.');
    expect(bad({ organisation: '  ' }).error?.issues[0]?.message).toBe('Enter the awarding body.');
    expect(bad({ email: 'not an email' }).success).toBe(false);
    const input = visitInput();
    await createEqaVisit(admin, input);
    const taken = await rejection(createEqaVisit(admin, { ...input, organisation: 'Other' }));
    expect(taken).toBeInstanceOf(ValidationError);
    expect((taken as ValidationError).fieldErrors?.email).toMatch(/already an account/);
    expect((await rejection(createEqaVisit(admin, visitInput({ startsOn: day(-5), endsOn: day(-2) })))).message).toBe(
      'The visit’s last day has passed.',
    );
    for (const role of ['assessor', 'coach', 'learner', 'eqa'] as const) {
      const someone = await makeUser(role);
      expect(await rejection(createEqaVisit(someone, visitInput()))).toBeInstanceOf(ForbiddenError);
    }
  });
});

describe('inside the visit', () => {
  it('reads the shared sample: its items with reasons, decisions and actions, and nothing else', async () => {
    const c = await visitCast();
    await recordQaDecision(c.iris, {
      itemId: c.amiraItem,
      verdict: 'disagree',
      feedback: 'Cite the entries.',
      actions: [{ text: 'Re-judge with the entries cited.', dueOn: day(7) }],
    });
    expect(await userForClaims(claimsOf(c.eqa.id))).toMatchObject({ id: c.eqa.id, role: 'eqa' });

    const [home, ...more] = await getEqaHome(c.eqa);
    expect(more).toEqual([]);
    expect(home!.samples.map((s) => s.id)).toEqual([c.shared.sampleId]);
    const [sample] = home!.samples;
    expect(sample!.plan).toMatchObject({ version: 1, name: 'Spring plan' });
    expect(sample!.plan.rulesInWords.length).toBeGreaterThan(0);
    expect(sample!.items.map((i) => i.learner.id).sort()).toEqual([c.amira.id, c.ben.id].sort());
    const amiras = sample!.items.find((i) => i.id === c.amiraItem)!;
    expect(amiras.reasons.length).toBeGreaterThan(0);
    expect(amiras.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(amiras.outcome).toBe('disagreed, actions open');
    expect(amiras.decisions[0]!.actions[0]!.text).toBe('Re-judge with the entries cited.');
    expect(amiras.recordNow).toMatchObject({ outcome: 'met' });

    const item = await getSampledItem(c.eqa, c.amiraItem);
    expect(item).toMatchObject({ canDecide: false, own: false, learner: { id: c.amira.id } });
    expect(await rejection(getSampledItem(c.eqa, c.carlItem))).toBeInstanceOf(ForbiddenError);

    // The learner record: a learner of the shared sample, never one outside it.
    expect((await portfolioExport(c.eqa, c.amira.id, MODULE)).learner.id).toBe(c.amira.id);
    expect(await rejection(portfolioExport(c.eqa, c.carl.id, MODULE))).toBeInstanceOf(ForbiddenError);
    expect(await relationTo(c.eqa, c.amira.id)).toBe('eqa');
    expect(await relationTo(c.eqa, c.carl.id)).toBe('none');
    const scoped = await getDb()
      .select({ id: users.id })
      .from(users)
      .where(learnerScope(c.eqa, 'export.view', users.id));
    expect(scoped.map((r) => r.id).sort()).toEqual([c.amira.id, c.ben.id].sort());

    // Read-only: no POLICY write, and no QA write.
    for (const action of [
      'evidence.view',
      'evidence.write',
      'judgement.write',
      'report.assess',
      'worksheet.comment',
    ] as const)
      expect(await can(c.eqa, action, c.amira.id), action).toBe(false);
    expect(
      await rejection(recordQaDecision(c.eqa, { itemId: c.amiraItem, verdict: 'agree', actions: [] })),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(drawQaSample(c.eqa, { cohortId: c.cohortId, ...period(), seed: 'eqa-tries' })),
    ).toBeInstanceOf(ForbiddenError);
    const [action] = (await getEqaPack(c.admin, c.created.visitId)).samples[0]!.items.find((i) => i.id === c.amiraItem)!
      .decisions[0]!.actions;
    expect(await rejection(closeQaAction(c.eqa, { actionId: action!.id, note: '' }))).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(shareSample(c.eqa, { visitId: c.created.visitId, sampleId: c.notShared.sampleId })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await rejection(endEqaVisit(c.eqa, { visitId: c.created.visitId }))).toBeInstanceOf(ForbiddenError);
  });

  it('the pack: for the EQA, the IQA of its cohorts and administrators; plan, draws, hashes, decisions and outcomes', async () => {
    const c = await visitCast();
    await recordQaDecision(c.iris, { itemId: c.amiraItem, verdict: 'agree', feedback: 'Sound.', actions: [] });
    const pack = await getEqaPack(c.eqa, c.created.visitId);
    expect(pack).toMatchObject({ format: 'criterion-eqa-pack/1', readerRelation: 'eqa' });
    expect(pack.visit).toMatchObject({ organisation: 'Skills CFA', state: 'open' });
    const [sample] = pack.samples;
    expect(sample).toMatchObject({ seed: 'eqa-shared', plan: { version: 1 } });
    expect(sample!.plan.rules).toMatchObject({ standardRate: 1 });
    expect(sample!.items.find((i) => i.id === c.amiraItem)).toMatchObject({
      outcome: 'agreed',
      decisions: [{ verdict: 'agree', current: true, feedback: 'Sound.' }],
    });
    expect((await getEqaPack(c.iris, c.created.visitId)).readerRelation).toBe('iqa');
    expect((await getEqaPack(c.admin, c.created.visitId)).readerRelation).toBe('admin');
    // Ian is the IQA of cohort A only: once cohort B's sample is shared too, the pack is not his to read.
    expect((await getEqaPack(c.ian, c.created.visitId)).readerRelation).toBe('iqa');
    await shareSample(c.admin, { visitId: c.created.visitId, sampleId: c.notShared.sampleId });
    expect(await rejection(getEqaPack(c.ian, c.created.visitId))).toBeInstanceOf(ForbiddenError);
    for (const who of [c.priya, c.outsider, c.amira])
      expect(await rejection(getEqaPack(who, c.created.visitId))).toBeInstanceOf(ForbiddenError);
    // Another EQA, in their own open visit, cannot read this one's pack or items.
    const other = await createEqaVisit(c.admin, visitInput());
    const otherEqa: Actor = { id: other.eqaId, role: 'eqa' };
    expect(await rejection(getEqaPack(otherEqa, c.created.visitId))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(getSampledItem(otherEqa, c.amiraItem))).toBeInstanceOf(ForbiddenError);
    expect(await getEqaHome(otherEqa)).toMatchObject([{ samples: [] }]);
  });

  it('opens the files of evidence in the shared sample, and no other file; none once the visit is over; the IQA too', async () => {
    const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-eqa-files-'));
    process.env.UPLOAD_DIR = uploadDir;
    try {
      const c = await qaCast();
      const pdf = new Uint8Array(fs.readFileSync(path.resolve(__dirname, '../fixtures/files/feedback-log.pdf')));
      const fileEvidence = async (criterionId: string, title: string) => {
        const { id } = await createEvidence(
          c.amira,
          {
            kind: 'file',
            title,
            occurredOn: '2026-11-01',
            description: '',
            criteria: [{ id: criterionId, note: 'My log.' }],
          },
          { name: 'feedback-log.pdf', type: 'application/pdf', bytes: pdf },
        );
        const [row] = await getDb().select({ fileId: evidence.fileId }).from(evidence).where(eq(evidence.id, id));
        return { evidenceId: id, fileId: row!.fileId! };
      };
      const sampled = await fileEvidence('ee2/pc/1', 'Feedback log');
      // Amira's other file: mapped to a criterion nobody has judged, so in no snapshot.
      const other = await fileEvidence('ee2/pc/2', 'Another log');
      await recordJudgement(c.priya, {
        learnerId: c.amira.id,
        criterionId: 'ee2/pc/1',
        outcome: 'met',
        feedback: 'Clear.',
        evidenceIds: [sampled.evidenceId],
      });
      const shared = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period(), seed: 'eqa-files' });
      expect(shared.items.length).toBeGreaterThan(0);
      const created = await createEqaVisit(c.admin, visitInput());
      await shareSample(c.admin, { visitId: created.visitId, sampleId: shared.sampleId });
      const eqa: Actor = { id: created.eqaId, role: 'eqa' };
      // The sampled record names the file's type, so the visit's page shows a photo or plays a recording in place.
      const files = [];
      for (const i of shared.items)
        files.push(...(await getSampledItem(eqa, i.id)).snapshot.evidence.map((e) => e.file).filter(Boolean));
      expect(files).toContainEqual(expect.objectContaining({ id: sampled.fileId, contentType: 'application/pdf' }));

      const file = await getFileForDownload(eqa, sampled.fileId);
      expect(file.name).toBe('feedback-log.pdf');
      expect(Buffer.from(await new Response(await file.open()).arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
      expect(await rejection(getFileForDownload(eqa, other.fileId))).toBeInstanceOf(ForbiddenError);
      // The cohort's IQA, who is not Amira's assessor, opens the file the sampled decision rested on and not the other;
      // an assessor who quality-assures no cohort of hers opens neither.
      expect(await can(c.iris, 'evidence.view', c.amira.id)).toBe(false);
      expect((await getFileForDownload(c.iris, sampled.fileId)).sha256).toBe(file.sha256);
      expect(await rejection(getFileForDownload(c.iris, other.fileId))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(getFileForDownload(c.outsider, sampled.fileId))).toBeInstanceOf(ForbiddenError);
      // Another EQA, with no sample shared, opens nothing.
      const stranger = await createEqaVisit(c.admin, visitInput());
      expect(await rejection(getFileForDownload({ id: stranger.eqaId, role: 'eqa' }, sampled.fileId))).toBeInstanceOf(
        ForbiddenError,
      );
      // The visit over: refused (and the session itself is refused, see below).
      await setDates(created.visitId, new Date(Date.now() - 5 * 86_400_000), new Date(Date.now() - 60_000));
      expect(await rejection(getFileForDownload(eqa, sampled.fileId))).toBeInstanceOf(ForbiddenError);
    } finally {
      delete process.env.UPLOAD_DIR;
      fs.rmSync(uploadDir, { recursive: true, force: true });
    }
  });

  it('stops sharing a sample at once', async () => {
    const c = await visitCast();
    await unshareSample(c.admin, { visitId: c.created.visitId, sampleId: c.shared.sampleId });
    expect(await rejection(getSampledItem(c.eqa, c.amiraItem))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(portfolioExport(c.eqa, c.amira.id, MODULE))).toBeInstanceOf(ForbiddenError);
    const admin = await getEqaVisitAdmin(c.admin, c.created.visitId);
    expect(admin.samples.filter((s) => s.shared)).toEqual([]);
    const audited = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, c.created.visitId));
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['qa.eqa_visit.create', 'qa.eqa_visit.share', 'qa.eqa_visit.unshare']),
    );
  });
});

describe('outside the visit: every request refused', () => {
  it('before the start: no session, no sign-in, nothing shared', async () => {
    const c = await visitCast();
    const claims = claimsOf(c.eqa.id);
    expect(await userForClaims(claims)).not.toBeNull();
    await setDates(c.created.visitId, new Date(Date.now() + 3_600_000), new Date(Date.now() + 5 * 86_400_000));
    expect(await userForClaims(claims)).toBeNull();
    expect(
      (await rejection(authenticate({ email: c.created.email, password: c.created.generatedPassword }, '10.9.0.1')))
        .message,
    ).toBe(EQA_OUTSIDE_VISIT);
    expect(await rejection(getSampledItem(c.eqa, c.amiraItem))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(getEqaPack(c.eqa, c.created.visitId))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(portfolioExport(c.eqa, c.amira.id, MODULE))).toBeInstanceOf(ForbiddenError);
    expect(await getEqaHome(c.eqa)).toEqual([]);
    expect(await relationTo(c.eqa, c.amira.id)).toBe('none');
    // A visit that has not started cannot be ended, only withdrawn (the account disabled).
    expect((await rejection(endEqaVisit(c.admin, { visitId: c.created.visitId }))).message).toMatch(/has not started/);
  });

  it('an administrator ends the visit: the session already open stops working, its next read of the session too', async () => {
    const c = await visitCast();
    const signedIn = await authenticate({ email: c.created.email, password: c.created.generatedPassword }, '10.9.0.2');
    expect(signedIn.role).toBe('eqa');
    const claims = claimsOf(c.eqa.id);
    const token = { uid: claims.userId, sid: claims.sessionId, sv: 0, sat: claims.signedInAt, role: 'eqa' } as JWT;
    const jwt = authOptions().callbacks!.jwt!;
    await expect(jwt({ token, user: undefined as never, account: null } as never)).resolves.toMatchObject({
      role: 'eqa',
    });

    const ended = await endEqaVisit(c.admin, { visitId: c.created.visitId });
    expect(Date.parse(ended.endedAt)).toBeLessThanOrEqual(Date.now());
    expect(await userForClaims(claims)).toBeNull();
    await expect(jwt({ token, user: undefined as never, account: null } as never)).rejects.toMatchObject({
      name: 'SessionEnded',
    });
    expect(
      (await rejection(authenticate({ email: c.created.email, password: c.created.generatedPassword }, '10.9.0.3')))
        .message,
    ).toBe(EQA_OUTSIDE_VISIT);
    expect(await rejection(getSampledItem(c.eqa, c.amiraItem))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(getEqaPack(c.eqa, c.created.visitId))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(portfolioExport(c.eqa, c.amira.id, MODULE))).toBeInstanceOf(ForbiddenError);
    expect(await getEqaHome(c.eqa)).toEqual([]);
    // The centre keeps the pack; nothing more can be shared with an ended visit, and ending it again changes nothing.
    expect((await getEqaPack(c.admin, c.created.visitId)).visit.state).toBe('ended');
    expect(
      (await rejection(shareSample(c.admin, { visitId: c.created.visitId, sampleId: c.notShared.sampleId }))).message,
    ).toMatch(/has ended/);
    expect((await endEqaVisit(c.admin, { visitId: c.created.visitId })).endedAt).toBe(ended.endedAt);
    const ends = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, c.created.visitId), eq(auditLog.action, 'qa.eqa_visit.end')));
    expect(ends[0]!.n).toBe(1);
  });

  it('the end is exclusive, the start inclusive, on the database clock', async () => {
    const c = await visitCast();
    const claims = claimsOf(c.eqa.id);
    await setDates(c.created.visitId, new Date(Date.now() - 86_400_000), new Date(Date.now() - 1000));
    expect(await userForClaims(claims)).toBeNull();
    await setDates(c.created.visitId, new Date(Date.now() - 1000), new Date(Date.now() + 60_000));
    expect(await userForClaims(claims)).not.toBeNull();
    // Other roles are never held to a visit.
    expect(await userForClaims(claimsOf(c.priya.id))).not.toBeNull();
  });
});
