import { describe, expect, it } from 'vitest';
import { judge as recordJudgement } from '../helpers/judgements';
import { learnerPortfolio } from '@/lib/evidence/portfolio';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { closeQaAction, recordQaDecision } from '@/lib/qa/decisions';
import { drawQaSample } from '@/lib/qa/draw';
import { assignIqa, listCohortIqas, unassignIqa } from '@/lib/qa/iqa';
import {
  decisionFormSchema,
  drawFormSchema,
  getMyQaFeedback,
  getQualityHome,
  getSampledItem,
  rulesInWords,
} from '@/lib/qa/pages';
import { DEFAULT_PLAN_RULES } from '@/lib/qa/rules';
import { useTestDatabase } from '../helpers/db';
import { rejection } from '../helpers/refusals';
import { assign, makeUser } from '../helpers/fixtures';
import { judged, MODULE, period, qaCast } from '../helpers/qa';

/** What the quality pages read (lib/qa/pages.ts): the IQA home, one sampled item, an assessor's QA feedback. */
useTestDatabase();

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Priya judged Amira's ee2/pc/1; Ian (an IQA too) judged Ben's ee2/pc/2. Iris draws, so both are in her sample. */
async function sampled() {
  const c = await qaCast();
  const priyas = await judged(c.amira, c.priya, 'ee2/pc/1');
  const ians = await judged(c.ben, c.ian, 'ee2/pc/2');
  const out = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period(), seed: 'pages' });
  const itemOf = (judgementId: string) => out.items.find((i) => i.subjectId === judgementId)!.id;
  return {
    ...c,
    out,
    priyaItem: itemOf(priyas.judgementId),
    ianItem: itemOf(ians.judgementId),
    priyaJudgement: priyas.judgementId,
  };
}

describe('the IQA home', () => {
  it('shows each cohort the account quality-assures: plan in words, samples with items and reasons, open and overdue actions, coverage', async () => {
    const c = await sampled();
    const d = await recordQaDecision(c.iris, {
      itemId: c.priyaItem,
      verdict: 'disagree',
      feedback: 'Cite the evidence.',
      actions: [{ text: 'Re-judge with the evidence cited.', dueOn: inDays(3) }],
    });
    const [home] = await getQualityHome(c.iris);
    expect(home).toMatchObject({ id: c.cohortId, plan: { version: 1, name: 'Spring plan' } });
    expect(home!.plan!.rulesInWords).toEqual([
      '100% of each assessor’s criterion decisions.',
      'Cover every assessor in every sample.',
    ]);
    expect(home!.samples).toHaveLength(1);
    const sample = home!.samples[0]!;
    expect(sample).toMatchObject({ drawnBy: c.iris.name, candidateCount: 2 });
    expect(sample.items.map((i) => [i.id, i.assessorName, i.verdict]).sort()).toEqual(
      [
        [c.priyaItem, c.priya.name, 'disagree'],
        [c.ianItem, c.ian.name, null],
      ].sort(),
    );
    expect(sample.items.every((i) => i.reasons.length > 0 && i.reasons.every((r) => r.text.length > 0))).toBe(true);
    expect(home!.openActions).toEqual([
      expect.objectContaining({
        id: d.actionIds[0],
        itemId: c.priyaItem,
        assessorName: c.priya.name,
        overdue: false,
        dueOn: inDays(3),
      }),
    ]);
    // Seen a week later, the action is overdue.
    const [later] = await getQualityHome(c.iris, undefined, new Date(Date.now() + 7 * 86_400_000));
    expect(later!.openActions.map((a) => a.overdue)).toEqual([true]);
    // Coverage: one interim decision each, each sampled.
    expect(
      home!.coverage.map((r) => [r.assessorName, r.moduleSlug, r.stage, r.sampled, r.inPeriod, r.own]).sort(),
    ).toEqual(
      [
        [c.priya.name, MODULE, 'interim', 1, 1, false],
        [c.ian.name, MODULE, 'interim', 1, 1, false],
      ].sort(),
    );
    // Ian, an IQA too, sees his own row marked as his.
    expect((await getQualityHome(c.ian))[0]!.coverage.filter((r) => r.own).map((r) => r.assessorId)).toEqual([
      c.ian.id,
    ]);
    // A decision made after the draw, in the period, is counted as in the period and not sampled.
    await recordJudgement(c.priya, {
      learnerId: c.amira.id,
      criterionId: 'ee2/pc/1',
      outcome: 'not_yet_met',
      feedback: 'Cite the log.',
    });
    const [again] = await getQualityHome(c.iris);
    expect(again!.coverage.find((r) => r.assessorId === c.priya.id)).toMatchObject({ sampled: 1, inPeriod: 2 });
    // Closing the action takes it off the list.
    await closeQaAction(c.iris, { actionId: d.actionIds[0] });
    expect((await getQualityHome(c.iris))[0]!.openActions).toEqual([]);
  });

  it('is refused to anyone who is not the IQA of a cohort, whatever their role', async () => {
    const c = await qaCast();
    for (const actor of [c.priya, c.outsider, c.admin, c.amira, { id: c.outsider.id, role: 'eqa' as const }]) {
      expect(await rejection(getQualityHome(actor)), actor.id).toBeInstanceOf(ForbiddenError);
    }
    expect(await getQualityHome(c.ian)).toHaveLength(1);
  });
});

