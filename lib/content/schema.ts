/**
 * Zod schemas for the files under content/: each module's index.mdx frontmatter and module.json, and
 * content/crosswalks.json. They check shape only; rules that need the whole picture (id prefixes, duplicate
 * ids, crosswalk targets, worksheet placement) live in build.ts.
 *
 * Objects are strict so that a misspelt key ("txt" for "text") fails the build instead of silently
 * dropping a criterion's wording.
 */
import { z } from 'zod';
import { LOCAL_ID_PATTERN, PREFIX_PATTERN } from './ids';

/** Visible wording: never empty, and no stray white space at either end (a sign of a bad copy). */
const text = z
  .string()
  .min(1)
  .refine((s) => s.trim() === s, 'must not start or end with white space');

const localId = z.string().regex(LOCAL_ID_PATTERN, 'must be lower-case words joined by hyphens');

const moduleKindSchema = z.enum(['standard', 'unit', 'worksheet']);

export const frontmatterSchema = z.strictObject({
  slug: z.string().regex(LOCAL_ID_PATTERN, 'must be lower-case words joined by hyphens'),
  code: text,
  title: text,
  kind: moduleKindSchema,
  level: z.int().positive().optional(),
  summary: text,
});

const itemSchema = z.strictObject({ id: z.string(), text });

const rangeBlockSchema = z.strictObject({
  /** The standard's own heading for the block, e.g. "Techniques to attract customers". */
  heading: text,
  /** Lead-in text that some blocks have before their list (unit 306, criterion 1.1). */
  intro: text.optional(),
  items: z.array(itemSchema).min(1),
});

const assessmentCriterionSchema = z.strictObject({
  id: z.string(),
  text,
  range: z.array(rangeBlockSchema).min(1).optional(),
});

/** A group of performance criteria or knowledge items, as a standard lays them out. */
const criteriaGroupSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['pc', 'k']),
  section: text.optional(),
  title: text,
  intro: text.optional(),
  items: z.array(itemSchema).min(1),
});

/** A learning outcome with its assessment criteria. The group's id is the outcome's own id. */
const outcomeGroupSchema = z.strictObject({
  id: z.string(),
  kind: z.literal('lo'),
  text,
  intro: text.optional(),
  items: z.array(assessmentCriterionSchema).min(1),
});

const groupSchema = z.discriminatedUnion('kind', [criteriaGroupSchema, outcomeGroupSchema]);

const reportRulesSchema = z
  .strictObject({
    minWords: z.int().positive(),
    maxWords: z.int().positive(),
    /** Section headings whose content is not counted (matched case-insensitively by the word counter). */
    excludedSections: z.array(text),
    /** Word processors count heading words, so the portal does too. */
    countHeadings: z.boolean(),
  })
  .refine((r) => r.minWords <= r.maxWords, 'minWords must not exceed maxWords');

const sectionBase = { id: localId, title: text, prompt: text };

const worksheetSectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...sectionBase,
    kind: z.literal('table'),
    columns: z.array(z.strictObject({ id: localId, label: text })).min(1),
    maxRows: z.int().positive(),
  }),
  z.strictObject({
    ...sectionBase,
    kind: z.literal('checklist'),
    items: z.array(z.strictObject({ id: localId, text })).min(1),
  }),
  z.strictObject({
    ...sectionBase,
    kind: z.literal('reflection'),
    maxLength: z.int().positive(),
  }),
]);

const worksheetSchema = z.strictObject({
  sections: z.array(worksheetSectionSchema).min(1),
  /** Criterion ids a completed worksheet can be offered against as evidence. */
  evidences: z.array(z.string()),
});

/**
 * Where an imported module came from (npm run standards -- import): the source's ids for each Criterion id, so a
 * re-import keeps the ids of unchanged items, flags changed wording and never gives a retired id a new meaning.
 */
const sourceSchema = z.strictObject({
  format: z.enum(['case', 'matrix', 'moodle']),
  identifier: z.string().min(1),
  title: text,
  version: text.optional(),
  /** Criterion item id -> the source's id, its coding scheme and a hash of the wording imported. */
  items: z.record(z.string(), z.strictObject({ sourceId: z.string().min(1), code: text.optional(), hash: z.string() })),
  /** Criterion group id -> the source's id of the heading. */
  groups: z.record(z.string(), z.string().min(1)),
  /** Ids of items the source no longer has: never given to another item. */
  retired: z.array(z.string()),
  /** Associations to things outside the module (CASE isRelatedTo, exemplar, unmatched exactMatchOf...). */
  references: z.array(
    z.strictObject({ item: z.string(), type: text, identifier: z.string().min(1), title: text.optional(), uri: z.string().optional() }),
  ),
});

export const moduleFileSchema = z.strictObject({
  prefix: z.string().regex(PREFIX_PATTERN, 'must be lower-case letters and digits'),
  facts: z.array(z.strictObject({ label: text, value: text })),
  relatedUnits: z.array(z.strictObject({ code: text, title: text, framework: text })),
  groups: z.array(groupSchema),
  reportRules: reportRulesSchema.optional(),
  worksheet: worksheetSchema.optional(),
  /** Assessment guidance paragraphs, e.g. for a unit's portfolio route. */
  guidance: z.array(text).min(1).optional(),
  source: sourceSchema.optional(),
});

export const crosswalksFileSchema = z.array(
  z.strictObject({ a: z.string(), b: z.string(), note: text }),
);

export type ModuleFile = z.infer<typeof moduleFileSchema>;
export type RawGroup = z.infer<typeof groupSchema>;
export type ReportRules = z.infer<typeof reportRulesSchema>;
export type ImportedFrom = z.infer<typeof sourceSchema>;
export type Worksheet = z.infer<typeof worksheetSchema>;
export type WorksheetSection = z.infer<typeof worksheetSectionSchema>;
