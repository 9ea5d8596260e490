import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { AuditEntry } from '@/lib/audit';

/**
 * Same rows as lib/audit's audit(), written in one statement: assigning a cohort or importing a file changes
 * hundreds of learners at once, and each change still gets its own audit row.
 */
export async function auditMany(db: DbOrTx, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await db.insert(auditLog).values(entries.slice(i, i + 1000).map((e) => ({
      actorId: e.actorId,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      learnerId: e.learnerId ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
    })));
  }
}
