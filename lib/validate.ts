import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { friendlyErrors } from '@/lib/validation-messages';

/** zod's issues as one message per field (the first for each; `form` for the input as a whole). */
function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.join('.') || 'form'] ??= issue.message;
  return out;
}

/** A refused parse as the error a person sees: the first problem as the message, with every field's message. */
export function validationErrorOf(error: z.ZodError, fallback = 'Please check the form.'): ValidationError {
  const fieldErrors = zodFieldErrors(error);
  return new ValidationError(Object.values(fieldErrors)[0] ?? fallback, fieldErrors);
}

/** Parse at the boundary (an action, a route handler) or throw that ValidationError; zod's own wording replaced. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, fallback?: string): z.infer<S> {
  const parsed = schema.safeParse(input, friendlyErrors);
  if (parsed.success) return parsed.data;
  throw validationErrorOf(parsed.error, fallback);
}

/**
 * A calendar day as YYYY-MM-DD. Date.parse rolls 30 February over into March; the database does not, so the date is
 * compared with itself.
 */
export function isoDaySchema(message = 'Enter the date as day, month and year.', missing = message) {
  return z
    .string({ error: missing })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((v) => {
      const t = Date.parse(`${v}T00:00:00Z`);
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
    }, 'Enter a real date.');
}

/** A form's named day: "Enter the first day of the visit." when missing, "... as a date." when malformed. */
export const dayField = (what: string) => isoDaySchema(`Enter the ${what} as a date.`, `Enter the ${what}.`);
