import { z } from 'zod';

/**
 * What a record id looks like: the database's uuid type (8-4-4-4-12 hex digits, either case). Anything else is
 * refused before it goes near a query: a page answers 404, a form 400.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** The same rule as a schema field; `message` replaces every refusal's wording (a wrong type included). */
export function uuidSchema(message?: string) {
  return z.guid(message);
}
