import 'server-only';
import type { z } from 'zod';
import { getCurrentUser, type SessionUser } from '@/lib/auth/session';
import {
  actionError,
  ForbiddenError,
  MUST_CHANGE_PASSWORD,
  UnauthenticatedError,
  ValidationError,
  type ActionFailure,
} from '@/lib/errors';
import { cleanDeep } from '@/lib/text';
import { validationErrorOf } from '@/lib/validate';
import { friendlyErrors } from '@/lib/validation-messages';

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

function formDataToObject(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

const MAX_DEPTH = 32;

/**
 * Whether the decoded arguments are data a page of the portal sends: text, numbers, true/false, null, lists, plain
 * objects, and files from a form. React's reply format can also carry promises, maps, dates, streams and references
 * to rows that were never sent ("$@0"), which the schemas were never written for; those are refused unread.
 */
function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  if (type !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((v) => isPlainData(v, depth + 1));
  if (value instanceof Blob) return true;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => isPlainData(v, depth + 1));
}

const NOT_OURS = 'This was not sent the way the portal sends it, so nothing was saved. Reload the page and try again.';

/**
 * Every server action goes through here: who is signed in, is the input valid, then the work.
 * The work itself asks lib/permissions about the learner it touches.
 */
export function validatedAction<S extends z.ZodType, T>(
  schema: S,
  work: (user: SessionUser, input: z.infer<S>) => Promise<T>,
  opts: { beforePasswordChange?: boolean } = {},
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const user = await getCurrentUser();
      if (!user)
        return new UnauthenticatedError(
          'Your session has ended. Sign in again; your text is kept on this page.',
        ).toActionResult();
      // A password someone else chose must be replaced first (ASVS 2.1.5); only the actions that do so are let through.
      if (user.mustChangePassword && !opts.beforePasswordChange)
        return new ForbiddenError(MUST_CHANGE_PASSWORD).toActionResult();
      const parsed = parseActionInput(schema, input);
      if (!parsed.ok) return parsed;
      return { ok: true, data: await work(user, parsed.data) };
    } catch (e) {
      return actionError(e);
    }
  };
}

/** The arguments as the schema's data, or the refusal the form shows. */
function parseActionInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | ActionFailure {
  const data = formDataToObject(input);
  if (!isPlainData(data)) return new ValidationError(NOT_OURS).toActionResult();
  // NUL and half an emoji cannot be stored; zod's own messages are replaced by ones a person can act on.
  const parsed = schema.safeParse(cleanDeep(data), friendlyErrors);
  if (!parsed.success) return validationErrorOf(parsed.error).toActionResult();
  return { ok: true, data: parsed.data };
}

/**
 * A server action for someone without an account: the same checks of the input, no session. Only the single-use
 * link pages use it, and what they do is authorised by the link's token, checked inside `work` (lib/links).
 */
export function publicAction<S extends z.ZodType, T>(schema: S, work: (input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const parsed = parseActionInput(schema, input);
      if (!parsed.ok) return parsed;
      return { ok: true, data: await work(parsed.data) };
    } catch (e) {
      return actionError(e);
    }
  };
}
