import { z } from 'zod';
import { isoDaySchema } from '@/lib/validate';
import { ValidationError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { uuidSchema } from '@/lib/ids';

/**
 * What a piece of evidence may contain, checked on the server whichever way it arrives (form post,
 * route handler, test). Messages are written for the learner.
 */
const LEARNER_KINDS = ['account', 'file', 'link', 'witness', 'worksheet'] as const;
export const ASSESSOR_KINDS = ['observation', 'discussion'] as const;
const EVIDENCE_KINDS = [...LEARNER_KINDS, ...ASSESSOR_KINDS] as const;

export const LIMITS = {
  title: 200,
  description: 5000,
  body: 20000,
  note: 2000,
  url: 2000,
  witnessField: 200,
  feedback: 5000,
  response: 5000,
  criteria: 200,
};

export function tooLongMessage(what: string, max: number, length: number): string {
  return `${what} is longer than ${formatNumber(max)} characters (${formatNumber(length)}). Shorten it and try again.`;
}

function limited(what: string, max: number) {
  return z
    .string()
    .transform((v) => v.replace(/\r\n/g, '\n'))
    .superRefine((v, ctx) => {
      if (v.length > max) ctx.addIssue({ code: 'custom', message: tooLongMessage(what, max, v.length) });
    });
}

const optionalText = (what: string, max: number) => z.preprocess((v) => (v == null ? '' : v), limited(what, max));

const isoDate = isoDaySchema('Enter the date as day, month and year.', 'Enter the date the evidence is from.')
  .refine((v) => v >= '2000-01-01', 'The date must be after 1 January 2000.')
  // One day's grace: the learner's "today" may already be tomorrow in UTC.
  .refine((v) => Date.parse(`${v}T00:00:00Z`) <= Date.now() + 86_400_000, 'The date cannot be in the future.');

const mapping = z.object({
  id: z.string().min(1).max(200),
  note: optionalText('Your note on why this evidence meets the criterion', LIMITS.note),
});

const criteriaField = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v ?? [];
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  },
  z
    .array(mapping, { error: 'Choose the criteria again; the list could not be read.' })
    .max(LIMITS.criteria, `Map one piece of evidence to at most ${LIMITS.criteria} criteria.`),
);

const base = {
  title: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'Give your evidence a title.' })
      .min(1, 'Give your evidence a title.')
      .pipe(limited('The title', LIMITS.title)),
  ),
  occurredOn: isoDate,
  description: optionalText('The description', LIMITS.description),
  body: optionalText('The text', LIMITS.body),
  url: optionalText('The link', LIMITS.url),
  witnessName: optionalText("The witness's name", LIMITS.witnessField),
  witnessRole: optionalText("The witness's role", LIMITS.witnessField),
  witnessContact: optionalText("The witness's email address", LIMITS.witnessField),
  worksheetSubmissionId: z.preprocess(
    (v) => (v === '' ? undefined : v),
    uuidSchema('Choose a submitted worksheet.').optional(),
  ),
  criteria: criteriaField,
};

function kindRules(
  v: {
    kind: string;
    body: string;
    url: string;
    witnessName: string;
    witnessRole: string;
    witnessContact: string;
    worksheetSubmissionId?: string;
  },
  ctx: z.RefinementCtx,
) {
  const need = (cond: boolean, path: string, message: string) => {
    if (!cond) ctx.addIssue({ code: 'custom', path: [path], message });
  };
  switch (v.kind) {
    case 'account':
      need(v.body.trim().length > 0, 'body', 'Write your account before saving.');
      break;
    case 'observation':
      need(v.body.trim().length > 0, 'body', 'Write what you observed before saving.');
      break;
    case 'discussion':
      need(v.body.trim().length > 0, 'body', 'Write the record of the discussion before saving.');
      break;
    case 'link': {
      let ok = false;
      try {
        const u = new URL(v.url.trim());
        ok = u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        ok = false;
      }
      need(ok, 'url', 'Enter a full web address starting with https://');
      break;
    }
    case 'witness':
      need(v.witnessName.trim().length > 0, 'witnessName', "Enter the witness's name.");
      need(v.witnessRole.trim().length > 0, 'witnessRole', "Enter the witness's role, for example Store manager.");
      // An email address: the witness is sent a single-use link to confirm the statement (lib/links/witness.ts).
      need(
        z.email().safeParse(v.witnessContact.trim()).success,
        'witnessContact',
        "Enter the witness's email address, like name@example.com: they get a link to confirm the statement.",
      );
      need(v.body.trim().length > 0, 'body', "Enter the witness's statement.");
      break;
    case 'worksheet':
      need(
        Boolean(v.worksheetSubmissionId),
        'worksheetSubmissionId',
        'Choose the submitted worksheet this evidence refers to.',
      );
      break;
  }
}

export const createEvidenceSchema = z
  .object({
    kind: z.enum(EVIDENCE_KINDS, { error: 'Choose what kind of evidence this is.' }),
    learnerId: z.preprocess((v) => (v === '' ? undefined : v), uuidSchema().optional()),
    ...base,
  })
  .superRefine(kindRules);

export const updateEvidenceSchema = z.object({
  version: z.coerce.number().int().positive(),
  ...base,
});

/** What the use cases take: the input as parsed at the boundary (the route handler). */
export type CreateEvidence = z.output<typeof createEvidenceSchema>;
export type UpdateEvidence = z.output<typeof updateEvidenceSchema>;

/** Applies the kind's rules to an edit (the kind comes from the stored evidence). */
export function checkKindRules(kind: string, v: z.infer<typeof updateEvidenceSchema>): void {
  const issues: Record<string, string> = {};
  const ctx = {
    addIssue: (i: { path?: PropertyKey[]; message?: string }) =>
      void (issues[String(i.path?.[0] ?? 'form')] ??= i.message ?? 'Invalid'),
  } as unknown as z.RefinementCtx;
  kindRules({ kind, ...v }, ctx);
  const first = Object.values(issues)[0];
  if (first) throw new ValidationError(first, issues);
}
