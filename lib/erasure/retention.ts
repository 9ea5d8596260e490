import { sql } from 'drizzle-orm';
import { getDb, rowsOf, type Db } from '@/db/client';

/**
 * The retention job (issue 22, data protection): RETENTION_YEARS after a learner's erasure, the assessment decisions
 * the centre kept (judgements, report versions and decisions, countersignatures, QA items and verdicts) are erased
 * too, by the database's own function criterion_erase_retained (db/sql/014_erasure.sql), one learner per transaction.
 * Idempotent: a learner whose decisions are gone is not due again. `npm run -s retention -- run [--dry-run]`.
 */

export interface RetentionDue {
  learnerId: string;
  pseudonym: string;
  erasedAt: Date;
}

export interface RetentionRun {
  years: number;
  due: RetentionDue[];
  /** Per learner erased in this run: what was removed. Empty for a dry run. */
  erased: { learnerId: string; counts: Record<string, number> }[];
}

/** Erased learners whose decisions are older than the retention period, counted from their erasure. */
export async function retentionDue(years: number, db: Db = getDb()): Promise<RetentionDue[]> {
  return rowsOf<{ learnerId: string; pseudonym: string; erasedAt: string | Date }>(
    await db.execute(sql`select learner_id as "learnerId", pseudonym, erased_at as "erasedAt" from learner_erasures
      where decisions_erased_at is null and erased_at <= now() - make_interval(years => ${years}::int)
      order by erased_at, learner_id`),
  ).map((r) => ({ ...r, erasedAt: new Date(r.erasedAt) }));
}

export async function runRetention(opts: { years: number; dryRun?: boolean }, db: Db = getDb()): Promise<RetentionRun> {
  const due = await retentionDue(opts.years, db);
  const erased: RetentionRun['erased'] = [];
  if (!opts.dryRun) {
    for (const d of due) {
      const [row] = rowsOf<{ result: { erased: boolean } & Record<string, number> }>(
        await db.execute(sql`select criterion_erase_retained(${d.learnerId}, ${opts.years}::int) as result`),
      );
      const { erased: done, ...counts } = typeof row!.result === 'string' ? JSON.parse(row!.result) : row!.result;
      if (done) erased.push({ learnerId: d.learnerId, counts });
    }
  }
  return { years: opts.years, due, erased };
}
