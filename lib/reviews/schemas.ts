import { z } from 'zod';
import { formatNumber } from '@/lib/format';
import { uuidSchema } from '@/lib/ids';
import { isoDaySchema } from '@/lib/validate';

const REVIEW_LIMITS = { text: 5000, target: 1000, targets: 20 } as const;
export const DEFAULT_INTERVAL_WEEKS = 12;

const text = (what: string, max: number) =>
  z.preprocess(
    (v) => (v == null ? '' : v),
    z
      .string({ error: `${what} must be text.` })
      .transform((v) => v.replace(/\r\n/g, '\n'))
      .pipe(z.string().max(max, `${what}: keep it under ${formatNumber(max)} characters.`)),
  );

/** A target as the draft holds it: text and date may still be empty (checked when signing). */
const targetSchema = z.object({
  key: uuidSchema('A target was not sent the way the review form sends it. Reload the page.'),
  text: text('A target', REVIEW_LIMITS.target),
  dueOn: z.union([z.literal(''), isoDaySchema('Enter the due date as day, month and year.')]),
  moduleSlug: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/, 'Choose a module from the list.')
    .nullable(),
  criterionId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9./-]{0,199}$/, 'Choose a criterion from the list.')
    .nullable(),
});

export const reviewContentSchema = z.object({
  heldOn: isoDaySchema('Enter the day the review was held.'),
  progress: text('Progress since the last review', REVIEW_LIMITS.text),
  wentWell: text('What went well', REVIEW_LIMITS.text),
  supportNeeded: text('Support needed', REVIEW_LIMITS.text),
  targets: z
    .array(targetSchema, { error: 'The targets were not sent as a list.' })
    .max(REVIEW_LIMITS.targets, `A review sets at most ${REVIEW_LIMITS.targets} targets.`),
});

/** The autosave of a draft: the content and the version it was typed on. */
export const saveReviewSchema = z.object({
  version: z.number({ error: 'The version must be a number.' }).int().min(1).max(1_000_000_000),
  content: reviewContentSchema,
});

export const startReviewSchema = z.object({ learnerId: uuidSchema() });
export const amendReviewSchema = z.object({ reviewId: uuidSchema() });

export const signReviewSchema = z.object({
  reviewId: uuidSchema(),
  /** The version the signer read: a review changed since is not signed. */
  version: z.coerce.number({ error: 'The version must be a number.' }).int().min(1).max(1_000_000_000),
  declared: z.literal(true, { error: 'Confirm that you have read the review and agree with it.' }),
});

export const claimTargetSchema = z.object({ key: uuidSchema() });
export const confirmTargetSchema = z.object({
  learnerId: uuidSchema(),
  key: uuidSchema(),
  outcome: z.enum(['confirmed', 'not_yet'], { error: 'Choose confirmed or not yet.' }),
  note: text('The note', 1000).optional(),
});

export const reviewIntervalSchema = z.object({
  cohortId: uuidSchema(),
  weeks: z.coerce
    .number({ error: 'Enter the number of weeks between reviews.' })
    .int('Enter a whole number of weeks.')
    .min(1, 'Reviews are at least a week apart.')
    .max(52, 'Reviews are at most 52 weeks apart.'),
});

export type ReviewContentInput = z.infer<typeof reviewContentSchema>;
