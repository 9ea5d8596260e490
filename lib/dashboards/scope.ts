import 'server-only';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { cohortMembers, users } from '@/db/schema';
import { assertAccess, learnerScope, type Actor } from '@/lib/permissions';

const STAFF_ONLY = 'Dashboards are for assessors, coaches and administrators.';

/**
 * The learners a member of staff may see on a dashboard, as a condition on a learner-id column. Every dashboard
 * query puts this in its WHERE clause, so a learner who is not assigned to the actor cannot appear whatever else
 * the query does. Admins see every learner. The scope itself is the gate's (learnerScope, 'learner.view').
 */
export function scopeCondition(
  db: DbOrTx,
  actor: Actor,
  learnerColumn: SQL | Parameters<typeof eq>[0],
  cohortId?: string,
): SQL {
  requireStaff(actor);
  const parts: SQL[] = [learnerScope(actor, 'learner.view', learnerColumn)];
  if (cohortId) {
    parts.push(
      inArray(
        learnerColumn,
        db.select({ id: cohortMembers.learnerId }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId)),
      ),
    );
  }
  return and(...parts)!;
}

/** Active learners in scope, by name. */
export async function scopedLearners(db: DbOrTx, actor: Actor, cohortId?: string) {
  return db
    .select({ id: users.id, name: users.name, createdAt: users.createdAt })
    .from(users)
    .where(and(eq(users.role, 'learner'), eq(users.active, true), scopeCondition(db, actor, users.id, cohortId)))
    .orderBy(users.name, users.id);
}

export function requireStaff(actor: Actor): void {
  assertAccess(actor, 'dashboards', STAFF_ONLY);
}
