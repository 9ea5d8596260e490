/**
 * A small RFC 4180 reader: commas, double-quoted fields with "" for a quote, CRLF or LF line ends, a byte-order
 * mark from spreadsheet exports. Each record keeps its line number so error messages point at the right row.
 */
export interface CsvRecord {
  /** 1-based line on which the record starts, as a spreadsheet numbers its rows. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {}

export function parseCsv(text: string): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is not a record (spreadsheets often leave one at the end).
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted && field.trim() === '') {
      inQuotes = true;
      fieldStarted = true;
      field = '';
    } else if (c === ',') endField();
    else if (c === '\r' && src[i + 1] === '\n') continue;
    else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      if (c.trim()) fieldStarted = true;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(`Row ${recordLine}: a quoted value is never closed. Check for a missing " character.`);
  if (field !== '' || fields.length) endRecord();
  return records;
}
