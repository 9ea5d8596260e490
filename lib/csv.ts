/**
 * The one CSV writer: every CSV the portal hands out goes through here (RFC 4180 quoting, CRLF line ends).
 *
 * A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage return as a formula, so a learner
 * named `=HYPERLINK("https://evil.example","Click")` would become a live link, or worse, in an administrator's
 * spreadsheet (CSV injection). Such a cell gets a leading single quote, OWASP's rule: the spreadsheet shows the text
 * as text. Runs in the browser as well as on the server.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: neutralised if a spreadsheet would read it as a formula, quoted if it holds a separator. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value == null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: a header row, then one row per record, each cell through csvCell. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
