import { formatNumber } from '@/lib/format';

/** Wording shared by the browser and the server, so the learner reads the same numbers everywhere. */

export interface WordLimits {
  minWords: number;
  maxWords: number;
}

export type RangeStanding = 'under' | 'within' | 'over';

/** "word" or "words" for a count: the one place for the plural. */
export function wordNoun(n: number): string {
  return n === 1 ? 'word' : 'words';
}

export function words(n: number): string {
  return `${formatNumber(n)} ${wordNoun(n)}`;
}

export function standing(counted: number, limits: WordLimits): RangeStanding {
  if (counted < limits.minWords) return 'under';
  if (counted > limits.maxWords) return 'over';
  return 'within';
}

/**
 * Null when the count is within the unit's range, else the sentence the server refuses with, e.g.
 * "Your report has 2,999 counted words; unit 306/696 needs at least 3,000."
 */
export function rangeProblem(
  counted: number,
  limits: WordLimits,
  unitCode: string,
  subject = 'Your report',
): string | null {
  const has = `${subject} has ${formatNumber(counted)} counted ${wordNoun(counted)}`;
  if (counted < limits.minWords) return `${has}; unit ${unitCode} needs at least ${formatNumber(limits.minWords)}.`;
  if (counted > limits.maxWords) return `${has}; unit ${unitCode} allows at most ${formatNumber(limits.maxWords)}.`;
  return null;
}

/**
 * One sentence for where a count stands against the unit's range, used by the report editor and the learner's
 * dashboard alike: "312 more words needed to reach the 3,000-word minimum", "Within the range: 1,200 words of
 * room left", "48 words over the 5,000-word limit".
 */
export function standingSummary(counted: number, limits: WordLimits): string {
  if (counted < limits.minWords) {
    const short = limits.minWords - counted;
    return `${formatNumber(short)} more ${wordNoun(short)} needed to reach the ${formatNumber(limits.minWords)}-word minimum`;
  }
  if (counted > limits.maxWords)
    return `${words(counted - limits.maxWords)} over the ${formatNumber(limits.maxWords)}-word limit`;
  return `Within the range: ${words(limits.maxWords - counted)} of room left`;
}

export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
