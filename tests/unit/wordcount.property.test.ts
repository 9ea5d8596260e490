import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countReport, countWords, DEFAULT_REPORT_RULES } from '@/lib/wordcount';

// "Word-ish" text: letters of several scripts, digits, punctuation, dashes, emoji, spaces and line
// breaks. Left out on purpose: U+200B and CJK characters outside the BMP, whose LibreOffice quirks
// (see lib/wordcount/count.ts) depend on what precedes them, so they break additivity by design.
const pieces = [
  'a',
  'Word',
  'e.g.',
  '3,000',
  '£1.50',
  'and/or',
  'don’t',
  "it's",
  'café',
  'naïve',
  'Ωμέγα',
  'слово',
  'مرحبا',
  '中',
  '文',
  'カ',
  'あ',
  '한',
  'ไ',
  '😀',
  '👍🏽',
  '-',
  '--',
  '—',
  '–',
  '…',
  '.',
  '!',
  '"',
  '“',
  '(',
  ')',
  '•',
  '#',
  '*',
  '²',
  '\u0301',
  '\u00ad',
  ' ',
  ' ',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u3000',
];
const wordish = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
const simpleWord = fc.stringMatching(/^[A-Za-z][A-Za-z0-9']{0,11}$/);

describe('countWords properties', () => {
  it('is additive over a space: count(a + " " + b) = count(a) + count(b)', () => {
    fc.assert(
      fc.property(wordish, wordish, (a, b) => {
        expect(countWords(a + ' ' + b)).toBe(countWords(a) + countWords(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('does not change when white space is added next to white space', () => {
    const ws = fc.constantFrom(' ', '  ', '\t', ' \t ', '\u00a0', '\u2009', '\u3000');
    fc.assert(
      fc.property(wordish, ws, (text, extra) => {
        const widened = text.replace(/ /g, ' ' + extra);
        expect(countWords(widened)).toBe(countWords(text));
        expect(countWords(extra + text + extra)).toBe(countWords(text));
        expect(countWords(text.replace(/\n/g, '\n\n' + extra + '\n'))).toBe(countWords(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('is never negative and never more than the number of code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 60 }), (a, b) => {
        for (const t of [a, b, a + b]) {
          const n = countWords(t);
          expect(n).toBeGreaterThanOrEqual(0);
          expect(n).toBeLessThanOrEqual(t.length);
          expect(Number.isInteger(n)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('counts N space-joined simple words as N', () => {
    fc.assert(
      fc.property(fc.array(simpleWord, { maxLength: 200 }), fc.constantFrom(' ', '\n', '\t', '  '), (words, sep) => {
        expect(countWords(words.join(sep))).toBe(words.length);
        expect(countReport(words.join(sep), DEFAULT_REPORT_RULES).counted).toBe(words.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('countReport properties', () => {
  const line = fc.oneof(
    wordish.map((t) => t.replace(/\n/g, ' ')),
    fc
      .tuple(
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('Introduction', 'References', 'Appendix B', '2. Method', 'Bibliography'),
      )
      .map(([level, h]) => `${'#'.repeat(level)} ${h}`),
  );
  it('splits every word into counted or excluded sections', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), (lines, countHeadings) => {
        const md = lines.join('\n');
        const r = countReport(md, { ...DEFAULT_REPORT_RULES, countHeadings });
        const excluded = r.excluded.reduce((s, e) => s + e.words, 0);
        expect(r.counted).toBe(r.sections.filter((s) => s.counted).reduce((s, x) => s + x.words, 0));
        expect(r.counted).toBeLessThanOrEqual(r.total);
        if (countHeadings) expect(r.counted + excluded).toBe(r.total);
        else expect(r.counted + excluded).toBeLessThanOrEqual(r.total);
      }),
      { numRuns: 500 },
    );
  });
});
