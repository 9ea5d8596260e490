import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/errors';
import { monthOf } from '@/lib/format';
import { agreementByMonth, type VerdictRow } from '@/lib/qa/agreement';
import { recordQaDecision } from '@/lib/qa/decisions';
import { drawQaSample } from '@/lib/qa/draw';
import { getQualityHome } from '@/lib/qa/pages';
import { useTestDatabase } from '../helpers/db';
import { judged, period, qaCast } from '../helpers/qa';

/** The IQA home's "Agreement with assessors": per assessor and UK month, decisions with a verdict and agreements. */
useTestDatabase();

describe('agreement per assessor and month', () => {
  const row = (over: Partial<VerdictRow>): VerdictRow => ({
    subjectId: 's1',
    assessorId: 'a1',
    assessorName: 'Priya',
    decidedAt: '2026-04-10T10:00:00Z',
    verdict: 'agree',
    verdictAt: '2026-05-01T10:00:00Z',
    ...over,
  });

  it('counts by the UK month of the decision, rates per month and overall, a re-sampled decision once with its newest verdict', () => {
    const out = agreementByMonth([
      row({ subjectId: 's1', decidedAt: '2026-04-10T10:00:00Z', verdict: 'agree' }),
      row({ subjectId: 's2', decidedAt: '2026-04-20T10:00:00Z', verdict: 'disagree' }),
      // 23:30 UTC on 31 May is 00:30 on 1 June in London (BST).
      row({ subjectId: 's3', decidedAt: '2026-05-31T23:30:00Z', verdict: 'agree' }),
      // 23:30 UTC on 31 January is still January in London (GMT).
      row({ subjectId: 's4', decidedAt: '2026-01-31T23:30:00Z', verdict: 'disagree' }),
      // s2 drawn again in a later sample and agreed there, later: it counts once, as agreed.
      row({ subjectId: 's2', decidedAt: '2026-04-20T10:00:00Z', verdict: 'agree', verdictAt: '2026-06-01T10:00:00Z' }),
      row({ subjectId: 's5', assessorId: 'a0', assessorName: 'Ian', decidedAt: '2026-04-02T09:00:00Z' }),
    ]);
    expect(out.map((a) => [a.assessorName, a.withVerdict, a.agreed])).toEqual([
      ['Ian', 1, 1],
      ['Priya', 4, 3],
    ]);
    expect(out[1]!.rate).toBe(0.75);
    expect(out[1]!.months).toEqual([
      { month: '2026-01', label: 'Jan 2026', withVerdict: 1, agreed: 0, rate: 0 },
      { month: '2026-04', label: 'Apr 2026', withVerdict: 2, agreed: 2, rate: 1 },
      { month: '2026-06', label: 'Jun 2026', withVerdict: 1, agreed: 1, rate: 1 },
    ]);
    expect(agreementByMonth([])).toEqual([]);
  });

  it('on the IQA home: only decisions with a current verdict, a superseded verdict counted as its latest; refused to a non-IQA', async () => {
    const c = await qaCast();
    const p1 = await judged(c.amira, c.priya, 'ee2/pc/1');
    const p2 = await judged(c.amira, c.priya, 'ee2/pc/2');
    await judged(c.ben, c.ian, 'ee2/pc/1');
    const out = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period(), seed: 'agreement' });
    const itemOf = (judgementId: string) => out.items.find((i) => i.subjectId === judgementId)!.id;

    // Nothing has a verdict: nothing to chart.
    expect((await getQualityHome(c.iris))[0]!.agreement).toEqual([]);

    await recordQaDecision(c.iris, { itemId: itemOf(p1.judgementId), verdict: 'agree', feedback: 'Sound.' });
    const first = await recordQaDecision(c.iris, { itemId: itemOf(p2.judgementId), verdict: 'agree', feedback: '' });
    await recordQaDecision(c.iris, {
      itemId: itemOf(p2.judgementId),
      verdict: 'disagree',
      feedback: 'On a second look, the evidence is the learner’s manager’s.',
      supersedesId: first.id,
    });

    expect(out.items).toHaveLength(3);
    // Ian's decision has no verdict yet: not counted.
    const month = monthOf(new Date());
    const [home] = await getQualityHome(c.iris);
    expect(home!.agreement).toEqual([
      {
        assessorId: c.priya.id,
        assessorName: c.priya.name,
        withVerdict: 2,
        agreed: 1,
        rate: 0.5,
        months: [expect.objectContaining({ month, withVerdict: 2, agreed: 1, rate: 0.5 })],
      },
    ]);
    // Ian, the other IQA of the cohort, sees the same figures (Iris's verdicts on the cohort's samples).
    expect((await getQualityHome(c.ian))[0]!.agreement).toEqual(home!.agreement);

    // The IQA of another cohort sees only their own cohort, and none of these figures.
    const other = await qaCast();
    expect((await getQualityHome(other.iris)).map((h) => [h.id, h.agreement])).toEqual([[other.cohortId, []]]);
    for (const actor of [c.priya, c.outsider, c.admin, c.amira]) {
      await expect(getQualityHome(actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
