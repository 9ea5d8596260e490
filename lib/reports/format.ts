/** Wording shared by the browser and the server, so the learner reads the same numbers everywhere. */

export interface WordLimits {
  minWords: number;
  maxWords: number;
}

export type RangeStanding = 'under' | 'within' | 'over';

const nf = new Intl.NumberFormat('en-GB');

export function formatNumber(n: number): string {
  return nf.format(n);
}

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
export function rangeProblem(counted: number, limits: WordLimits, unitCode: string, subject = 'Your report'): string | null {
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
  if (counted > limits.maxWords) return `${words(counted - limits.maxWords)} over the ${formatNumber(limits.maxWords)}-word limit`;
  return `Within the range: ${words(limits.maxWords - counted)} of room left`;
}

export function formatDateTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}

/** "at 15:13" today, else the full date and time: for "saved" notes that are usually recent. */
export function formatSavedAt(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const day = (x: Date) => x.toLocaleDateString('en-GB', { timeZone: 'Europe/London' });
  if (day(d) === day(now)) return `at ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })}`;
  return formatDateTime(d);
}

export function formatDate(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
}

export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
