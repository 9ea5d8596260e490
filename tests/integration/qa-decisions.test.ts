import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, qaActions, qaDecisions } from '@/db/schema';
import { judge as recordJudgement } from '../helpers/judgements';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { closeQaAction, getQaState, loadQaStates, recordQaDecision } from '@/lib/qa/decisions';
import { drawQaSample } from '@/lib/qa/draw';
import { NAV_BY_ROLE } from '@/lib/navigation';
import { authorize, can, isIqa, relationTo } from '@/lib/permissions';
import { useTestDatabase } from '../helpers/db';
import { refusal, rejection } from '../helpers/refusals';
import { makeUser } from '../helpers/fixtures';
import { judged, period, qaCast } from '../helpers/qa';

/** IQA decisions on sampled items: append-only verdicts, superseding, actions, refusals, and "under quality review". */
useTestDatabase();

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Priya judged Amira's ee2/pc/1; Ian judged Ben's ee2/pc/2. Iris draws (so Ian's decision is in her sample). */
async function sampled() {
  const c = await qaCast();
  const priyas = await judged(c.amira, c.priya, 'ee2/pc/1');
  const ians = await judged(c.ben, c.ian, 'ee2/pc/2');
  const out = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period() });
  const itemOf = (judgementId: string) => out.items.find((i) => i.subjectId === judgementId)!.id;
  return { ...c, priyaItem: itemOf(priyas.judgementId), ianItem: itemOf(ians.judgementId) };
}

describe('recording a verdict', () => {
  it('a disagreement with feedback and actions puts the criterion under quality review until the action is closed', async () => {
    const c = await sampled();
    const state = async () => (await loadQaStates(getDb(), c.amira.id, ['ee2/pc/1'])).get('ee2/pc/1')!;
    expect((await state()).underReview).toBe(false);

    const d = await recordQaDecision(c.ian, {
      itemId: c.priyaItem,
      verdict: 'disagree',
      feedback: 'The evidence shows a plan, not what Amira did.',
      actions: [{ text: 'Ask Amira for a witness statement and re-judge.', dueOn: inDays(14) }],
    });
    expect(d.actionIds).toHaveLength(1);
    const s1 = await state();
    expect(s1.underReview).toBe(true);
    expect(s1.items[0]).toMatchObject({
      verdict: 'disagree',
      feedback: 'The evidence shows a plan, not what Amira did.',
      rejudged: false,
      assessorId: c.priya.id,
    });
    expect(s1.items[0]!.openActions).toEqual([
      { id: d.actionIds[0], text: 'Ask Amira for a witness statement and re-judge.', dueOn: inDays(14) },
    ]);

    // The assessor re-judges through the normal path; the IQA closes the action.
    await recordJudgement(c.priya, {
      learnerId: c.amira.id,
      criterionId: 'ee2/pc/1',
      outcome: 'not_yet_met',
      feedback: 'Add a witness statement.',
    });
    expect((await state()).items[0]).toMatchObject({ rejudged: true });
    expect((await state()).underReview).toBe(true);
    await closeQaAction(c.ian, { actionId: d.actionIds[0], note: 'Re-judged.' });
    const s2 = await state();
    expect(s2.underReview).toBe(false);
    expect(s2.items[0]!.openActions).toEqual([]);
    const [action] = await getDb().select().from(qaActions).where(eq(qaActions.id, d.actionIds[0]!));
    expect(action).toMatchObject({ closedBy: c.ian.id, closingNote: 'Re-judged.' });
    expect(action!.closedAt).toBeInstanceOf(Date);
    // Closing twice is refused; so is reopening or editing it in the database.
    expect(await rejection(closeQaAction(c.ian, { actionId: d.actionIds[0] }))).toBeInstanceOf(ConflictError);
    expect(
      await refusal(sql`update qa_actions set closed_at = null, closed_by = null where id = ${d.actionIds[0]}`),
    ).toMatch(/action .* is closed: UPDATE refused/);
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, c.priyaItem));
    expect(audits.map((a) => a.action)).toEqual(['qa.decision.record']);
  });

  it('a changed view supersedes the current verdict with a linked decision; the first stays recorded', async () => {
    const c = await sampled();
    const first = await recordQaDecision(c.ian, { itemId: c.priyaItem, verdict: 'disagree', feedback: 'Not enough.' });
    expect((await loadQaStates(getDb(), c.amira.id, ['ee2/pc/1'])).get('ee2/pc/1')!.underReview).toBe(true);
    // A second verdict without saying what it replaces is refused (another tab, a double click).
    expect(
      await rejection(recordQaDecision(c.ian, { itemId: c.priyaItem, verdict: 'agree', feedback: '' })),
    ).toBeInstanceOf(ConflictError);
    const second = await recordQaDecision(c.iris, {
      itemId: c.priyaItem,
      verdict: 'agree',
      feedback: 'Discussed: it is enough.',
      supersedesId: first.id,
    });
    // Superseding an old link of the chain is refused too.
    expect(
      await rejection(
        recordQaDecision(c.ian, { itemId: c.priyaItem, verdict: 'disagree', feedback: 'No.', supersedesId: first.id }),
      ),
    ).toBeInstanceOf(ConflictError);
    const chain = await getDb().select().from(qaDecisions).where(eq(qaDecisions.itemId, c.priyaItem));
    expect(chain.map((d) => [d.id, d.verdict, d.supersedesId]).sort()).toEqual(
      [
        [first.id, 'disagree', null],
        [second.id, 'agree', first.id],
      ].sort(),
    );
    const state = (await loadQaStates(getDb(), c.amira.id, ['ee2/pc/1'])).get('ee2/pc/1')!;
    expect(state).toMatchObject({ underReview: false, items: [expect.objectContaining({ verdict: 'agree' })] });
    const actions = (await getDb().select().from(auditLog).where(eq(auditLog.subjectId, c.priyaItem)))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(['qa.decision.record', 'qa.decision.supersede']);
  });

  it('an IQA may not decide on their own assessment decision; non-IQAs may not decide or close; disagreeing needs feedback', async () => {
    const c = await sampled();
    const own = await rejection(recordQaDecision(c.ian, { itemId: c.ianItem, verdict: 'agree', feedback: '' }));
    expect(own).toBeInstanceOf(ForbiddenError);
    expect(own.message).toMatch(/your own assessment decision/);
    for (const actor of [c.priya, c.outsider, c.admin, c.amira]) {
      expect(
        await rejection(recordQaDecision(actor, { itemId: c.priyaItem, verdict: 'agree', feedback: '' })),
        actor.name,
      ).toBeInstanceOf(ForbiddenError);
    }
    expect(
      await rejection(recordQaDecision(c.ian, { itemId: c.priyaItem, verdict: 'disagree', feedback: '  ' })),
    ).toBeInstanceOf(ValidationError);
    expect(
      await rejection(
        recordQaDecision(c.ian, {
          itemId: c.priyaItem,
          verdict: 'agree',
          feedback: '',
          actions: [{ text: 'x', dueOn: '2026-02-30' }],
        }),
      ),
    ).toBeInstanceOf(ValidationError);
    const d = await recordQaDecision(c.iris, {
      itemId: c.ianItem,
      verdict: 'disagree',
      feedback: 'Cite the evidence.',
      actions: [{ text: 'Re-judge with evidence cited.', dueOn: inDays(7) }],
    });
    // Ian cannot close the action about his own decision, nor can a non-IQA; Iris can.
    expect(await rejection(closeQaAction(c.ian, { actionId: d.actionIds[0] }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(closeQaAction(c.priya, { actionId: d.actionIds[0] }))).toBeInstanceOf(ForbiddenError);
    await closeQaAction(c.iris, { actionId: d.actionIds[0] });
    expect(await getDb().select().from(qaDecisions).where(eq(qaDecisions.itemId, c.priyaItem))).toHaveLength(0);
  });

  it("an action's only change is being closed: editing its text, or deleting it, is refused by the database", async () => {
    const c = await sampled();
    const d = await recordQaDecision(c.ian, {
      itemId: c.priyaItem,
      verdict: 'disagree',
      feedback: 'More.',
      actions: [{ text: 'Re-judge.', dueOn: inDays(3) }],
    });
    const id = d.actionIds[0]!;
    expect(await refusal(sql`update qa_actions set text = 'Nothing to do' where id = ${id}`)).toMatch(
      /only change allowed is closing/,
    );
    expect(
      await refusal(
        sql`update qa_actions set due_on = due_on + 30, closed_at = now(), closed_by = ${c.ian.id} where id = ${id}`,
      ),
    ).toMatch(/only change allowed is closing/);
    expect(await refusal(sql`delete from qa_actions where id = ${id}`)).toMatch(/qa_actions is kept: DELETE refused/);
  });
});

