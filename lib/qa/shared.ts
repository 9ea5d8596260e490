import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

/** Rows of a raw statement on either driver (postgres-js returns an array, PGlite an object with rows). */
export const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

export async function query<T>(db: DbOrTx, statement: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

/** A uuid[] parameter as one value (drizzle would otherwise spread an array into a list of parameters). */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Local until the kernel's shared check lands (lib/ids.ts, another branch): the merger unifies. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Serialises QA work on one cohort (a plan's next version, a draw) to the end of the transaction. */
export async function lockCohortQa(tx: DbOrTx, cohortId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(4242020, hashtext(${cohortId}))`);
}

/** JSON with object keys sorted at every level: the same value always gives the same text (and hash). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export const sha256Hex = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();

/** Postgres unique violations (a race two requests lost), on both drivers. */
export function isUniqueViolation(e: unknown): boolean {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    if ((c as { code?: string }).code === '23505') return true;
  }
  return false;
}
