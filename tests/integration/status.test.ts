import { describe, expect, it } from 'vitest';
import { getDb, queryCounter } from '@/db/client';
import { assessableItems } from '@/lib/content';
import { criterionStatuses, decideStatus, moduleProgress } from '@/lib/progress/status';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast, makeUser, type TestUser } from '../helpers/fixtures';
import { judge as recordJudgement } from '../helpers/judgements';
import { createEvidence, updateEvidence } from '../helpers/evidence';

useTestDatabase();

const EE2 = 'ee2-win-keep-customers';
const note = (id: string) => ({ id, note: '' });
const account = (title: string, ids: string[]) => ({
  kind: 'account',
  title,
  occurredOn: '2025-01-15',
  body: 'What I did.',
  criteria: ids.map(note),
});

describe('decideStatus (the rule, case by case)', () => {
  const j = (outcome: 'met' | 'not_yet_met', seq: number) => ({
    id: 'j',
    outcome,
    feedback: '',
    assessorId: 'a',
    assessorName: 'A',
    at: new Date(),
    evidenceIds: [],
    seq,
  });
  it.each([
    [undefined, 0, undefined, 'no_evidence'],
    [undefined, 2, 5, 'evidence_submitted'],
    [j('met', 10), 1, 5, 'met'],
    [j('met', 10), 1, 50, 'met'],
    [j('not_yet_met', 10), 1, 5, 'not_yet_met'],
    [j('not_yet_met', 10), 1, 11, 'evidence_submitted'],
    [j('not_yet_met', 10), 0, undefined, 'not_yet_met'],
  ] as const)('judgement %o, %i evidence, newest evidence %o -> %s', (latest, n, last, expected) => {
    expect(decideStatus(latest, n, last)).toBe(expected);
  });
});

