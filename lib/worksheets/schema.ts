/**
 * The server's check of a worksheet's answers, built with zod from the worksheet's own section definitions:
 * unknown sections, columns or checklist items, wrong types, too many rows and over-long text are refused
 * with a message the learner can act on. Limits and their wording come from answers.ts, which the form uses too.
 */
import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { cleanText } from '@/lib/text';
import {
  CELL_MAX_LENGTH,
  ROW_ID_PATTERN,
  charCount,
  tooLongMessage,
  tooManyRowsMessage,
  type Worksheet,
  type WorksheetAnswers,
  type WorksheetSection,
} from './answers';

function limitedText(max: number) {
  return z.string().superRefine((value, ctx) => {
    const n = charCount(value);
    if (n > max) ctx.addIssue({ code: 'custom', message: tooLongMessage(max, n) });
  });
}

function sectionSchema(section: WorksheetSection) {
  switch (section.kind) {
    case 'table': {
      const cells = z.strictObject(
        Object.fromEntries(section.columns.map((c) => [c.id, limitedText(CELL_MAX_LENGTH).optional()])),
      );
      const row = z.strictObject({ id: z.string().regex(ROW_ID_PATTERN), cells });
      return z.array(row).superRefine((rows, ctx) => {
        if (rows.length > section.maxRows) {
          ctx.addIssue({ code: 'custom', message: tooManyRowsMessage(section.title, section.maxRows, rows.length) });
        }
        if (new Set(rows.map((r) => r.id)).size !== rows.length) {
          ctx.addIssue({
            code: 'custom',
            message: `Two rows of “${section.title}” have the same id. Reload the page and try again.`,
          });
        }
      });
    }
    case 'checklist':
      return z.strictObject(Object.fromEntries(section.items.map((i) => [i.id, z.boolean().optional()])));
    case 'reflection':
      return limitedText(section.maxLength);
  }
}

const schemas = new WeakMap<Worksheet, ReturnType<typeof buildAnswersSchema>>();

function buildAnswersSchema(ws: Worksheet) {
  return z.strictObject(Object.fromEntries(ws.sections.map((s) => [s.id, sectionSchema(s).optional()])));
}

/**
 * zod schema for one worksheet's answers: every key optional (an untouched section has none), nothing extra.
 * Built once per worksheet: zod compiles a schema on its first parse, which cost more than the rest of an
 * autosave when it was rebuilt for every save (tests/bench/autosave-load.bench.ts).
 */
export function answersSchema(ws: Worksheet) {
  let schema = schemas.get(ws);
  if (!schema) schemas.set(ws, (schema = buildAnswersSchema(ws)));
  return schema;
}

type Path = readonly PropertyKey[];

/** "Your customer contact points, row 2, Good customer service": where an issue is, in the worksheet's words. */
function describePath(ws: Worksheet, path: Path): string | undefined {
  const section = ws.sections.find((s) => s.id === path[0]);
  if (!section) return undefined;
  const parts = [section.title];
  if (section.kind === 'table' && typeof path[1] === 'number') {
    parts.push(`row ${path[1] + 1}`);
    const col = path[2] === 'cells' ? section.columns.find((c) => c.id === path[3]) : undefined;
    if (col) parts.push(col.label);
  }
  return parts.join(', ');
}

function describeIssue(ws: Worksheet, issue: z.core.$ZodIssue): string {
  const where = describePath(ws, issue.path);
  if (issue.code === 'custom') return where ? `${where}: ${issue.message}` : issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    if (issue.path.length === 0) return `This worksheet has no section called “${key}”. Reload the page and try again.`;
    return `${where ?? 'This worksheet'} has nothing called “${key}”. Reload the page and try again.`;
  }
  if (issue.path.length === 0)
    return 'The answers were not in the form this worksheet expects. Reload the page and try again.';
  return `The answer to ${where ?? 'this worksheet'} is not in the form this worksheet expects. Reload the page and try again.`;
}

// PostgreSQL cannot store U+0000 or half an emoji (a lone surrogate) in jsonb; lib/text.ts drops or replaces them.
export { cleanText };

function cleanValue(v: unknown): unknown {
  if (typeof v === 'string') return cleanText(v);
  if (Array.isArray(v)) return v.map(cleanValue);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cleanValue(x)]));
  return v;
}

/** Valid answers, cleaned; or a ValidationError (400) whose message says what to fix. Nothing is stored either way. */
export function parseAnswers(ws: Worksheet, input: unknown): WorksheetAnswers {
  const result = answersSchema(ws).safeParse(input);
  if (result.success) return cleanValue(result.data) as WorksheetAnswers;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || 'answers';
    fieldErrors[key] ??= describeIssue(ws, issue);
  }
  throw new ValidationError(Object.values(fieldErrors)[0]!, fieldErrors);
}
