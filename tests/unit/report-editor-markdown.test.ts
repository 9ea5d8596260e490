import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, serializeMarkdown } from '@/components/report/rich/markdown';
import { countReport, DEFAULT_REPORT_RULES } from '@/lib/wordcount';
import { reportWithCountedWords } from '../fixtures/reports/make';

interface CorpusCase {
  name: string;
  text: string;
}

const fixtures = path.resolve(__dirname, '../fixtures/wordcount');
const corpus: CorpusCase[] = JSON.parse(fs.readFileSync(path.join(fixtures, 'corpus.json'), 'utf8'));
const fuzz: CorpusCase[] = JSON.parse(fs.readFileSync(path.join(fixtures, 'fuzz-corpus.json'), 'utf8'));

const throughEditor = (markdown: string) => serializeMarkdown(parseMarkdown(markdown));
const counts = (markdown: string) => {
  const c = countReport(markdown, DEFAULT_REPORT_RULES);
  return { total: c.total, counted: c.counted, sections: c.sections.map((s) => [s.heading, s.words]) };
};

// The rich editor stores what its serializer writes. The one counter must give that text the same count as the
// Markdown it was loaded from, or a report's count would change by merely being edited in the editor.
describe('the report editor keeps the word count of every corpus text', () => {
  it.each(corpus.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(counts(throughEditor(c.text))).toEqual(counts(c.text));
  });

  it(`keeps the count of all ${fuzz.length} texts of the fuzz corpus`, () => {
    expect(fuzz.length).toBeGreaterThan(1000);
    const changed = fuzz
      .filter(
        (c) =>
          countReport(throughEditor(c.text), DEFAULT_REPORT_RULES).total !==
          countReport(c.text, DEFAULT_REPORT_RULES).total,
      )
      .map((c) => c.name);
    expect(changed).toEqual([]);
  });

  it('keeps the count, section by section, of generated reports with references', () => {
    for (const seed of [0, 1, 2]) {
      const report = reportWithCountedWords(3000 + seed * 7, { references: true, seed });
      expect(counts(throughEditor(report))).toEqual(counts(report));
    }
  });
});

describe('the Markdown the editor writes', () => {
  const written = [
    '## Introduction',
    '',
    'I sell **cheese** and *chutney* at [two markets](https://example.org/markets) and online.',
    '',
    '### What customers say',
    '',
    '- Loyal buyers come back weekly',
    '- New buyers find us online',
    '',
    '1. Listen',
    '2. Act',
    '',
    '| Channel | Share |',
    '| --- | --- |',
    '| Market | 60% |',
    '| Online \\| post | 40% |',
  ].join('\n');

  it('is what it read, for Markdown in the form it writes', () => {
    expect(throughEditor(written)).toBe(written);
  });

  it('reads headings, lists, marks, links and tables as such', () => {
    const doc = parseMarkdown(written).toJSON() as { content: { type: string }[] };
    expect(doc.content.map((n) => n.type)).toEqual([
      'heading',
      'paragraph',
      'heading',
      'bullet_list',
      'ordered_list',
      'table',
    ]);
  });

  it('escapes what would otherwise become markup, and reads back the same document', () => {
    for (const md of [
      '5 * 3 = 15 and 2 * 4',
      'snake_case and _under_',
      'line one\\\n# not a heading',
      'a\n\\- b',
      '\\# hash',
      '1\\. not a list',
    ]) {
      const once = throughEditor(md);
      expect(parseMarkdown(once).eq(parseMarkdown(md)), md).toBe(true);
      expect(throughEditor(once)).toBe(once);
      expect(countReport(once, DEFAULT_REPORT_RULES).total, md).toBe(countReport(md, DEFAULT_REPORT_RULES).total);
    }
  });

  it('normalises bullets, emphasis and blank lines', () => {
    expect(throughEditor('* one\n* two\n\n\n\n__bold__ _it_')).toBe('- one\n- two\n\n**bold** *it*');
  });
});
