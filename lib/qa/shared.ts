import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';

export async function query<T>(db: DbOrTx, statement: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

/** A uuid[] parameter as one value (drizzle would otherwise spread an array into a list of parameters). */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Serialises QA work on one cohort (a plan's next version, a draw) to the end of the transaction. */
export async function lockCohortQa(tx: DbOrTx, cohortId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(4242020, hashtext(${cohortId}))`);
}

export const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
