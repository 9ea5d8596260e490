import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countReport, countWords, DEFAULT_REPORT_RULES, normaliseHeading, type ReportRules } from '@/lib/wordcount';

interface CorpusCase {
  name: string;
  text: string;
  libreoffice: number;
  /** Set when our count deliberately differs from LibreOffice's; `ours` is then asserted. */
  known_difference?: string;
  ours?: number;
}

const fixtures = path.resolve(__dirname, '../fixtures/wordcount');
const corpus: CorpusCase[] = JSON.parse(fs.readFileSync(path.join(fixtures, 'corpus.json'), 'utf8'));
const fuzz: CorpusCase[] = JSON.parse(fs.readFileSync(path.join(fixtures, 'fuzz-corpus.json'), 'utf8'));

describe('countWords agrees with LibreOffice Writer', () => {
  it('has a corpus of at least 60 hand-written cases, all measured', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    for (const c of corpus) expect(typeof c.libreoffice, c.name).toBe('number');
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  it.each(corpus.filter((c) => !c.known_difference).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(countWords(c.text)).toBe(c.libreoffice);
  });

  const known = corpus.filter((c) => c.known_difference);
  if (known.length > 0) {
    it.each(known.map((c) => [c.name, c] as const))('known difference: %s', (_name, c) => {
      expect(countWords(c.text)).toBe(c.ours);
    });
  }

  it(`matches LibreOffice on all ${fuzz.length} randomly generated texts of the fuzz corpus`, () => {
    expect(fuzz.length).toBeGreaterThan(1000);
    const mismatches = fuzz
      .filter((c) => countWords(c.text) !== c.libreoffice)
      .map((c) => ({ name: c.name, text: c.text, libreoffice: c.libreoffice, ours: countWords(c.text) }));
    expect(mismatches).toEqual([]);
  });

  it('counts the usual suspects the way Writer does', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('customer-focused and/or 3,000 e.g. £1,200.50')).toBe(5);
    expect(countWords('x — y')).toBe(2); // a spaced em dash is not a word
    expect(countWords('x - y')).toBe(3); // a spaced hyphen is
    expect(countWords('x—y x–y')).toBe(4); // en and em dashes separate words
    expect(countWords('中文字')).toBe(3); // each CJK character is a word
  });
});

/** A text of exactly n words as Writer counts them, with realistic punctuation and lines. */
function textOfWords(n: number): string {
  const vocab = [
    'The',
    'learner’s',
    'risk-assessment',
    'covered',
    '3,000',
    'sites;',
    'e.g.',
    'and/or',
    '(see',
    'p.',
    '12),',
    'café',
    '“quoted”',
    'well.',
  ];
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(vocab[i % vocab.length]);
    parts.push(i % 17 === 16 ? '\n' : i % 5 === 4 ? ' \t ' : ' ');
  }
  return parts.join('');
}

describe('word-limit boundaries', () => {
  it.each([2999, 3000, 5000, 5001])('%i words', (n) => {
    const text = textOfWords(n);
    expect(countWords(text)).toBe(n);
    expect(countReport(text, DEFAULT_REPORT_RULES).counted).toBe(n);
    // A References section on top does not change the counted words.
    const report = `${text}\n\n# References\nSmith, J. (2020) A book about risk. London: Publisher.\n`;
    const r = countReport(report, DEFAULT_REPORT_RULES);
    expect(r.counted).toBe(n);
    expect(r.total).toBe(n + 1 + 9);
  });
});