describe('who sees the QA state of a criterion', () => {
  it("the learner's assessor, an admin and the cohort's IQAs; not the learner (yet), another assessor or an EQA", async () => {
    const c = await sampled();
    await recordQaDecision(c.ian, { itemId: c.priyaItem, verdict: 'disagree', feedback: 'More.' });
    for (const actor of [c.priya, c.admin, c.ian, c.iris]) {
      expect((await getQaState(actor, c.amira.id, 'ee2/pc/1')).underReview, actor.name).toBe(true);
    }
    const eqa = { id: c.outsider.id, role: 'eqa' as const };
    for (const actor of [c.amira, c.outsider, eqa]) {
      expect(await rejection(getQaState(actor, c.amira.id, 'ee2/pc/1'))).toBeInstanceOf(ForbiddenError);
    }
  });
});

describe('roles', () => {
  it('an EQA account without a visit stands in no relation to any learner; its navigation is the visit', async () => {
    const c = await qaCast();
    const eqa = await makeUser('eqa');
    expect(await relationTo(eqa, c.amira.id)).toBe('none');
    for (const action of ['learner.view', 'evidence.view', 'report.view', 'export.view'] as const) {
      expect(await can(eqa, action, c.amira.id), action).toBe(false);
    }
    expect(await rejection(authorize(eqa, 'evidence.view', c.amira.id))).toBeInstanceOf(ForbiddenError);
    expect(NAV_BY_ROLE.eqa).toEqual([{ href: '/eqa', label: 'Visit' }]);
  });

  it('being an IQA is a capability of a staff account: the IQA keeps assessing their own learners', async () => {
    const c = await qaCast();
    expect(await isIqa(c.ian)).toBe(true);
    expect(await isIqa(c.priya)).toBe(false);
    expect(await relationTo(c.ian, c.ben.id)).toBe('assessor');
    // A learner or an EQA account cannot be given the capability.
    const { assignIqa } = await import('@/lib/qa/iqa');
    expect(await rejection(assignIqa(c.admin, { iqaId: c.amira.id, cohortId: c.cohortId }))).toBeInstanceOf(
      ValidationError,
    );
    expect(await rejection(assignIqa(c.priya, { iqaId: c.priya.id, cohortId: c.cohortId }))).toBeInstanceOf(
      ForbiddenError,
    );
  });
});
