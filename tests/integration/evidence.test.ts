import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  evidence,
  evidenceCriteria,
  judgementResponses,
  judgements,
  worksheetSubmissions,
} from '@/db/schema';
import { pickerCatalog } from '@/lib/evidence/criteria';
import { learnerPortfolio, assignedLearners } from '@/lib/evidence/portfolio';
import { getEvidence, listEvidence } from '@/lib/evidence/read';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast } from '../helpers/fixtures';
import { judge, respond } from '../helpers/judgements';
import { createEvidence, updateEvidence } from '../helpers/evidence';

useTestDatabase();

const EE2 = 'ee2-win-keep-customers';
const WRC = 'win-retain-customers';
const U306 = 'u306-customers-retention';
let uploadDir: string;

beforeAll(() => {
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-evidence-'));
  process.env.UPLOAD_DIR = uploadDir;
});
afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

const account = (
  criteria: { id: string; note?: string }[] = [{ id: 'ee2/pc/1', note: 'I surveyed customers.' }],
  extra: Record<string, unknown> = {},
) => ({
  kind: 'account',
  title: 'How I found out who my customers are',
  occurredOn: '2025-03-01',
  description: 'A survey at the market stall.',
  body: 'I asked 40 customers at my stall what they buy and why.',
  criteria: criteria.map((c) => ({ id: c.id, note: c.note ?? '' })),
  ...extra,
});

