import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  learnerId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters at 7 a row. */
const BATCH = 1000;

/** Write inside the same transaction as the change, so a change is never without its audit row. */
export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await auditMany(db, [entry]);
}

/**
 * The same rows for many changes at once, in as few statements as it takes: assigning a cohort or importing a
 * file changes hundreds of learners at once, and each change still gets its own audit row.
 */
export async function auditMany(db: DbOrTx, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    await db.insert(auditLog).values(
      entries.slice(i, i + BATCH).map((e) => ({
        actorId: e.actorId,
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        learnerId: e.learnerId ?? null,
        before: e.before ?? null,
        after: e.after ?? null,
      })),
    );
  }
}