describe('criterionStatuses', () => {
  /**
   * Hand-computed fixture for one learner on EE2:
   *   pc/1  two pieces of evidence, never judged              -> evidence submitted (count 2)
   *   pc/2  evidence, judged met                               -> met
   *   pc/3  evidence, judged not yet met                       -> not yet met
   *   pc/4  judged not yet met, then new evidence mapped       -> evidence submitted
   *   pc/5  judged met, then more evidence mapped              -> met (a decision is not undone by more evidence)
   *   pc/6  judged not yet met, then met                       -> met
   *   pc/7  judged not yet met, then the evidence was edited   -> evidence submitted
   *   every other EE2 item                                     -> no evidence
   */
  async function fixture() {
    const c = await makeCast();
    await enrol(c.learner, EE2);
    const judge = (criterionId: string, outcome: 'met' | 'not_yet_met', evidenceIds: string[]) =>
      recordJudgement(c.assessor, {
        learnerId: c.learner.id,
        criterionId,
        outcome,
        feedback: outcome === 'met' ? '' : 'Not yet.',
        evidenceIds,
      });
    const a = await createEvidence(
      c.learner,
      account('A', ['ee2/pc/1', 'ee2/pc/2', 'ee2/pc/3', 'ee2/pc/4', 'ee2/pc/5', 'ee2/pc/6']),
    );
    await createEvidence(c.learner, account('B', ['ee2/pc/1']));
    const seven = await createEvidence(c.learner, account('Seven', ['ee2/pc/7']));
    await judge('ee2/pc/2', 'met', [a.id]);
    await judge('ee2/pc/3', 'not_yet_met', [a.id]);
    await judge('ee2/pc/4', 'not_yet_met', [a.id]);
    await judge('ee2/pc/5', 'met', [a.id]);
    await judge('ee2/pc/6', 'not_yet_met', [a.id]);
    await judge('ee2/pc/6', 'met', [a.id]);
    await judge('ee2/pc/7', 'not_yet_met', [seven.id]);
    await createEvidence(c.learner, account('C', ['ee2/pc/4', 'ee2/pc/5']));
    await updateEvidence(c.learner, seven.id, { ...account('Seven, improved', ['ee2/pc/7']), version: 1 });
    return c;
  }

  it('computes each status by hand-checked rules, with evidence counts and the latest judgement', async () => {
    const c = await fixture();
    const statuses = (await criterionStatuses(getDb(), [c.learner.id])).get(c.learner.id)!;
    const of = (n: number) => statuses.get(`ee2/pc/${n}`)!;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => of(n).status)).toEqual([
      'evidence_submitted',
      'met',
      'not_yet_met',
      'evidence_submitted',
      'met',
      'met',
      'evidence_submitted',
      'no_evidence',
    ]);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => of(n).evidenceCount)).toEqual([2, 1, 1, 2, 2, 1, 1, 0]);
    expect(of(1).latestJudgement).toBeUndefined();
    expect(of(3).latestJudgement).toMatchObject({
      outcome: 'not_yet_met',
      feedback: 'Not yet.',
      assessorName: c.assessor.name,
    });
    expect(of(6).latestJudgement!.outcome).toBe('met');
    expect(moduleProgress(statuses, EE2)).toEqual({ total: 26, met: 3, notYetMet: 1, submitted: 3, noEvidence: 19 });
    // Every assessable item of every module has an entry.
    expect(statuses.get('u306/ac/3.3')!.status).toBe('no_evidence');
  });

  it('a learner with nothing recorded has no evidence everywhere', async () => {
    const learner = await makeUser('learner');
    const statuses = (await criterionStatuses(getDb(), [learner.id])).get(learner.id)!;
    expect(moduleProgress(statuses, EE2)).toEqual({
      total: assessableItems(EE2).length,
      met: 0,
      notYetMet: 0,
      submitted: 0,
      noEvidence: assessableItems(EE2).length,
    });
    expect(moduleProgress(undefined, EE2).noEvidence).toBe(26);
  });

  it('can be limited to some items', async () => {
    const c = await fixture();
    const statuses = (await criterionStatuses(getDb(), [c.learner.id], ['ee2/pc/3', 'ee2/pc/8'])).get(c.learner.id)!;
    expect([...statuses.keys()]).toEqual(['ee2/pc/3', 'ee2/pc/8']);
    expect(statuses.get('ee2/pc/3')!.status).toBe('not_yet_met');
  });

  it('keeps learners apart', async () => {
    const c = await fixture();
    const all = await criterionStatuses(getDb(), [c.learner.id, c.otherLearner.id]);
    expect(all.get(c.otherLearner.id)!.get('ee2/pc/2')!.status).toBe('no_evidence');
    expect(all.get(c.learner.id)!.get('ee2/pc/2')!.status).toBe('met');
  });

  it('uses the same number of queries for 1 learner and for 300 learners', async () => {
    const c = await fixture();
    const many: TestUser[] = [c.learner];
    for (let i = 0; i < 299; i++) many.push({ id: crypto.randomUUID(), email: '', name: '', role: 'learner' });
    queryCounter.count = 0;
    await criterionStatuses(getDb(), [c.learner.id]);
    const one = queryCounter.count;
    queryCounter.count = 0;
    const result = await criterionStatuses(
      getDb(),
      many.map((m) => m.id),
    );
    expect(queryCounter.count).toBe(one);
    expect(one).toBe(2);
    expect(result.size).toBe(300);
    expect(result.get(c.learner.id)!.get('ee2/pc/2')!.status).toBe('met');
    queryCounter.count = 0;
    expect((await criterionStatuses(getDb(), [])).size).toBe(0);
    expect(queryCounter.count).toBe(0);
  });

  it('refuses malformed ids instead of building a query from them', async () => {
    await expect(criterionStatuses(getDb(), ["x'; drop table users; --"])).rejects.toThrow(/malformed id/);
    await expect(criterionStatuses(getDb(), [crypto.randomUUID()], ['ee2/pc/1"}'])).rejects.toThrow(/malformed id/);
  });
});
