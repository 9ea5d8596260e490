import { parse } from 'csv-parse/sync';

/**
 * Reads an uploaded CSV with csv-parse (RFC 4180: quoted fields, "" for a quote, CRLF, LF or CR line ends, a byte-order
 * mark from spreadsheet exports). Each record keeps the line it starts on, so messages point at the row a spreadsheet
 * shows. The writer is lib/csv.ts; it runs in the browser too, so the parser stays here, out of the client bundle.
 */
export interface CsvRecord {
  /** 1-based line on which the record starts, as a spreadsheet numbers its rows. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {}

const MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed. Check for a missing " character.',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'a quoted value has more text after its closing ". Put the whole value inside the quotes.',
};

export function parseCsv(text: string): CsvRecord[] {
  // The line the record being read starts on: the line after the previous record ended.
  let start = 1;
  const lines: number[] = [];
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      // Rows with too many or too few values are reported per row by the import, not refused as a whole file.
      relax_column_count: true,
      relax_quotes: true,
      // Any of the three line ends, even mixed in one file (a row pasted in from another program).
      record_delimiter: ['\r\n', '\n', '\r'],
      trim: true,
      on_record: (fields, context) => {
        const line = start;
        start = context.lines + 1;
        // A blank line is not a record (spreadsheets often leave one at the end).
        if (fields.length === 1 && fields[0] === '') return null;
        lines.push(line);
        return fields;
      },
    });
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    throw new CsvSyntaxError(
      `Row ${start}: ${MESSAGES[code] ?? 'this row cannot be read as CSV. Save the file again from your spreadsheet as "CSV (comma delimited)".'}`,
    );
  }
  return rows.map((fields, i) => ({ line: lines[i]!, fields }));
}
