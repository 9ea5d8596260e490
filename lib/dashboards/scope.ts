import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { cohortMembers, staffAssignments, users } from '@/db/schema';
import { ForbiddenError } from '@/lib/errors';
import type { Actor } from '@/lib/permissions';

/**
 * The learners a member of staff may see on a dashboard, as a condition on a learner-id column. Every dashboard
 * query puts this in its WHERE clause, so a learner who is not assigned to the actor cannot appear whatever else
 * the query does. Admins see every learner.
 */
export function scopeCondition(db: DbOrTx, actor: Actor, learnerColumn: SQL | Parameters<typeof eq>[0], cohortId?: string): SQL {
  const parts: SQL[] = [];
  if (actor.role === 'assessor' || actor.role === 'coach') {
    parts.push(inArray(learnerColumn, db.select({ id: staffAssignments.learnerId }).from(staffAssignments)
      .where(and(eq(staffAssignments.staffId, actor.id), eq(staffAssignments.staffRole, actor.role)))));
  } else if (actor.role !== 'admin') {
    throw new ForbiddenError('Dashboards are for assessors, coaches and administrators.');
  }
  if (cohortId) {
    parts.push(inArray(learnerColumn, db.select({ id: cohortMembers.learnerId }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId))));
  }
  return parts.length ? and(...parts)! : sql`true`;
}

/** Active learners in scope, by name. */
export async function scopedLearners(db: DbOrTx, actor: Actor, cohortId?: string) {
  return db.select({ id: users.id, name: users.name, createdAt: users.createdAt }).from(users)
    .where(and(eq(users.role, 'learner'), eq(users.active, true), scopeCondition(db, actor, users.id, cohortId)))
    .orderBy(users.name, users.id);
}

export function requireStaff(actor: Actor): void {
  if (actor.role !== 'assessor' && actor.role !== 'coach' && actor.role !== 'admin') {
    throw new ForbiddenError('Dashboards are for assessors, coaches and administrators.');
  }
}
