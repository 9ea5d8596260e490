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

/** Write inside the same transaction as the change, so a change is never without its audit row. */
export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    learnerId: entry.learnerId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
