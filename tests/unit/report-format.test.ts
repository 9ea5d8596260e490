import { describe, expect, it } from 'vitest';
import { rangeProblem, standing, standingSummary } from '@/lib/reports/format';

// Unit 306/696: the report editor and the learner's dashboard both read these sentences.
const unit = { minWords: 3000, maxWords: 5000 };

describe('where a word count stands against the unit range', () => {
  it('places the boundaries inside the range', () => {
    expect(standing(2999, unit)).toBe('under');
    expect(standing(3000, unit)).toBe('within');
    expect(standing(5000, unit)).toBe('within');
    expect(standing(5001, unit)).toBe('over');
  });

  it('says how many more words reach the minimum, naming it as the minimum', () => {
    expect(standingSummary(0, unit)).toBe('3,000 more words needed to reach the 3,000-word minimum');
    expect(standingSummary(2999, unit)).toBe('1 more word needed to reach the 3,000-word minimum');
  });

  it('says how much room is left inside the range', () => {
    expect(standingSummary(3000, unit)).toBe('Within the range: 2,000 words of room left');
    expect(standingSummary(4999, unit)).toBe('Within the range: 1 word of room left');
    expect(standingSummary(5000, unit)).toBe('Within the range: 0 words of room left');
  });

  it('says how far over the limit a report is', () => {
    expect(standingSummary(5001, unit)).toBe('1 word over the 5,000-word limit');
    expect(standingSummary(6250, unit)).toBe('1,250 words over the 5,000-word limit');
  });

  it('gives the refusal sentence only outside the range', () => {
    expect(rangeProblem(2999, unit, '306/696')).toBe(
      'Your report has 2,999 counted words; unit 306/696 needs at least 3,000.',
    );
    expect(rangeProblem(1, unit, '306/696')).toBe('Your report has 1 counted word; unit 306/696 needs at least 3,000.');
    expect(rangeProblem(3000, unit, '306/696')).toBeNull();
    expect(rangeProblem(5000, unit, '306/696')).toBeNull();
    expect(rangeProblem(5001, unit, '306/696')).toBe(
      'Your report has 5,001 counted words; unit 306/696 allows at most 5,000.',
    );
  });
});
