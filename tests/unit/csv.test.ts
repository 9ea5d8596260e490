import { describe, expect, it } from 'vitest';
import { parseCsv } from '@/lib/admin/csv';
import { csvCell, toCsv } from '@/lib/csv';

// OWASP's CSV injection rule: a cell a spreadsheet would run as a formula starts with a single quote.
describe('the CSV writer', () => {
  it.each([
    ['=HYPERLINK("https://evil.example","Click")', `"'=HYPERLINK(""https://evil.example"",""Click"")"`],
    ['+1+cmd|/C calc!A0', "'+1+cmd|/C calc!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises a cell starting like a formula: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves ordinary text alone, and quotes only what holds a comma, a quote or a line break', () => {
    expect(csvCell('Ada Lovelace')).toBe('Ada Lovelace');
    expect(csvCell('ada@example.org')).toBe('ada@example.org');
    expect(csvCell('abcd-efgh-jkmn-pqrs')).toBe('abcd-efgh-jkmn-pqrs');
    expect(csvCell('a = b')).toBe('a = b');
    expect(csvCell('Lovelace, Ada')).toBe('"Lovelace, Ada"');
    expect(csvCell('Ada "the Countess"')).toBe('"Ada ""the Countess"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it("writes a file the portal's own reader reads back cell for cell (the quote kept on formulas)", () => {
    const rows = [
      ['Ada Lovelace', 'ada@example.org', 'Spring, 2026', 'abcd-efgh-jkmn-pqrs'],
      ['=cmd|" /C calc"!A0', '@evil', '-Spring', 'line\r\nbreak "quoted"'],
    ];
    const text = toCsv(['name', 'email', 'cohort', 'password'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ['name', 'email', 'cohort', 'password'],
      rows[0],
      [`'${rows[1]![0]}`, `'${rows[1]![1]}`, `'${rows[1]![2]}`, rows[1]![3]],
    ]);
  });
});

describe('the CSV reader', () => {
  it('numbers each record by the line it starts on, past blank lines and line breaks inside quotes', () => {
    expect(parseCsv('a,"two\nlines",c\n\n  "spaced" ,x\n,,\r\nlast')).toEqual([
      { line: 1, fields: ['a', 'two\nlines', 'c'] },
      { line: 4, fields: ['spaced', 'x'] },
      { line: 5, fields: ['', '', ''] },
      { line: 6, fields: ['last'] },
    ]);
  });

  it('names the row where a quoted value is never closed, or has text after its closing quote', () => {
    expect(() => parseCsv('name,email\n"Jo,jo@example.org\nAl,al@example.org\n')).toThrow(
      'Row 2: a quoted value is never closed.',
    );
    expect(() => parseCsv('name,email\nJo,jo@example.org\n"Al" Smith,al@example.org\n')).toThrow(
      /^Row 3: a quoted value has more text/,
    );
  });
});
