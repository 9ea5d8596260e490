import type { z } from 'zod';
import { formatNumber } from '@/lib/format';

/**
 * Wording for zod's own checks, passed to safeParse as the per-parse error map: a message written into a schema
 * always wins over it, so this only replaces zod's defaults ("Invalid input: expected string, received number"),
 * which nobody using the portal should see. The portal's own pages never send a number for a name or leave out
 * a field, so when that happens the page was out of date (or the request did not come from it): say so.
 */
const RELOAD = 'Reload the page and try again.';
const n = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? formatNumber(Number(v)) : String(v));

function friendlyIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? `Part of the form was missing, so nothing was saved. ${RELOAD}`
        : `Part of the form was not in the form we expect, so nothing was saved. ${RELOAD}`;
    case 'too_big':
      if (issue.origin === 'string')
        return `This is too long: it can be up to ${n(issue.maximum)} characters. Shorten it and try again.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at most ${n(issue.maximum)}.`;
      return `That number is too large. ${RELOAD}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'This cannot be empty.'
          : `This needs at least ${n(issue.minimum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at least ${n(issue.minimum)}.`;
      return `That number is too small. ${RELOAD}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Enter a valid email address, like name@example.org.';
      if (issue.format === 'date') return 'Enter a real date.';
      return `Something on the page could not be identified, so nothing was saved. ${RELOAD}`;
    case 'invalid_value':
      return 'Choose one of the options offered.';
    case 'unrecognized_keys':
      return `The form sent something we do not expect, so nothing was saved. ${RELOAD}`;
    default:
      return `Please check the form and try again. If it keeps happening, ${RELOAD.toLowerCase()}`;
  }
}

/** The options object to pass as safeParse's second argument. */
export const friendlyErrors = { error: friendlyIssue } as const;