describe('a sampled item', () => {
  it('holds the snapshot as drawn beside the record now, the reasons and the decision history', async () => {
    const c = await sampled();
    const before = await getSampledItem(c.iris, c.priyaItem);
    expect(before).toMatchObject({
      kind: 'judgement',
      learner: { id: c.amira.id },
      assessor: { id: c.priya.id },
      own: false,
      currentDecisionId: null,
      decisions: [],
    });
    expect(before.reasons.length).toBeGreaterThan(0);
    expect(before.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(before.snapshot.judgements.map((j) => [j.id, j.outcome, j.sampled])).toEqual([
      [c.priyaJudgement, 'met', true],
    ]);
    expect(before.snapshot.evidence).toEqual([
      expect.objectContaining({
        title: 'Evidence for ee2/pc/1',
        cited: true,
        body: 'I asked my customers what they thought and changed the opening hours.',
      }),
    ]);
    expect(before.subject).toMatch(/^.+: .+/);

    const d = await recordQaDecision(c.iris, {
      itemId: c.priyaItem,
      verdict: 'disagree',
      feedback: 'Cite it.',
      actions: [{ text: 'Re-judge.', dueOn: inDays(5) }],
    });
    await recordJudgement(c.priya, {
      learnerId: c.amira.id,
      criterionId: 'ee2/pc/1',
      outcome: 'not_yet_met',
      feedback: 'Add a witness statement.',
    });
    const after = await getSampledItem(c.iris, c.priyaItem);
    // The snapshot did not move; the current record shows the re-judgement first.
    expect(after.snapshot).toEqual(before.snapshot);
    expect(after.current.judgements.map((j) => j.outcome)).toEqual(['not_yet_met', 'met']);
    expect(after.currentDecisionId).toBe(d.id);
    expect(after.decisions).toEqual([
      expect.objectContaining({
        id: d.id,
        verdict: 'disagree',
        iqaName: c.iris.name,
        actions: [expect.objectContaining({ text: 'Re-judge.', dueOn: inDays(5), closedAt: null })],
      }),
    ]);
  });

  it("says when it is the viewer's own decision; refuses non-IQAs; 404 for an unknown id", async () => {
    const c = await sampled();
    expect(await getSampledItem(c.ian, c.ianItem)).toMatchObject({ own: true, canDecide: false });
    expect(await getSampledItem(c.ian, c.priyaItem)).toMatchObject({ own: false, canDecide: true });
    // An administrator may read samples (QA_POLICY 'qa.sample.view'), not decide.
    expect(await getSampledItem(c.admin, c.priyaItem)).toMatchObject({ id: c.priyaItem, canDecide: false });
    for (const actor of [c.priya, c.outsider, c.amira]) {
      expect(await rejection(getSampledItem(actor, c.priyaItem))).toBeInstanceOf(ForbiddenError);
    }
    expect(await rejection(getSampledItem(c.iris, 'not-a-uuid'))).toBeInstanceOf(NotFoundError);
    expect(await rejection(getSampledItem(c.iris, '00000000-0000-4000-8000-000000000000'))).toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("the assessor's QA feedback and the portfolio marker", () => {
  it('an assessor sees their own sampled decisions with the verdict and actions; the portfolio marks the criterion under quality review', async () => {
    const c = await sampled();
    const coach = await makeUser('coach');
    await assign(c.amira, coach);
    expect((await getMyQaFeedback(c.priya)).map((f) => [f.itemId, f.verdict])).toEqual([[c.priyaItem, null]]);
    const marked = async (actor: Parameters<typeof learnerPortfolio>[0]) =>
      (await learnerPortfolio(actor, c.amira.id)).modules
        .flatMap((m) => m.items)
        .filter((i) => i.underQualityReview)
        .map((i) => i.criterion.id);
    expect(await marked(c.priya)).toEqual([]);

    const d = await recordQaDecision(c.iris, {
      itemId: c.priyaItem,
      verdict: 'disagree',
      feedback: 'Cite the evidence.',
      actions: [{ text: 'Re-judge.', dueOn: inDays(-1) }],
    });
    const [f] = await getMyQaFeedback(c.priya);
    expect(f).toMatchObject({
      itemId: c.priyaItem,
      learnerId: c.amira.id,
      verdict: 'disagree',
      feedback: 'Cite the evidence.',
      iqaName: c.iris.name,
    });
    expect(f!.actions).toEqual([
      { id: d.actionIds[0], text: 'Re-judge.', dueOn: inDays(-1), overdue: true, closed: false, responses: [] },
    ]);
    // Nobody else's decisions: Ian sees only his own item.
    expect((await getMyQaFeedback(c.ian)).map((x) => x.itemId)).toEqual([c.ianItem]);
    expect(await rejection(getMyQaFeedback(coach))).toBeInstanceOf(ForbiddenError);

    expect(await marked(c.priya)).toEqual(['ee2/pc/1']);
    expect(await marked(c.admin)).toEqual(['ee2/pc/1']);
    // The coach reads the portfolio but is not shown the QA state.
    expect(await marked(coach)).toEqual([]);
    await closeQaAction(c.iris, { actionId: d.actionIds[0] });
    expect(await marked(c.priya)).toEqual([]);
  });
});

describe("a cohort's IQAs, for the admin page", () => {
  it('lists them by name for an administrator, follows assigning and unassigning, and is refused to others', async () => {
    const c = await qaCast();
    const names = async () => (await listCohortIqas(c.admin, c.cohortId)).map((i) => i.id).sort();
    expect(await names()).toEqual([c.ian.id, c.iris.id].sort());
    await assignIqa(c.admin, { iqaId: c.outsider.id, cohortId: c.cohortId });
    await unassignIqa(c.admin, { iqaId: c.iris.id, cohortId: c.cohortId });
    expect(await names()).toEqual([c.ian.id, c.outsider.id].sort());
    await expect(getQualityHome(c.iris)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getQualityHome(c.outsider)).toHaveLength(1);
    for (const actor of [c.ian, c.priya, c.amira])
      expect(await rejection(listCohortIqas(actor, c.cohortId))).toBeInstanceOf(ForbiddenError);
  });
});

describe('form inputs', () => {
  it('the draw form takes whole days, the last one included, and an empty seed is none', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(drawFormSchema.parse({ cohortId: id, from: '2026-11-01', to: '2026-11-30', seed: '' })).toEqual({
      cohortId: id,
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      seed: undefined,
    });
    expect(drawFormSchema.parse({ cohortId: id, from: '2026-11-01', to: '2026-11-01', seed: ' s1 ' }).seed).toBe('s1');
    expect(drawFormSchema.safeParse({ cohortId: id, from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
    expect(drawFormSchema.safeParse({ cohortId: id, from: 'yesterday', to: '2026-03-01' }).success).toBe(false);
  });

  it('the decision form pairs action rows with due dates and ignores rows without text', () => {
    const id = '00000000-0000-4000-8000-000000000002';
    expect(
      decisionFormSchema.parse({
        itemId: id,
        verdict: 'disagree',
        feedback: 'Why',
        supersedesId: '',
        actionText: ['Do this', '', ' '],
        actionDue: ['2026-12-20', '2026-12-21', '2026-12-22'],
      }),
    ).toEqual({
      itemId: id,
      verdict: 'disagree',
      feedback: 'Why',
      supersedesId: undefined,
      actions: [{ text: 'Do this', dueOn: '2026-12-20' }],
    });
    expect(
      decisionFormSchema.parse({
        itemId: id,
        verdict: 'agree',
        actionText: 'One',
        actionDue: '2026-12-20',
        supersedesId: id,
      }),
    ).toMatchObject({ supersedesId: id, actions: [{ text: 'One', dueOn: '2026-12-20' }] });
    expect(decisionFormSchema.safeParse({ itemId: id, verdict: 'maybe' }).success).toBe(false);
  });

  it('a plan reads in words', () => {
    expect(rulesInWords(DEFAULT_PLAN_RULES)).toEqual([
      '10% of each assessor’s criterion decisions.',
      '25% of report sign-offs.',
      '100% of a new assessor’s first 5 decisions.',
      '50% of an assessor’s next 10 decisions after a disagreement.',
      'Cover every assessor in every sample.',
      'Cover every unit or module over the plan’s samples.',
      'Cover every assessment method over the plan’s samples.',
      'Cover interim and summative decisions over the plan’s samples.',
      'Cover the cohort over the plan’s samples.',
    ]);
  });
});
