import { eq, sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, evidence, qaSampleItems, qaSamples } from '@/db/schema';
import { judge as recordJudgement } from '../helpers/judgements';
import { updateEvidence } from '../helpers/evidence';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { drawQaSample, loadCandidates, loadHistory, verifySnapshot } from '@/lib/qa/draw';
import { loadQaStates } from '@/lib/qa/decisions';
import { loadCurrentPlan, savePlan } from '@/lib/qa/plan';
import { drawSample } from '@/lib/qa/sampler';
import { REPORT_MODULE_SLUG } from '@/lib/reports/unit';
import { useTestDatabase } from '../helpers/db';
import { rejection, databaseRefusal as refusal } from '../helpers/refusals';
import { enrol } from '../helpers/fixtures';
import { judged, MODULE, period, qaCast, signedOffReport } from '../helpers/qa';

/** Drawing a QA sample on the database (PGlite, or PostgreSQL with DATABASE_URL): refusals, reasons, determinism, frozen snapshots. */
useTestDatabase();

const rows = async (q: SQL) => {
  const r = await getDb().execute(q);
  return (Array.isArray(r) ? r : (r as unknown as { rows: Record<string, unknown>[] }).rows) as Record<
    string,
    unknown
  >[];
};

describe('who may draw', () => {
  it("only an IQA assigned to the cohort: not another assessor, not the learners' own assessor, not an admin or a learner", async () => {
    const c = await qaCast();
    await judged(c.amira, c.priya, 'ee2/pc/1');
    for (const actor of [c.outsider, c.priya, c.admin, c.amira]) {
      const e = await rejection(drawQaSample(actor, { cohortId: c.cohortId, ...period() }));
      expect(e, actor.name).toBeInstanceOf(ForbiddenError);
    }
    expect(await getDb().select().from(qaSamples).where(eq(qaSamples.cohortId, c.cohortId))).toHaveLength(0);
  });

  it('refuses a cohort without a plan, and a period that ends before it starts', async () => {
    const c = await qaCast();
    const other = await (await import('../helpers/qa')).makeCohort([c.amira]);
    await getDb().execute(sql`insert into iqa_cohorts (iqa_id, cohort_id) values (${c.ian.id}, ${other})`);
    expect((await rejection(drawQaSample(c.ian, { cohortId: other, ...period() }))).message).toMatch(
      /no sampling plan yet/,
    );
    const p = period();
    expect(await rejection(drawQaSample(c.ian, { cohortId: c.cohortId, from: p.to, to: p.from }))).toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('drawing a sample', () => {
  it("draws the period's judgements and sign-offs with reasons, never the IQA's own, and audits the draw", async () => {
    const c = await qaCast();
    const a1 = await judged(c.amira, c.priya, 'ee2/pc/1');
    const a2 = await judged(c.amira, c.priya, 'ee2/pc/2', 'not_yet_met');
    const own = await judged(c.ben, c.ian, 'ee2/pc/1');
    await enrol(c.amira, REPORT_MODULE_SLUG);
    const version = await signedOffReport(c.amira, c.priya);

    const out = await drawQaSample(c.ian, { cohortId: c.cohortId, ...period(), seed: 'spring-1' });
    const subjects = out.items.map((i) => i.subjectId);
    expect(subjects).toContain(a1.judgementId);
    expect(subjects).toContain(a2.judgementId);
    expect(subjects).not.toContain(own.judgementId);
    expect(out.items.every((i) => i.assessorId !== c.ian.id)).toBe(true);
    expect(out.excluded.own).toBe(1);
    expect(out.uncovered).toEqual([expect.objectContaining({ dimension: 'assessor', value: c.ian.id })]);
    expect(
      out.items.every(
        (i) =>
          i.reasons.length > 0 &&
          i.reasons.every((r) => r.rule === 'rate.standard' && /^Standard rate: 100% of /.test(r.text)),
      ),
    ).toBe(true);

    const items = await getDb().select().from(qaSampleItems).where(eq(qaSampleItems.sampleId, out.sampleId));
    const signOff = items.find((i) => i.kind === 'sign_off')!;
    expect(signOff.methods).toEqual(['report']);
    const snap = signOff.snapshot as {
      reportVersion: { contentHash: string; countedWords: number };
      criteria: unknown[];
    };
    expect(snap.reportVersion).toMatchObject({ contentHash: version.contentHash, countedWords: version.countedWords });
    expect(snap.criteria.length).toBeGreaterThan(0);
    // The sign-off's per-criterion judgements are criterion decisions too, linked to the version they cite.
    const acItem = items.find((i) => i.kind === 'judgement' && i.moduleSlug === REPORT_MODULE_SLUG)!;
    expect((acItem.snapshot as { reportVersion: { contentHash: string } }).reportVersion.contentHash).toBe(
      version.contentHash,
    );
    const j1 = items.find((i) => i.judgementId === a1.judgementId)!;
    expect(j1).toMatchObject({
      learnerId: c.amira.id,
      assessorId: c.priya.id,
      criterionId: 'ee2/pc/1',
      moduleSlug: MODULE,
      methods: ['account'],
    });
    for (const item of items) expect(await verifySnapshot(getDb(), item.id)).toBe(true);

    const [log] = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, out.sampleId));
    expect(log).toMatchObject({ actorId: c.ian.id, action: 'qa.sample.draw', subjectType: 'qa_sample' });
    expect(log!.after).toMatchObject({ seed: 'spring-1', items: items.length, planVersion: 1 });

    // Drawn decisions are not drawn again.
    const again = await drawQaSample(c.ian, { cohortId: c.cohortId, ...period(), seed: 'spring-1' });
    expect(again.items).toHaveLength(0);
    expect(again.excluded.alreadySampled).toBe(items.length);
  });

  it('is deterministic: the same plan, data and seed give the same sample, which is what the pure sampler says', async () => {
    const c = await qaCast({ standardRate: 0.5, coverage: [] });
    for (const id of ['ee2/pc/1', 'ee2/pc/2', 'ee2/pc/3', 'ee2/pc/4', 'ee2/pc/5', 'ee2/pc/6'])
      await judged(c.amira, c.priya, id);
    const input = { cohortId: c.cohortId, ...period(), seed: 'fixed seed' };

    const plan = (await loadCurrentPlan(getDb(), c.cohortId))!;
    const { candidates, alreadySampled } = await loadCandidates(
      getDb(),
      c.cohortId,
      new Date(input.from),
      new Date(input.to),
    );
    const history = { ...(await loadHistory(getDb(), plan, [c.priya.id], new Date(input.from))), alreadySampled };
    const expected = drawSample({ plan, candidates, seed: input.seed, iqaId: c.ian.id, history }).items.map(
      (i) => i.candidate.id,
    );
    expect(expected).toHaveLength(3);

    // Drawn once and rolled back, then drawn for real: the same decisions, in the same order.
    class Rollback extends Error {}
    let first: string[] = [];
    await getDb()
      .transaction(async (tx) => {
        first = (await drawQaSample(c.ian, input, tx)).items.map((i) => i.subjectId);
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
    const second = (await drawQaSample(c.ian, input)).items.map((i) => i.subjectId);
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
  });

  it('freezes the snapshot: a later edit of the evidence and a new judgement leave the sampled record as it was', async () => {
    const c = await qaCast();
    const before = 'I asked three customers for feedback.';
    const { evidenceId, judgementId } = await judged(c.amira, c.priya, 'ee2/pc/3', 'not_yet_met', before);
    const out = await drawQaSample(c.ian, { cohortId: c.cohortId, ...period() });
    const itemId = out.items.find((i) => i.subjectId === judgementId)!.id;

    // The learner improves the evidence (not judged met, so it changes in place) and the assessor re-judges.
    const [ev] = await getDb().select().from(evidence).where(eq(evidence.id, evidenceId));
    await updateEvidence(c.amira, evidenceId, {
      kind: 'account',
      title: ev!.title,
      occurredOn: ev!.occurredOn,
      description: '',
      body: 'I asked thirty customers and changed the menu.',
      criteria: [{ id: 'ee2/pc/3', note: 'Now with what I changed.' }],
      version: ev!.version,
    });
    await recordJudgement(c.priya, {
      learnerId: c.amira.id,
      criterionId: 'ee2/pc/3',
      outcome: 'met',
      feedback: 'Now clear.',
      evidenceIds: [evidenceId],
    });

    const [item] = await getDb().select().from(qaSampleItems).where(eq(qaSampleItems.id, itemId));
    const snap = item!.snapshot as {
      judgement: { outcome: string };
      history: { outcome: string }[];
      evidence: { id: string; body: string; mappingNote: string }[];
    };
    expect(snap.judgement.outcome).toBe('not_yet_met');
    expect(snap.history.map((h) => h.outcome)).toEqual(['not_yet_met']);
    expect(snap.evidence).toEqual([
      expect.objectContaining({ id: evidenceId, body: before, mappingNote: 'This is where I did it.' }),
    ]);
    expect(await verifySnapshot(getDb(), itemId)).toBe(true);
    const [now] = await getDb().select().from(evidence).where(eq(evidence.id, evidenceId));
    expect(now!.body).toBe('I asked thirty customers and changed the menu.');
    // The current record knows the assessor re-judged since.
    const state = (await loadQaStates(getDb(), c.amira.id, ['ee2/pc/3'])).get('ee2/pc/3')!;
    expect(state.items[0]).toMatchObject({ itemId, rejudged: true, verdict: null });
  });

  it("after a disagreement, the assessor's next decisions are sampled at the plan's higher rate, with that reason", async () => {
    const c = await qaCast({
      standardRate: 0,
      afterDisagreement: { rate: 1, forDecisions: 2 },
      coverage: [{ dimension: 'assessor', scope: 'sample' }],
    });
    const first = await judged(c.amira, c.priya, 'ee2/pc/1');
    const out1 = await drawQaSample(c.ian, { cohortId: c.cohortId, ...period() });
    const itemId = out1.items.find((i) => i.subjectId === first.judgementId)!.id;
    const { recordQaDecision } = await import('@/lib/qa/decisions');
    await recordQaDecision(c.ian, { itemId, verdict: 'disagree', feedback: 'The evidence does not show this.' });
    await new Promise((r) => setTimeout(r, 5));
    const later = [];
    for (const id of ['ee2/pc/2', 'ee2/pc/3', 'ee2/pc/4']) later.push((await judged(c.amira, c.priya, id)).judgementId);
    const out2 = await drawQaSample(c.ian, { cohortId: c.cohortId, ...period() });
    expect(out2.items.map((i) => i.subjectId)).toEqual(later.slice(0, 2));
    expect(out2.items[0]!.reasons[0]!.rule).toBe('rate.after-disagreement');
    expect(out2.items[0]!.reasons[0]!.text).toMatch(
      /^After a disagreement on \d{4}-\d{2}-\d{2}: .*'s next 2 decisions sampled at 100% \(2 of 2 drawn\)$/,
    );
  });

  it('a new plan version is a new row; the sample names the version it was drawn by', async () => {
    const c = await qaCast();
    await judged(c.amira, c.priya, 'ee2/pc/1');
    const v2 = await savePlan(c.iris, {
      cohortId: c.cohortId,
      name: 'Spring plan, tighter',
      rules: { standardRate: 0.2, coverage: [{ dimension: 'assessor', scope: 'sample' }] },
    });
    expect(v2).toMatchObject({ version: 2 });
    expect(
      await rejection(savePlan(c.outsider, { cohortId: c.cohortId, name: 'x', rules: { standardRate: 1 } })),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(savePlan(c.ian, { cohortId: c.cohortId, name: 'x', rules: { standardRate: 2 } })),
    ).toBeInstanceOf(ValidationError);
    const out = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period() });
    expect(out).toMatchObject({ planId: v2.id, planVersion: 2 });
    expect(out.items[0]!.reasons[0]!.rule).toBe('coverage.assessor');
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.action, 'qa.plan.save'));
    expect(audits.filter((a) => (a.after as { cohortId: string }).cohortId === c.cohortId)).toHaveLength(2);
  });
});

