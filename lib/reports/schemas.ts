import { z } from 'zod';
import { MAX_NOTE_CHARS, MAX_REPORT_CHARS } from './limits';
import { formatNumber } from '@/lib/format';
import { uuidSchema } from '@/lib/ids';

/** Input shapes of the report routes and actions, shared so the browser and server agree. */

const uuid = uuidSchema('That link is not valid.');

const sectionTagsSchema = z
  .record(z.string().max(200), z.array(z.string().max(100)).max(30))
  .refine((tags) => Object.keys(tags).length <= 300, 'Too many section links. Remove links from sections you deleted.');

const contentSchema = z.string().max(MAX_REPORT_CHARS, {
  error: (issue) => {
    const len = typeof issue.input === 'string' ? issue.input.length : 0;
    return `Your report is far longer than this unit allows (${formatNumber(len)} characters; the portal keeps up to ${formatNumber(MAX_REPORT_CHARS)}). Nothing was saved on the server; your text is still on this page. Shorten it and it will save again.`;
  },
});

export const saveDraftSchema = z.object({
  version: z.coerce.number().int().min(0),
  content: contentSchema,
  sectionTags: sectionTagsSchema.default({}),
  // The largest paste since the last autosave, in words, as the editor saw it (authorship history; no text).
  pastedWords: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
export type SaveDraftInput = z.infer<typeof saveDraftSchema>;

export const submitSchema = z.object({
  draftVersion: z.coerce.number().int().min(1),
  declared: z.literal(true, { error: 'Tick the declaration to confirm the report is your own work.' }),
});
export type SubmitInput = z.infer<typeof submitSchema>;

const note = (label: string) =>
  z.string().max(MAX_NOTE_CHARS, `${label} can be up to ${formatNumber(MAX_NOTE_CHARS)} characters.`);

const assessmentDataSchema = z.object({
  acs: z.record(
    z.string().max(100),
    z.object({
      outcome: z.enum(['met', 'not_yet_met']).optional(),
      feedback: note('Feedback on a criterion').optional(),
    }),
  ),
  range: z.record(z.string().max(200), z.enum(['covered', 'discussion', 'not_relevant'])),
  discussion: z.object({
    heldOn: z.union([z.literal(''), z.iso.date('Enter the date of the discussion.')]).optional(),
    acIds: z.array(z.string().max(100)).max(50),
    notes: note('The discussion record'),
  }),
  feedback: note('Overall feedback'),
});

export const saveAssessmentSchema = z.object({
  learnerId: uuid,
  versionId: uuid,
  version: z.coerce.number().int().min(0),
  data: assessmentDataSchema,
});
export type SaveAssessmentInput = z.infer<typeof saveAssessmentSchema>;

export const decideSchema = z.object({
  learnerId: uuid,
  versionId: uuid,
  /** The hash of the text the assessor was shown: the server signs off only that exact text. */
  contentHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'The report you were shown could not be identified. Reload the page.'),
  outcome: z.enum(['referred', 'signed_off']),
  data: assessmentDataSchema,
  declared: z.boolean().optional(),
});
export type DecideInput = z.infer<typeof decideSchema>;

/**
 * Confirm-all (issue 24): the whole sign-off the assessor was shown, sent as it will be recorded (every criterion met,
 * each range item marked), for the exact version and text shown. The server re-checks every rule.
 */
export const confirmAllSchema = z.object({
  learnerId: uuid,
  versionId: uuid,
  contentHash: decideSchema.shape.contentHash,
  data: assessmentDataSchema,
  declared: z.literal(true, { error: 'Tick the declaration to sign the report off.' }),
});
export type ConfirmAllInput = z.infer<typeof confirmAllSchema>;
