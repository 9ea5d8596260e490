import { z } from 'zod';
import { uuidSchema } from '@/lib/ids';

/** What the forms about single-use links send, with messages for the person filling them in (they have no account). */

const LIMITS = { name: 200, comment: 2000, token: 100 } as const;

const trimmed = (what: string, max: number, empty: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: empty }).min(1, empty).max(max, `${what}: keep it under ${max} characters.`),
  );

const comment = z.preprocess(
  (v) => (v == null ? '' : typeof v === 'string' ? v.trim().replace(/\r\n/g, '\n') : v),
  z
    .string({ error: 'Your comment must be text.' })
    .max(LIMITS.comment, `Your comment: keep it under ${LIMITS.comment} characters.`),
);

/** The token as it came in the address; whether it is one of ours is decided by lookup, never by this schema. */
const token = z
  .string({ error: 'This link does not work: it may have been copied incompletely.' })
  .max(LIMITS.token, 'This link does not work: it may have been copied incompletely.');

const typedName = trimmed('Your name', LIMITS.name, 'Type your full name.');

export const witnessAnswerSchema = z.object({
  token,
  name: typedName,
  response: z.enum(['confirmed', 'disputed'], {
    error: 'Choose whether the statement is accurate or not.',
  }),
  comment,
});

export const signByLinkSchema = z.object({
  token,
  name: typedName,
  // A ticked checkbox sends "true"; a form without it sends nothing.
  declared: z.preprocess(
    (v) => v === true || v === 'true',
    z.literal(true, { error: 'Tick the box to confirm you have read the review and agree with it.' }),
  ),
});

export const requestWitnessLinkSchema = z.object({ evidenceId: uuidSchema() });

export const askEmployerSchema = z.object({
  reviewId: uuidSchema(),
  name: trimmed("The employer's name", LIMITS.name, 'Enter the name of the person who will sign for the employer.'),
  role: z.preprocess(
    (v) => (v == null ? '' : typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'Their role must be text.' })
      .max(LIMITS.name, `Their role: keep it under ${LIMITS.name} characters.`),
  ),
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.email({ error: 'Enter their email address, like name@example.com.' }).max(LIMITS.name),
  ),
});
