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
  // An external quality assurer reads only the samples shared with their visit (issue 20), never a learner's record here.
  if (actor.role === 'eqa') return 'none';
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

// ---------------------------------------------------------------------------------------------------------------
// Quality assurance (issue 20). Being an internal quality assurer (IQA) is a capability of a staff account: a row in
// iqa_cohorts for the cohort. Questions here are about a cohort's assessment decisions, not one learner's work.
// An IQA never quality-assures their own assessment decisions: lib/qa checks that per decision (and the database too).

import { iqaCohorts } from '@/db/schema';

/** How the actor stands to a cohort's quality assurance. */
export type QaRelation = 'iqa' | 'admin' | 'none';

export const QA_POLICY = {
  'qa.plan.view': ['iqa', 'admin'],
  'qa.plan.write': ['iqa', 'admin'],
  'qa.sample.draw': ['iqa'],
  'qa.sample.view': ['iqa', 'admin'],
  'qa.decide': ['iqa'],
  'qa.action.close': ['iqa'],
  'qa.state.view': ['iqa', 'admin'],
} as const satisfies Record<string, readonly QaRelation[]>;

export type QaAction = keyof typeof QA_POLICY;

/** The staff roles that may hold the IQA capability (never a learner's or an external assurer's account). */
export const IQA_CAPABLE_ROLES = ['assessor', 'coach', 'admin'] as const satisfies readonly Role[];

export async function qaRelationTo(actor: Actor, cohortId: string, db: DbOrTx = getDb()): Promise<QaRelation> {
  if (!(IQA_CAPABLE_ROLES as readonly Role[]).includes(actor.role)) return 'none';
  const [row] = await db
    .select({ one: iqaCohorts.iqaId })
    .from(iqaCohorts)
    .where(and(eq(iqaCohorts.iqaId, actor.id), eq(iqaCohorts.cohortId, cohortId)))
    .limit(1);
  if (row) return 'iqa';
  return actor.role === 'admin' ? 'admin' : 'none';
}

export function qaAllows(action: QaAction, relation: QaRelation): boolean {
  return (QA_POLICY[action] as readonly QaRelation[]).includes(relation);
}

/** Throws a 403 unless the actor may do this for the cohort (an IQA assigned to it; some reads also an admin). */
export async function authorizeIqa(actor: Actor, cohortId: string, action: QaAction = 'qa.sample.draw', db?: DbOrTx): Promise<QaRelation> {
  const relation = await qaRelationTo(actor, cohortId, db);
  if (!qaAllows(action, relation)) throw new ForbiddenError('Only an internal quality assurer for this cohort can do that.');
  return relation;
}

/** Whether the account is an IQA for any cohort (e.g. to offer an IQA home later). */
export async function isIqa(actor: Actor, db: DbOrTx = getDb()): Promise<boolean> {
  if (!(IQA_CAPABLE_ROLES as readonly Role[]).includes(actor.role)) return false;
  const [row] = await db.select({ one: iqaCohorts.iqaId }).from(iqaCohorts).where(eq(iqaCohorts.iqaId, actor.id)).limit(1);
  return Boolean(row);
}
