/**
 * Worksheet answers as data: their shape, the limits on them and the messages about those limits.
 * Pure TypeScript with no zod and no server imports, so the browser (live counts, "too long" before saving)
 * and the server (the check that counts, in schema.ts) use the very same rules and words.
 */
import type { Worksheet, WorksheetSection } from '@/lib/content/types';
import { formatNumber } from '@/lib/format';

export type { Worksheet, WorksheetSection };
export type TableSection = Extract<WorksheetSection, { kind: 'table' }>;
export type ChecklistSection = Extract<WorksheetSection, { kind: 'checklist' }>;
export type ReflectionSection = Extract<WorksheetSection, { kind: 'reflection' }>;

/** One row of a response table. The id keeps a row's identity when rows above it are removed. */
export interface TableRow {
  id: string;
  cells: Record<string, string>;
}
/** table: rows; checklist: item id -> ticked; reflection: text. */
export type SectionAnswer = TableRow[] | Record<string, boolean> | string;
/** Section id -> answer. A section never touched has no key. */
export type WorksheetAnswers = Record<string, SectionAnswer>;

/** Table cells have no length in the content definition; one rule for every answer box keeps it simple to explain. */
export const CELL_MAX_LENGTH = 5000;
export const COMMENT_MAX_LENGTH = 5000;
export const ROW_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Characters as a person counts them: an emoji or an accented letter typed as one is one, not two UTF-16 units. */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function tooLongMessage(max: number, actual: number): string {
  return `Your answer is longer than ${formatNumber(max)} characters (${formatNumber(actual)}). Shorten it and try again.`;
}

export function tooManyRowsMessage(title: string, max: number, actual: number): string {
  return `“${title}” has ${formatNumber(actual)} rows; it can have at most ${formatNumber(max)}. Remove a row and try again.`;
}

// Typed accessors: answers come from JSON (the database, local storage), so each one checks before trusting.
export function tableRows(answers: WorksheetAnswers, id: string): TableRow[] {
  const v = answers[id];
  return Array.isArray(v) ? v : [];
}
export function checklistTicks(answers: WorksheetAnswers, id: string): Record<string, boolean> {
  const v = answers[id];
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}
export function reflectionText(answers: WorksheetAnswers, id: string): string {
  const v = answers[id];
  return typeof v === 'string' ? v : '';
}

const hasText = (s: string | undefined) => !!s && s.trim().length > 0;

export function sectionHasContent(section: WorksheetSection, answers: WorksheetAnswers): boolean {
  switch (section.kind) {
    case 'table':
      return tableRows(answers, section.id).some((r) => Object.values(r.cells).some(hasText));
    case 'checklist':
      return Object.values(checklistTicks(answers, section.id)).some(Boolean);
    case 'reflection':
      return hasText(reflectionText(answers, section.id));
  }
}

export function hasAnyContent(ws: Worksheet, answers: WorksheetAnswers): boolean {
  return ws.sections.some((s) => sectionHasContent(s, answers));
}

/**
 * The same answers written one canonical way: definition order, nothing empty. Two sets of answers that read the
 * same to a person normalise to the same JSON (the database's jsonb reorders keys, so raw JSON cannot be compared).
 */
export function normalizeAnswers(ws: Worksheet, answers: WorksheetAnswers): WorksheetAnswers {
  const out: WorksheetAnswers = {};
  for (const s of ws.sections) {
    if (s.kind === 'table') {
      const rows = tableRows(answers, s.id)
        .map((r) => ({ id: '', cells: Object.fromEntries(s.columns.map((c) => [c.id, r.cells[c.id] ?? ''])) }))
        .filter((r) => Object.values(r.cells).some((v) => v !== ''));
      if (rows.length) out[s.id] = rows;
    } else if (s.kind === 'checklist') {
      const ticks = checklistTicks(answers, s.id);
      const on = Object.fromEntries(s.items.filter((i) => ticks[i.id]).map((i) => [i.id, true]));
      if (Object.keys(on).length) out[s.id] = on;
    } else {
      const text = reflectionText(answers, s.id);
      if (text !== '') out[s.id] = text;
    }
  }
  return out;
}

export function sameAnswers(ws: Worksheet, a: WorksheetAnswers, b: WorksheetAnswers): boolean {
  return JSON.stringify(normalizeAnswers(ws, a)) === JSON.stringify(normalizeAnswers(ws, b));
}

/** Where a problem is, as the form knows it: section, and for a table cell the row id and column id. */
export function fieldKey(sectionId: string, rowId?: string, columnId?: string): string {
  return [sectionId, rowId, columnId].filter((p) => p !== undefined).join('/');
}

export interface LimitProblem {
  key: string;
  /** Where, in the learner's words: "Your customer contact points, row 2, Good customer service". */
  where: string;
  message: string;
}

/** Over-long answers and too many rows. The server refuses a save with any of these; the form shows them live. */
export function limitProblems(ws: Worksheet, answers: WorksheetAnswers): LimitProblem[] {
  const problems: LimitProblem[] = [];
  for (const s of ws.sections) {
    if (s.kind === 'table') {
      const rows = tableRows(answers, s.id);
      if (rows.length > s.maxRows) {
        problems.push({
          key: fieldKey(s.id),
          where: s.title,
          message: tooManyRowsMessage(s.title, s.maxRows, rows.length),
        });
      }
      rows.forEach((row, i) => {
        for (const col of s.columns) {
          const n = charCount(row.cells[col.id] ?? '');
          if (n > CELL_MAX_LENGTH) {
            problems.push({
              key: fieldKey(s.id, row.id, col.id),
              where: `${s.title}, row ${i + 1}, ${col.label}`,
              message: tooLongMessage(CELL_MAX_LENGTH, n),
            });
          }
        }
      });
    } else if (s.kind === 'reflection') {
      const n = charCount(reflectionText(answers, s.id));
      if (n > s.maxLength)
        problems.push({ key: fieldKey(s.id), where: s.title, message: tooLongMessage(s.maxLength, n) });
    }
  }
  return problems;
}

/** A new, empty table row. Ids only need to be unique within the table. */
export function newRow(section: TableSection): TableRow {
  // randomUUID exists only on secure origins (https, localhost); a plain-http intranet still needs rows.
  const id =
    typeof globalThis.crypto?.randomUUID === 'function'
      ? globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 16)
      : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  return { id, cells: Object.fromEntries(section.columns.map((c) => [c.id, ''])) };
}