describe('the database keeps the QA record', () => {
  it("refuses UPDATE, DELETE and TRUNCATE of plans, samples, items and decisions; items of the drawer's own decisions", async () => {
    const c = await qaCast();
    const { judgementId } = await judged(c.amira, c.priya, 'ee2/pc/1');
    const own = await judged(c.ben, c.ian, 'ee2/pc/2');
    const out = await drawQaSample(c.ian, { cohortId: c.cohortId, ...period() });
    const itemId = out.items.find((i) => i.subjectId === judgementId)!.id;
    await getDb().execute(
      sql`insert into qa_decisions (item_id, iqa_id, verdict) values (${itemId}, ${c.ian.id}, 'agree')`,
    );
    for (const [table, id] of [
      ['sampling_plans', c.plan.id],
      ['qa_samples', out.sampleId],
      ['qa_sample_items', itemId],
    ] as const) {
      expect(await refusal(sql.raw(`update ${table} set id = id where id = '${id}'`)), table).toMatch(
        new RegExp(`${table} is append-only: UPDATE refused`),
      );
      expect(await refusal(sql.raw(`delete from ${table} where id = '${id}'`)), table).toMatch(
        new RegExp(`${table} is append-only: DELETE refused`),
      );
    }
    expect(await refusal(sql`update qa_decisions set verdict = 'disagree' where item_id = ${itemId}`)).toMatch(
      /qa_decisions is append-only: UPDATE refused/,
    );
    expect(await refusal(sql`delete from qa_decisions where item_id = ${itemId}`)).toMatch(
      /qa_decisions is append-only: DELETE refused/,
    );
    for (const t of ['sampling_plans', 'qa_samples', 'qa_sample_items', 'qa_decisions', 'qa_actions']) {
      expect(await refusal(sql.raw(`truncate ${t} cascade`)), t).toMatch(
        new RegExp(`is append-only: TRUNCATE refused`),
      );
    }
    // Written by hand, an item of the drawer's own decision and a decision by the assessor on their own are refused.
    const [sample] = await rows(sql`select * from qa_samples where id = ${out.sampleId}`);
    expect(
      await refusal(sql`insert into qa_sample_items (sample_id, position, kind, judgement_id, learner_id, assessor_id, module_slug, criterion_id, decided_at, reasons, snapshot, snapshot_sha256)
      values (${sample!.id}, 99, 'judgement', ${own.judgementId}, ${c.ben.id}, ${c.ian.id}, ${MODULE}, 'ee2/pc/2', now(), '[]', '{}', ${'0'.repeat(64)})`),
    ).toMatch(/never samples their own assessment decisions/);
    expect(
      await refusal(sql`insert into qa_sample_items (sample_id, position, kind, judgement_id, learner_id, assessor_id, module_slug, criterion_id, decided_at, reasons, snapshot, snapshot_sha256)
      values (${sample!.id}, 98, 'judgement', ${judgementId}, ${c.ben.id}, ${c.priya.id}, ${MODULE}, 'ee2/pc/1', now(), '[]', '{}', ${'0'.repeat(64)})`),
    ).toMatch(/does not describe judgement/);
    // The check runs once over a statement's rows: one bad row among good ones, and none of them is stored.
    const stored = async () =>
      Number((await rows(sql`select count(*) as n from qa_sample_items where sample_id = ${sample!.id}`))[0]!.n);
    const storedBefore = await stored();
    expect(
      await refusal(sql`insert into qa_sample_items (sample_id, position, kind, judgement_id, learner_id, assessor_id, module_slug, criterion_id, decided_at, reasons, snapshot, snapshot_sha256)
      values (${sample!.id}, 97, 'judgement', ${judgementId}, ${c.amira.id}, ${c.priya.id}, ${MODULE}, 'ee2/pc/1', now(), '[]', '{}', ${'0'.repeat(64)}),
        (${sample!.id}, 96, 'judgement', ${own.judgementId}, ${c.ben.id}, ${c.ian.id}, ${MODULE}, 'ee2/pc/2', now(), '[]', '{}', ${'0'.repeat(64)}),
        (${sample!.id}, 95, 'judgement', ${judgementId}, ${c.amira.id}, ${c.priya.id}, ${MODULE}, 'ee2/pc/1', now(), '[]', '{}', ${'0'.repeat(64)})`),
    ).toMatch(/never samples their own assessment decisions/);
    expect(
      await refusal(sql`insert into qa_sample_items (sample_id, position, kind, judgement_id, learner_id, assessor_id, module_slug, criterion_id, decided_at, reasons, snapshot, snapshot_sha256)
      values (${sample!.id}, 97, 'judgement', ${judgementId}, ${c.amira.id}, ${c.priya.id}, ${MODULE}, 'ee2/pc/1', now(), '[]', '{}', ${'0'.repeat(64)}),
        (${sample!.id}, 96, 'judgement', ${judgementId}, ${c.amira.id}, ${c.priya.id}, ${MODULE}, 'ee2/pc/3', now(), '[]', '{}', ${'0'.repeat(64)})`),
    ).toMatch(/does not describe judgement/);
    expect(await stored()).toBe(storedBefore);
    expect(
      await refusal(
        sql`insert into qa_decisions (item_id, iqa_id, verdict, supersedes_id) values (${itemId}, ${c.priya.id}, 'agree', (select id from qa_decisions where item_id = ${itemId}))`,
      ),
    ).toMatch(/never decides on their own assessment decision/);
  });
});