describe('countReport', () => {
  const rules: ReportRules = DEFAULT_REPORT_RULES;

  it('leaves out a References section and says so', () => {
    const r = countReport('# Introduction\nThis is my report.\n\n# References\nSmith (2020) Risk. London.\n', rules);
    expect(r.total).toBe(1 + 4 + 1 + 4);
    expect(r.counted).toBe(5);
    expect(r.excluded).toEqual([{ heading: 'References', words: 5, reason: expect.stringContaining('References') }]);
    expect(r.sections).toEqual([
      { heading: 'Introduction', level: 1, words: 5, counted: true },
      { heading: 'References', level: 1, words: 5, counted: false, reason: expect.any(String) },
    ]);
  });

  it('leaves out an Appendix with its subsections, up to the next heading of the same level', () => {
    const md = [
      '# Main findings',
      'one two three',
      '# Appendix A: Survey data',
      'four',
      '## A.1 Tables',
      'five six',
      '### Raw',
      'seven',
      '# Conclusion',
      'eight nine',
    ].join('\n');
    const r = countReport(md, rules);
    expect(r.counted).toBe(2 + 3 + 1 + 2);
    expect(r.excluded).toHaveLength(1);
    expect(r.excluded[0]).toMatchObject({ heading: 'Appendix A: Survey data', words: 4 + 1 + 2 + 2 + 1 + 1 });
    expect(r.sections.map((s) => [s.heading, s.counted])).toEqual([
      ['Main findings', true],
      ['Appendix A: Survey data', false],
      ['A.1 Tables', false],
      ['Raw', false],
      ['Conclusion', true],
    ]);
    expect(r.sections[2].reason).toContain('Appendix A: Survey data');
    expect(r.total).toBe(r.counted + r.excluded[0].words);
  });

  it('ignores numbering and case in headings', () => {
    for (const heading of [
      '7. References',
      '7 References',
      '7) REFERENCES',
      'IV. References',
      'Section 8: Bibliography',
      '5.2 Appendices',
      'references and further reading',
      '**References**',
    ]) {
      const r = countReport(`# Body\nword word\n## ${heading}\nref ref ref\n`, rules);
      expect(r.counted, heading).toBe(3);
      expect(r.excluded, heading).toHaveLength(1);
    }
    for (const heading of ['Referenced works', 'Use of references in practice', 'Appendixes?']) {
      const r = countReport(`# Body\nword word\n## ${heading}\nref ref ref\n`, rules);
      expect(r.excluded, heading).toHaveLength(0);
    }
    expect(normaliseHeading('7. References')).toBe('references');
    expect(normaliseHeading('Appendix A: Survey')).toBe('appendix a: survey');
  });

  it('ends an excluded subsection at the next heading of the same or higher level', () => {
    const md = '# Part one\na\n## References\nb c\n### More refs\nd\n## Discussion\ne f\n# Part two\ng';
    const r = countReport(md, rules);
    expect(r.sections.map((s) => [s.heading, s.counted])).toEqual([
      ['Part one', true],
      ['References', false],
      ['More refs', false],
      ['Discussion', true],
      ['Part two', true],
    ]);
    expect(r.counted).toBe(3 + 3 + 3);
  });

  it('counts headings only when the rules say so', () => {
    const md = 'Preamble words here.\n# Introduction to the topic\nBody text of four.\n# References\nX y.';
    const withHeadings = countReport(md, { excludedSections: ['References'], countHeadings: true });
    const without = countReport(md, { excludedSections: ['References'], countHeadings: false });
    expect(withHeadings.counted).toBe(3 + 4 + 4);
    expect(without.counted).toBe(3 + 4);
    expect(without.total).toBe(withHeadings.total);
    expect(without.sections[1]).toMatchObject({ heading: 'Introduction to the topic', words: 4, counted: true });
    expect(without.sections[0]).toMatchObject({ heading: '', level: 0, words: 3, counted: true });
  });

  it('uses the excluded names it is given', () => {
    const md = '# Glossary\nterm one\n# References\nref';
    expect(countReport(md, { excludedSections: ['Glossary'], countHeadings: true }).counted).toBe(2);
    expect(countReport(md, { excludedSections: [], countHeadings: true }).counted).toBe(5);
  });

  it('does not let Markdown markup add words', () => {
    const md = [
      '## Method ##',
      '- first point',
      '* second point',
      '+ third point',
      '• fourth point',
      '1. numbered item',
      '10) another item',
      '- [x] done task',
      '> quoted words',
      '**bold** and _italic_ and ~~struck~~ words',
      'a [link text](https://example.com/a-b) and ![a picture](img.png) here',
      '`code` stays',
      '---',
      '| Risk | Control |',
      '|:---|---:|',
      '| Slips | Signs |',
      '[ref]: https://example.com',
      'snake_case stays one word',
    ].join('\n');
    const r = countReport(md, rules);
    // heading, 4 bullets, 2 numbered, task, quote, emphasis, links, code, table rows, snake_case
    const expected = 1 + 2 * 4 + 2 + 2 + 2 + 2 + 6 + 5 + 2 + 2 + 2 + 4;
    expect(r.counted).toBe(expected);
    expect(r.total).toBe(expected);
  });

  it('treats fenced code as text, not as headings', () => {
    const md = '# Code\n```\n# not a heading\nx = 1\n```\nafter';
    const r = countReport(md, rules);
    expect(r.sections).toHaveLength(1);
    expect(r.counted).toBe(1 + 4 + 3 + 1);
  });

  it('recognises a one-line setext heading', () => {
    const md = 'Intro words\n\nReferences\n----------\nSmith 2020\n\nMore\n====\nend';
    const r = countReport(md, rules);
    expect(r.sections.map((s) => [s.heading, s.level, s.counted])).toEqual([
      ['', 0, true],
      ['References', 2, false],
      ['More', 1, true],
    ]);
    expect(r.counted).toBe(2 + 2);
  });

  it('agrees with countWords on plain prose without markup', () => {
    const text = textOfWords(700);
    expect(countReport(text, rules).total).toBe(countWords(text));
  });
});
