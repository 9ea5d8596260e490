import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { getDb } from '@/db/client';
import { staffAssignments, type Role } from '@/db/schema';
import { ForbiddenError } from '@/lib/errors';

/**
 * The one place that answers "may user U do action A on learner L's work?".
 * Every page, route handler and server action asks here; nothing else decides.
 */

/** How the acting user stands to the learner whose work it is. */
export type Relation = 'self' | 'assessor' | 'coach' | 'admin' | 'none';

export const POLICY = {
  'learner.view': ['self', 'assessor', 'coach', 'admin'],
  'evidence.view': ['self', 'assessor', 'coach', 'admin'],
  'evidence.write': ['self'],
  'evidence.record': ['assessor'], // observations and professional discussions
  'judgement.write': ['assessor'],
  'worksheet.view': ['self', 'coach', 'assessor', 'admin'],
  'worksheet.write': ['self'],
  'worksheet.comment': ['coach'],
  'report.view': ['self', 'assessor', 'coach', 'admin'],
  'report.write': ['self'],
  'report.assess': ['assessor'],
  'export.view': ['self', 'assessor', 'coach', 'admin'],
} as const satisfies Record<string, readonly Relation[]>;

export type Action = keyof typeof POLICY;

export interface Actor {
  id: string;
  role: Role;
}

export async function relationTo(actor: Actor, learnerId: string, db: DbOrTx = getDb()): Promise<Relation> {
  if (actor.role === 'admin') return 'admin';
  if (actor.role === 'learner') return actor.id === learnerId ? 'self' : 'none';
  const [link] = await db
    .select({ role: staffAssignments.staffRole })
    .from(staffAssignments)
    .where(and(
      eq(staffAssignments.learnerId, learnerId),
      eq(staffAssignments.staffId, actor.id),
      eq(staffAssignments.staffRole, actor.role),
    ))
    .limit(1);
  return link ? link.role : 'none';
}

export function allows(action: Action, relation: Relation): boolean {
  return (POLICY[action] as readonly Relation[]).includes(relation);
}

export async function can(actor: Actor, action: Action, learnerId: string, db?: DbOrTx): Promise<boolean> {
  return allows(action, await relationTo(actor, learnerId, db));
}

/** Throws a 403 unless the actor may do this; returns the relation for callers that need it. */
export async function authorize(actor: Actor, action: Action, learnerId: string, db?: DbOrTx): Promise<Relation> {
  const relation = await relationTo(actor, learnerId, db);
  if (!allows(action, relation)) throw new ForbiddenError();
  return relation;
}

/** Admin-only operations (accounts, cohorts, assignments): not about one learner's work. */
export function authorizeAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('Only an administrator can do that.');
}
