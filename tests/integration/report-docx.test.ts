import { describe, expect, it } from 'vitest';
import { countReport } from '@/lib/wordcount';
import { readDocx } from '@/lib/reports/docx';
import { mammothHtmlToMarkdown } from '@/lib/reports/html-to-markdown';
import { diffReports } from '@/lib/reports/diff';
import { ValidationError } from '@/lib/errors';
import {
  fakeDocx,
  garbledDocx,
  lyingZipBomb,
  makeDocx,
  markdownToDocx,
  passwordProtectedDocx,
  prose,
  reportWithCountedWords,
  truncatedDocx,
  UNIT_RULES,
  xlsxRenamed,
  zipBomb,
  zipEncryptedDocx,
} from '../fixtures/reports/make';

async function refusal(bytes: Buffer): Promise<string> {
  const e = await readDocx(bytes).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected the document to be refused').toBeInstanceOf(ValidationError);
  return (e as ValidationError).message;
}

describe('reading a .docx', () => {
  it('extracts headings and paragraphs, and the counter gives the same count as for the Markdown it came from', async () => {
    const md = reportWithCountedWords(3400);
    const doc = await readDocx(markdownToDocx(md));
    expect(doc.headings).toBe(17);
    expect(doc.markdown).toContain('## 1.1 The customer experience');
    expect(doc.markdown).toContain('## References');
    const fromDocx = countReport(doc.markdown, UNIT_RULES);
    expect(fromDocx.counted).toBe(3400);
    expect(fromDocx.total).toBe(countReport(md, UNIT_RULES).total);
    expect(fromDocx.excluded.map((e) => e.heading)).toEqual(['References']);
  });

  it('maps Title to a heading and notes a document without headings', async () => {
    const withTitle = await readDocx(makeDocx([{ text: 'My report', style: 'Title' }, { text: prose(20) }]));
    expect(withTitle.markdown.startsWith('# My report')).toBe(true);
    const flat = await readDocx(makeDocx([{ text: prose(30) }, { text: prose(30, 1) }]));
    expect(flat.headings).toBe(0);
    expect(flat.notes.join(' ')).toMatch(/no headings/);
  });

  it('keeps text that looks like Markdown as text', async () => {
    const doc = await readDocx(makeDocx([{ text: '# not a heading' }, { text: '- not a list' }]));
    expect(doc.markdown).toContain('\\# not a heading');
    expect(countReport(doc.markdown, UNIT_RULES).sections.filter((s) => s.heading)).toEqual([]);
  });

  it('refuses a text file named .docx', async () => {
    expect(await refusal(fakeDocx())).toMatch(/not a Word document.*Save As/);
  });

  it('refuses a damaged document', async () => {
    expect(await refusal(truncatedDocx())).toMatch(/damaged/);
    expect(await refusal(garbledDocx())).toMatch(/damaged|no text/);
  });

  it('refuses a password-protected document, saying how to remove the password', async () => {
    expect(await refusal(passwordProtectedDocx())).toMatch(/password/);
    expect(await refusal(zipEncryptedDocx())).toMatch(/password/);
  });

  it('refuses other Office files renamed to .docx', async () => {
    expect(await refusal(xlsxRenamed())).toMatch(/not a Word document/);
  });

  it('refuses an empty file', async () => {
    expect(await refusal(Buffer.alloc(0))).toMatch(/empty/);
  });

  it('refuses a zip bomb from its declared sizes, before inflating it', async () => {
    const bomb = zipBomb(80);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    expect(await refusal(bomb)).toMatch(/far more data/);
    // Nothing near 80 MB was allocated to find out.
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('refuses a zip bomb that lies about its sizes, stopping as soon as it inflates past them', async () => {
    expect(await refusal(lyingZipBomb(50))).toMatch(/far more data|damaged/);
  });
});

describe('mammoth HTML to Markdown', () => {
  it('writes lists, tables and footnotes as the reader sees them', () => {
    const html =
      '<h2>Methods</h2><ul><li>geographic</li><li>age<ul><li>under 25</li></ul></li></ul>' +
      '<ol><li><p>first</p><p>more</p></li></ol>' +
      '<table><tr><td><p>cell one</p></td><td><p>cell &amp; two</p></td></tr></table>' +
      '<p>Loyalty matters<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>.</p>' +
      '<ol><li id="footnote-1"><p>A source. <a href="#footnote-ref-1">↑</a></p></li></ol>';
    const { markdown, headings } = mammothHtmlToMarkdown(html);
    expect(headings).toBe(1);
    expect(markdown).toBe(
      [
        '## Methods',
        '',
        '- geographic',
        '- age',
        '  - under 25',
        '1. first',
        '   more',
        '',
        'cell one',
        '',
        'cell & two',
        '',
        'Loyalty matters.',
        '',
        '1. A source.',
        '',
      ].join('\n'),
    );
  });
});

describe('version diff', () => {
  it('shows edited paragraphs word by word and counts what changed', () => {
    const a = '## Intro\n\nCustomers stay when service is good.\n\nOld paragraph that goes away entirely here.\n';
    const b = '## Intro\n\nCustomers stay when service is reliable and fair.\n\nA brand new closing thought.\n';
    const d = diffReports(a, b, 1, 2);
    expect(d.blocks[0]).toEqual({ type: 'same', lines: ['## Intro'] });
    const changed = d.blocks.find((x) => x.type === 'changed');
    expect(
      changed && changed.type === 'changed' && changed.parts.filter((p) => p.added).map((p) => p.value.trim()),
    ).toContain('reliable and fair');
    expect(d.blocks.some((x) => x.type === 'removed' && x.lines[0]!.startsWith('Old paragraph'))).toBe(true);
    expect(d.wordsAdded).toBeGreaterThan(0);
    expect(d.wordsRemoved).toBeGreaterThan(0);
  });
});
