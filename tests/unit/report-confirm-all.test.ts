import { describe, expect, it } from 'vitest';
import { confirmAllBlockers, confirmAllProposal } from '@/lib/reports/checks';
import { EMPTY_ASSESSMENT, type SignOffBasis } from '@/lib/reports/types';
import { allCriterionIds, allRangeIds, reportUnit } from '@/lib/reports/unit';

const unit = reportUnit();
const ids = allCriterionIds(unit);
const linked = (except: string[] = []): SignOffBasis =>
  Object.fromEntries(
    ids.map((id, index) => [
      id,
      { sections: except.includes(id) ? [] : [{ heading: `Section ${index}`, index }], evidence: [] },
    ]),
  );

describe('confirm-all: what the panel proposes and what keeps it out of reach', () => {
  it('proposes every criterion met and pre-marks only the range items the assessor left unmarked', () => {
    const [first] = allRangeIds(unit);
    const notes = {
      ...EMPTY_ASSESSMENT,
      acs: { [ids[0]!]: { feedback: 'Clear.' } },
      range: { [first!]: 'not_relevant' as const },
    };
    const { data, premarked } = confirmAllProposal(unit, linked(), notes);
    expect(ids.every((id) => data.acs[id]?.outcome === 'met')).toBe(true);
    expect(data.acs[ids[0]!]!.feedback).toBe('Clear.');
    expect(data.range[first!]).toBe('not_relevant');
    expect(premarked.has(first!)).toBe(false);
    expect(premarked.size).toBe(allRangeIds(unit).length - 1);
    expect(confirmAllBlockers(unit, linked(), notes)).toEqual([]);
  });

  it('pre-marks nothing for a criterion with nothing to point at, and names it; a "not yet met" in the notes too', () => {
    const bare = ids.find((id) => unit.outcomes.some((o) => o.criteria.some((c) => c.id === id && c.range.length)))!;
    const number = bare.split('/').pop();
    const basis = linked([bare]);
    const { data } = confirmAllProposal(unit, basis, EMPTY_ASSESSMENT);
    const items = unit.outcomes
      .flatMap((o) => o.criteria)
      .find((c) => c.id === bare)!
      .range.flatMap((b) => b.items);
    expect(items.some((i) => data.range[i.id])).toBe(false);
    expect(confirmAllBlockers(unit, basis, EMPTY_ASSESSMENT)).toEqual([
      `${number} has no section of the report linked and no evidence mapped: judge it on its own card.`,
    ]);
    const notMet = { ...EMPTY_ASSESSMENT, acs: { [ids[1]!]: { outcome: 'not_yet_met' as const } } };
    expect(confirmAllBlockers(unit, linked(), notMet)).toEqual([
      `Your notes say ${ids[1]!.split('/').pop()} is not yet met: refer the report back, or change that decision on the cards.`,
    ]);
    // Evidence alone is enough to point at.
    const withEvidence = {
      ...basis,
      [bare]: { sections: [], evidence: [{ id: 'e1', title: 'Survey', kind: 'account' }] },
    };
    expect(confirmAllBlockers(unit, withEvidence, EMPTY_ASSESSMENT)).toEqual([]);
  });
});