/** The database's own message (drizzle wraps it as the cause of "Failed query"). */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ''}`;
  }
  return 'no error: the database accepted the change';
}

async function cast() {
  const c = await makeCast();
  await enrol(c.learner, EE2, WRC, U306);
  await enrol(c.otherLearner, EE2);
  return c;
}

const count = async (table: typeof evidence | typeof judgements | typeof evidenceCriteria, learnerId: string) =>
  (
    await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
      .where(eq(table.learnerId, learnerId))
  )[0]!.n;

describe('creating evidence', () => {
  it('a learner records a written account mapped to criteria across modules, with notes, and it is audited', async () => {
    const c = await cast();
    const { id } = await createEvidence(
      c.learner,
      account([{ id: 'ee2/pc/1', note: 'Survey of 40 customers' }, { id: 'wrc/pc/1' }, { id: 'u306/ac/1.1' }]),
    );
    const detail = await getEvidence(c.learner, id);
    expect(detail.title).toBe('How I found out who my customers are');
    expect(detail.mappings.map((m) => m.criterion.id).sort()).toEqual(['ee2/pc/1', 'u306/ac/1.1', 'wrc/pc/1']);
    expect(detail.mappings.find((m) => m.criterion.id === 'ee2/pc/1')!.note).toBe('Survey of 40 customers');
    expect(detail.mappings.every((m) => m.status.status === 'evidence_submitted')).toBe(true);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'evidence.create')));
    expect(entry!.actorId).toBe(c.learner.id);
    expect((entry!.after as { criteria: string[] }).criteria).toHaveLength(3);
  });

  it('stores kind-specific fields: link, witness statement, worksheet reference', async () => {
    const c = await cast();
    const link = await createEvidence(c.learner, {
      ...account(),
      kind: 'link',
      body: '',
      url: 'https://example.org/my-shop',
    });
    const witness = await createEvidence(c.learner, {
      ...account(),
      kind: 'witness',
      witnessName: 'Jo Bloggs',
      witnessRole: 'Market manager',
      witnessContact: 'jo@example.org',
      body: 'Eddie asks every customer for feedback.',
    });
    const handIn = async (learnerId: string) =>
      (
        await getDb()
          .insert(worksheetSubmissions)
          .values({ learnerId, moduleSlug: 'ws-2-8-keeping-customers', number: 1, answers: {}, answersVersion: 1 })
          .returning()
      )[0]!.id;
    const mine = await handIn(c.learner.id);
    const theirs = await handIn(c.otherLearner.id);
    await expect(
      createEvidence(c.learner, { ...account(), kind: 'worksheet', worksheetSubmissionId: theirs }),
    ).rejects.toThrow(/your own submitted worksheets/);
    await expect(
      createEvidence(c.learner, { ...account(), kind: 'worksheet', worksheetSubmissionId: '' }),
    ).rejects.toThrow(/Choose the submitted worksheet/);
    const ws = await createEvidence(c.learner, {
      ...account(),
      kind: 'worksheet',
      body: '',
      worksheetSubmissionId: mine,
    });
    expect((await getEvidence(c.learner, link.id)).url).toBe('https://example.org/my-shop');
    expect((await getEvidence(c.learner, witness.id)).witness).toEqual({
      name: 'Jo Bloggs',
      role: 'Market manager',
      contact: 'jo@example.org',
    });
    const w = await getEvidence(c.learner, ws.id);
    expect(w.worksheetSubmissionId).toBe(mine);
    expect(w.body).toBeNull();
  });

  it('an assigned assessor records an observation and a professional discussion for the learner', async () => {
    const c = await cast();
    const obs = await createEvidence(c.assessor, {
      ...account([{ id: 'u306/ac/2.1' }]),
      kind: 'observation',
      learnerId: c.learner.id,
      body: 'Watched Eddie handle a complaint.',
    });
    const disc = await createEvidence(c.assessor, {
      ...account([{ id: 'u306/ac/3.3' }]),
      kind: 'discussion',
      learnerId: c.learner.id,
      body: 'We discussed how to measure satisfaction.',
    });
    const d = await getEvidence(c.learner, obs.id);
    expect(d.isRecord).toBe(true);
    expect(d.authorName).toBe(c.assessor.name);
    expect((await getEvidence(c.coach, disc.id)).kind).toBe('discussion');
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, obs.id));
    expect(entry!.action).toBe('evidence.record');
  });

  it.each([
    ['an empty title', { title: '   ' }, /Give your evidence a title/],
    ['a title over 200 characters', { title: 'x'.repeat(231) }, /longer than 200 characters \(231\)/],
    ['an account with no text', { body: '' }, /Write your account/],
    ['a date in the future', { occurredOn: '2999-01-01' }, /cannot be in the future/],
    ['a link that is not a web address', { kind: 'link', url: 'javascript:alert(1)' }, /full web address/],
    ['a witness statement without the witness', { kind: 'witness', witnessName: '' }, /witness's name/],
  ])('refuses %s, storing nothing', async (_name, patch, message) => {
    const c = await cast();
    await expect(createEvidence(c.learner, { ...account(), ...patch })).rejects.toThrow(message);
    expect(await count(evidence, c.learner.id)).toBe(0);
    expect(await count(evidenceCriteria, c.learner.id)).toBe(0);
  });

  it('refuses an unknown criterion id and an item that is not assessable, storing nothing', async () => {
    const c = await cast();
    await expect(createEvidence(c.learner, account([{ id: 'ee2/pc/1' }, { id: 'ee2/pc/99' }]))).rejects.toThrow(
      /"ee2\/pc\/99" is not a criterion we know/,
    );
    await expect(createEvidence(c.learner, account([{ id: 'u306/lo/1' }]))).rejects.toBeInstanceOf(ValidationError);
    await expect(createEvidence(c.learner, account([{ id: 'u306/ac/2.4/range/promotions' }]))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await count(evidence, c.learner.id)).toBe(0);
  });

  it('refuses mapping to a module the learner is not enrolled on, storing nothing', async () => {
    const c = await cast();
    const err = await createEvidence(c.otherLearner, account([{ id: 'ee2/pc/1' }, { id: 'wrc/pc/1' }])).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/You are not enrolled on "WRC Win and retain customers"/);
    expect(await count(evidence, c.otherLearner.id)).toBe(0);
  });

  it('only the learner writes their own evidence; assessors only record observations and discussions', async () => {
    const c = await cast();
    for (const actor of [c.otherLearner, c.assessor, c.coach, c.admin, c.otherAssessor]) {
      await expect(createEvidence(actor, account([], { learnerId: c.learner.id }))).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    // A learner naming someone else as the learner is still refused.
    await expect(createEvidence(c.otherLearner, account([], { learnerId: c.learner.id }))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    for (const actor of [c.learner, c.otherAssessor, c.coach, c.otherCoach, c.admin]) {
      await expect(
        createEvidence(actor, { ...account([]), kind: 'observation', learnerId: c.learner.id, body: 'x' }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await count(evidence, c.learner.id)).toBe(0);
  });
});

describe('crosswalk equivalents', () => {
  it('offers the equivalents of an item within the modules the learner is enrolled on, and both can be mapped', async () => {
    const c = await cast();
    const both = pickerCatalog([EE2, WRC]);
    expect(both.equivalents['ee2/pc/1']).toEqual(expect.arrayContaining(['wrc/pc/1', 'wrc/pc/2']));
    expect(both.equivalents['wrc/pc/1']).toContain('ee2/pc/1');
    const onlyEe2 = pickerCatalog([EE2]);
    expect(onlyEe2.equivalents['ee2/pc/1']).toBeUndefined();
    expect(onlyEe2.modules.map((m) => m.slug)).toEqual([EE2]);

    const { id } = await createEvidence(
      c.learner,
      account([{ id: 'ee2/pc/1' }, ...both.equivalents['ee2/pc/1']!.map((e) => ({ id: e }))]),
    );
    expect((await getEvidence(c.learner, id)).mappings.map((m) => m.criterion.id).sort()).toEqual([
      'ee2/pc/1',
      'wrc/pc/1',
      'wrc/pc/2',
    ]);
  });
});

describe('viewing evidence', () => {
  it('the learner, their assessor, coach and an admin can read it; others get 403', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    for (const actor of [c.learner, c.assessor, c.coach, c.admin]) {
      expect((await getEvidence(actor, id)).id).toBe(id);
      expect((await listEvidence(actor, c.learner.id)).items.map((i) => i.id)).toEqual([id]);
    }
    for (const actor of [c.otherLearner, c.otherAssessor, c.otherCoach]) {
      await expect(getEvidence(actor, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listEvidence(actor, c.learner.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(learnerPortfolio(actor, c.learner.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(getEvidence(c.learner, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEvidence(c.learner, '../etc/passwd')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('only the learner sees an edit option; only the assigned assessor may judge', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    expect((await getEvidence(c.learner, id)).can).toEqual({ edit: true, respond: true, judge: false });
    expect((await getEvidence(c.assessor, id)).can).toEqual({ edit: false, respond: false, judge: true });
    expect((await getEvidence(c.coach, id)).can).toEqual({ edit: false, respond: false, judge: false });
    expect((await getEvidence(c.admin, id)).can).toEqual({ edit: false, respond: false, judge: false });
  });
});

describe('editing evidence', () => {
  it('the learner edits in place with a version check; a stale save is refused with the stored version', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    const first = await updateEvidence(c.learner, id, {
      ...account([{ id: 'ee2/pc/2', note: 'new' }]),
      title: 'Renamed',
      version: 1,
    });
    expect(first).toEqual({ id, version: 2, newVersion: false });
    const detail = await getEvidence(c.learner, id);
    expect(detail.title).toBe('Renamed');
    expect(detail.mappings.map((m) => [m.criterion.id, m.note])).toEqual([['ee2/pc/2', 'new']]);

    const err = await updateEvidence(c.learner, id, { ...account(), title: 'From an old tab', version: 1 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError<{ title: string; version: number }>).current).toMatchObject({
      title: 'Renamed',
      version: 2,
    });
    expect((await getEvidence(c.learner, id)).title).toBe('Renamed');
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'evidence.update')));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.before).toMatchObject({ title: 'How I found out who my customers are' });
    expect(audits[0]!.after).toMatchObject({ title: 'Renamed', version: 2 });
  });

  it("nobody else edits a learner's evidence; only the authoring assessor edits their record", async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    for (const actor of [c.otherLearner, c.assessor, c.coach, c.admin]) {
      await expect(updateEvidence(actor, id, { ...account(), version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const obs = await createEvidence(c.assessor, { ...account(), kind: 'observation', learnerId: c.learner.id });
    await expect(updateEvidence(c.learner, obs.id, { ...account(), version: 1 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(updateEvidence(c.otherAssessor, obs.id, { ...account(), version: 1 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      updateEvidence(c.assessor, obs.id, { ...account(), title: 'Observation, edited', version: 1 }),
    ).resolves.toMatchObject({ version: 2 });
  });

  it('after it is judged met, an edit creates a new version that supersedes the old one, which is kept unchanged', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account([{ id: 'ee2/pc/1' }, { id: 'ee2/pc/2' }]));
    await judge(c.assessor, {
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/1',
      outcome: 'met',
      feedback: 'Clear.',
      evidenceIds: [id],
    });
    const result = await updateEvidence(c.learner, id, {
      ...account([{ id: 'ee2/pc/1' }, { id: 'ee2/pc/2' }]),
      title: 'Version two',
      version: 1,
    });
    expect(result.newVersion).toBe(true);
    expect(result.id).not.toBe(id);

    const old = await getEvidence(c.learner, id);
    expect(old.title).toBe('How I found out who my customers are');
    expect(old.supersededBy).toBe(result.id);
    expect(old.can.edit).toBe(false);
    const fresh = await getEvidence(c.learner, result.id);
    expect(fresh.versions.map((v) => [v.id, v.current])).toEqual([
      [id, false],
      [result.id, true],
    ]);
    // The library lists the current version only; the met judgement still stands.
    expect((await listEvidence(c.learner, c.learner.id)).items.map((i) => i.id)).toEqual([result.id]);
    expect(fresh.mappings.find((m) => m.criterion.id === 'ee2/pc/1')!.status.status).toBe('met');
    // Editing the superseded version is refused, pointing at the newest.
    const err = await updateEvidence(c.learner, id, { ...account(), version: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError<{ id: string }>).current!.id).toBe(result.id);
  });

  it('an edit saved while an assessor is judging the evidence met waits, then becomes a new version', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    let edit: Promise<unknown> | undefined;
    let settledBeforeCommit = false;
    await getDb().transaction(async (tx) => {
      await judge(
        c.assessor,
        { learnerId: c.learner.id, criterionId: 'ee2/pc/1', outcome: 'met', feedback: 'Clear.', evidenceIds: [id] },
        tx,
      );
      // The learner saves while the judgement is written but not yet committed (on PostgreSQL, another connection).
      edit = updateEvidence(c.learner, id, { ...account(), title: 'Changed while being judged', version: 1 }).then(
        (r) => r,
        (e: unknown) => e,
      );
      void edit.then(() => {
        settledBeforeCommit = true;
      });
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(settledBeforeCommit, 'the edit must wait for the judgement on the evidence it changes').toBe(false);
    expect(await edit).toMatchObject({ newVersion: true });
    // What the assessor judged is still exactly what is stored under that id.
    expect((await getEvidence(c.learner, id)).title).toBe('How I found out who my customers are');
  });

  it('the database refuses to change evidence in place once a "met" judgement cites it', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    await judge(c.assessor, { learnerId: c.learner.id, criterionId: 'ee2/pc/1', outcome: 'met', evidenceIds: [id] });
    expect(await refusal(getDb().update(evidence).set({ title: 'tampered' }).where(eq(evidence.id, id)))).toMatch(
      /judged met: UPDATE refused/,
    );
  });

  it('the database refuses to change or delete a superseded version', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    await judge(c.assessor, { learnerId: c.learner.id, criterionId: 'ee2/pc/1', outcome: 'met', evidenceIds: [id] });
    await updateEvidence(c.learner, id, { ...account(), version: 1 });
    expect(await refusal(getDb().update(evidence).set({ title: 'tampered' }).where(eq(evidence.id, id)))).toMatch(
      /has been superseded: UPDATE refused/,
    );
    expect(await refusal(getDb().delete(evidence).where(eq(evidence.id, id)))).toMatch(/DELETE refused/);
  });
});

describe('judgements', () => {
  it('the assigned assessor judges met and not yet met with feedback; the newest is the status and history is kept', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account([{ id: 'ee2/pc/1' }, { id: 'ee2/pc/2' }]));
    await judge(c.assessor, {
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/1',
      outcome: 'met',
      feedback: 'Good survey.',
      evidenceIds: [id],
    });
    const nym = await judge(c.assessor, {
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/2',
      outcome: 'not_yet_met',
      feedback: 'Say how needs will change.',
      evidenceIds: [id],
    });

    let detail = await getEvidence(c.learner, id);
    const pc1 = detail.mappings.find((m) => m.criterion.id === 'ee2/pc/1')!;
    const pc2 = detail.mappings.find((m) => m.criterion.id === 'ee2/pc/2')!;
    expect(pc1.status.status).toBe('met');
    expect(pc2.status.status).toBe('not_yet_met');
    expect(pc2.judgements[0]).toMatchObject({
      outcome: 'not_yet_met',
      feedback: 'Say how needs will change.',
      assessorName: c.assessor.name,
      cited: [{ id, title: 'How I found out who my customers are' }],
    });

    // The learner responds and improves the evidence; the criterion is submitted again; the assessor re-judges.
    await respond(c.learner, { judgementId: nym.id, note: 'I added a paragraph on future needs.' });
    await updateEvidence(c.learner, id, {
      ...account([{ id: 'ee2/pc/1' }, { id: 'ee2/pc/2' }]),
      body: 'More text about future needs.',
      version: 1,
    });
    detail = await getEvidence(c.learner, id);
    expect(detail.mappings.find((m) => m.criterion.id === 'ee2/pc/2')!.status.status).toBe('evidence_submitted');
    expect(detail.mappings.find((m) => m.criterion.id === 'ee2/pc/2')!.judgements[0]!.responses[0]!.note).toBe(
      'I added a paragraph on future needs.',
    );

    await judge(c.assessor, {
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/2',
      outcome: 'met',
      feedback: 'Now covered.',
      evidenceIds: [id],
    });
    detail = await getEvidence(c.learner, id);
    const history = detail.mappings.find((m) => m.criterion.id === 'ee2/pc/2')!;
    expect(history.status.status).toBe('met');
    expect(history.judgements.map((j) => j.outcome)).toEqual(['met', 'not_yet_met']);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.action, 'judgement.record'));
    expect(audits.filter((a) => a.learnerId === c.learner.id)).toHaveLength(3);
  });

  it('refuses judging by anyone not assigned as assessor, storing nothing', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    for (const actor of [c.otherAssessor, c.coach, c.admin, c.learner, c.otherLearner]) {
      await expect(
        judge(actor, {
          learnerId: c.learner.id,
          criterionId: 'ee2/pc/1',
          outcome: 'met',
          feedback: 'x',
          evidenceIds: [id],
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await count(judgements, c.learner.id)).toBe(0);
  });

  it.each([
    ['not yet met without feedback', { outcome: 'not_yet_met', feedback: '  ' }, /feedback is needed/],
    ['met without citing evidence', { evidenceIds: [] }, /Cite the evidence/],
    ['an unknown criterion', { criterionId: 'ee2/pc/77' }, /not a criterion we know/],
    ['a module the learner is not enrolled on', { criterionId: 'dcr/pc/1' }, /not enrolled/],
    ['citing evidence not mapped to the criterion', { criterionId: 'ee2/pc/3' }, /Cite only evidence/],
  ])('refuses %s, storing nothing', async (_name, patch, message) => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    await expect(
      judge(c.assessor, {
        learnerId: c.learner.id,
        criterionId: 'ee2/pc/1',
        outcome: 'met',
        feedback: '',
        evidenceIds: [id],
        ...patch,
      }),
    ).rejects.toThrow(message);
    expect(await count(judgements, c.learner.id)).toBe(0);
  });

  it("refuses citing another learner's evidence", async () => {
    const c = await cast();
    await enrol(c.otherLearner, WRC);
    const theirs = await createEvidence(c.otherLearner, account());
    await createEvidence(c.learner, account());
    await expect(
      judge(c.assessor, { learnerId: c.learner.id, criterionId: 'ee2/pc/1', outcome: 'met', evidenceIds: [theirs.id] }),
    ).rejects.toThrow(/Cite only evidence/);
  });

  it('refuses a judgement made on a stale view (new evidence arrived since the page was opened)', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    const seen = (await learnerPortfolio(c.assessor, c.learner.id)).modules
      .find((m) => m.slug === EE2)!
      .items.find((i) => i.criterion.id === 'ee2/pc/1')!.seenSeq;
    const second = await createEvidence(c.learner, account());
    await expect(
      judge(c.assessor, {
        learnerId: c.learner.id,
        criterionId: 'ee2/pc/1',
        outcome: 'met',
        evidenceIds: [id],
        seenSeq: seen,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const fresh = (await learnerPortfolio(c.assessor, c.learner.id)).modules
      .find((m) => m.slug === EE2)!
      .items.find((i) => i.criterion.id === 'ee2/pc/1')!;
    expect(fresh.evidence.map((e) => e.id).sort()).toEqual([id, second.id].sort());
    await expect(
      judge(c.assessor, {
        learnerId: c.learner.id,
        criterionId: 'ee2/pc/1',
        outcome: 'met',
        evidenceIds: [id],
        seenSeq: fresh.seenSeq,
      }),
    ).resolves.toHaveProperty('id');
  });

  it('the database refuses UPDATE and DELETE on judgements and responses', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    const j = await judge(c.assessor, {
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/1',
      outcome: 'not_yet_met',
      feedback: 'More please.',
      evidenceIds: [id],
    });
    await respond(c.learner, { judgementId: j.id, note: 'Will do.' });
    expect(await refusal(getDb().update(judgements).set({ outcome: 'met' }).where(eq(judgements.id, j.id)))).toMatch(
      /judgements is append-only: UPDATE refused/,
    );
    expect(await refusal(getDb().delete(judgements).where(eq(judgements.id, j.id)))).toMatch(
      /judgements is append-only: DELETE refused/,
    );
    expect(
      await refusal(
        getDb().update(judgementResponses).set({ note: 'changed' }).where(eq(judgementResponses.judgementId, j.id)),
      ),
    ).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(getDb().delete(judgementResponses).where(eq(judgementResponses.judgementId, j.id)))).toMatch(
      /append-only: DELETE refused/,
    );
    const [row] = await getDb().select().from(judgements).where(eq(judgements.id, j.id));
    expect(row!.outcome).toBe('not_yet_met');
  });

  it('only the learner responds to a judgement on their work', async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account());
    const j = await judge(c.assessor, {
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/1',
      outcome: 'not_yet_met',
      feedback: 'More please.',
      evidenceIds: [id],
    });
    for (const actor of [c.otherLearner, c.assessor, c.coach, c.admin]) {
      await expect(respond(actor, { judgementId: j.id, note: 'hi' })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(respond(c.learner, { judgementId: j.id, note: '   ' })).rejects.toThrow(/Write your response/);
    expect(
      await getDb().select().from(judgementResponses).where(eq(judgementResponses.judgementId, j.id)),
    ).toHaveLength(0);
  });
});

describe('assessor view of a learner', () => {
  it("lists criteria awaiting judgement first in each module, and the assessor's learners with counts", async () => {
    const c = await cast();
    const a = await createEvidence(c.learner, account([{ id: 'ee2/pc/3' }, { id: 'ee2/pc/5' }]));
    await judge(c.assessor, { learnerId: c.learner.id, criterionId: 'ee2/pc/5', outcome: 'met', evidenceIds: [a.id] });
    const portfolio = await learnerPortfolio(c.assessor, c.learner.id);
    expect(portfolio.can).toEqual({ judge: true, record: true });
    const ee2 = portfolio.modules.find((m) => m.slug === EE2)!;
    expect(ee2.items[0]!.criterion.id).toBe('ee2/pc/3');
    expect(ee2.items[0]!.status.status).toBe('evidence_submitted');
    expect(ee2.items.at(-1)!.criterion.id).toBe('ee2/pc/5');
    expect(ee2.progress).toMatchObject({ met: 1, submitted: 1, notYetMet: 0 });
    expect(portfolio.modules.map((m) => m.slug).sort()).toEqual([EE2, U306, WRC]);

    expect((await learnerPortfolio(c.coach, c.learner.id)).can).toEqual({ judge: false, record: false });
    const rows = await assignedLearners(c.assessor);
    expect(rows).toEqual([expect.objectContaining({ id: c.learner.id, awaiting: 1, met: 1 })]);
    expect(await assignedLearners(c.otherAssessor)).toEqual([expect.objectContaining({ id: c.otherLearner.id })]);
    await expect(assignedLearners(c.learner)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
