import { and, asc, eq, inArray, sql, type AnyColumn, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { getDb } from '@/db/client';
import { staffAssignments, users, type Role } from '@/db/schema';
import { ForbiddenError } from '@/lib/errors';

/**
 * The one place that answers "may user U do action A on learner L's work?", and its twin for lists, "which
 * learners may user U do action A on?" (learnerScope), both read from the one table POLICY. Which roles may open
 * which page (ACCESS) is derived from POLICY too. Every page, route handler, server action and list asks here;
 * nothing else decides. Outside this file only lib/admin (which writes the assignments) reads staff_assignments
 * (tests/unit/permissions-sources.test.ts fails on any other reader).
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
  // Progress reviews (issue 21): the learner's own coach holds and edits them; the learner and the coach sign; the
  // learner says a target is achieved and the coach confirms it; assessors and admins read.
  'review.view': ['self', 'assessor', 'coach', 'admin'],
  'review.write': ['coach'],
  'review.sign': ['self', 'coach'],
  'target.claim': ['self'],
  'target.confirm': ['coach'],
} as const satisfies Record<string, readonly Relation[]>;

export type Action = keyof typeof POLICY;

export interface Actor {
  id: string;
  role: Role;
}

/**
 * The relation a role has to the learners it may act on: a learner to their own work, staff through an assignment.
 * An external quality assurer has none: they read only the samples shared with their visit (lib/qa), never a
 * learner's record through this gate.
 */
const RELATION_OF: Record<Role, Relation> = {
  learner: 'self',
  assessor: 'assessor',
  coach: 'coach',
  admin: 'admin',
  eqa: 'none',
};

/**
 * The staff_assignments row that links `staffId` as `staffRole` to the learner in `learnerId`: the one definition of
 * "assigned", used by relationTo (one learner) and learnerScope (a list). A list reads it as a semi-join from the
 * primary key (staff_id, staff_role, learner_id): the range of the actor's own assignments, from the key alone.
 */
function assigned(learnerId: SQLWrapper | string, staffId: string, staffRole: 'assessor' | 'coach'): SQL {
  return and(
    eq(staffAssignments.learnerId, learnerId),
    eq(staffAssignments.staffId, staffId),
    eq(staffAssignments.staffRole, staffRole),
  )!;
}

export async function relationTo(actor: Actor, learnerId: string, db: DbOrTx = getDb()): Promise<Relation> {
  const relation = RELATION_OF[actor.role];
  if (relation === 'admin') return 'admin';
  if (relation === 'self') return actor.id === learnerId ? 'self' : 'none';
  if (relation === 'none') return 'none';
  const [link] = await db
    .select({ role: staffAssignments.staffRole })
    .from(staffAssignments)
    .where(assigned(learnerId, actor.id, relation))
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

/**
 * The learners `actor` may do `action` on, as a condition on a learner-id column, for the WHERE (or ON) clause of a
 * list: the list form of authorize, from the same POLICY, so a list never shows a learner whose page would refuse.
 * An admin: every learner; a learner: their own id; an assessor or coach: the learners assigned to them in that
 * role (EXISTS over staff_assignments, which PostgreSQL runs as a semi-join starting from the primary key
 * (staff_id, staff_role, learner_id), or as probes of it; tests/system/query-plans.test.ts checks the plans on 10,000
 * learners); any role POLICY does not allow for `action`: no learner (false).
 * Put it in WHERE or ON, not in a selected expression: drizzle writes columns unqualified in the selection of a
 * single-table query, where `learner_id` would then name the subquery's own column.
 */
export function learnerScope(actor: Actor, action: Action, learnerId: SQLWrapper): SQL {
  const relation = RELATION_OF[actor.role];
  if (relation === 'none' || !allows(action, relation)) return sql`false`;
  if (relation === 'admin') return sql`true`;
  if (relation === 'self') return sql`${learnerId} = ${actor.id}`;
  return sql`exists (select 1 from ${staffAssignments} where ${assigned(learnerId, actor.id, relation)})`;
}

/**
 * "The signed-in account may do `action` on its own work", for a statement that runs before the account has been
 * read (the worksheet quick save): a condition on the account's role column, true for the roles POLICY allows on
 * 'self'. The statement itself must also hold the learner id to the account's own id.
 */
export function ownWorkRole(action: Action, roleColumn: AnyColumn): SQL {
  const roles = rolesAllowed(action, 'own');
  return roles.length ? inArray(roleColumn, roles) : sql`false`;
}

/**
 * The roles for which POLICY allows `action` on some learner: 'own', on their own work (learners); 'assigned', on
 * learners assigned to them (assessors, coaches); 'others', on other people's work: assigned staff and admins.
 */
export function rolesAllowed(action: Action, whose: 'own' | 'assigned' | 'others'): Role[] {
  return (Object.keys(RELATION_OF) as Role[]).filter((role) => {
    const relation = RELATION_OF[role];
    const fits =
      whose === 'own'
        ? relation === 'self'
        : whose === 'assigned'
          ? relation === 'assessor' || relation === 'coach'
          : relation !== 'self';
    return fits && allows(action, relation);
  });
}

/**
 * Which roles may open which page (and call the list function behind it), by what the page shows. Pages call
 * requireAccess(capability) (lib/auth/session.ts) and never list roles themselves; list functions call
 * assertAccess. Most entries are derived from POLICY; a role's own home and the coaching dashboards are named.
 */
export const ACCESS = {
  // A role's home page, where signing in sends it.
  'home.learner': ['learner'],
  'home.assessor': ['assessor'],
  'home.coach': ['coach'],
  admin: ['admin'],
  // A learner's own work.
  'own.worksheets': rolesAllowed('worksheet.write', 'own'),
  'own.worksheet-hand-ins': rolesAllowed('worksheet.view', 'own'),
  'own.evidence': rolesAllowed('evidence.view', 'own'),
  'own.evidence.write': rolesAllowed('evidence.write', 'own'),
  'own.report': rolesAllowed('report.write', 'own'),
  'own.report.versions': rolesAllowed('report.view', 'own'),
  // Other learners' work, scoped per learner by authorize and per list by learnerScope.
  'learners.assigned': rolesAllowed('evidence.view', 'assigned'),
  'learner.portfolio': rolesAllowed('evidence.view', 'others'),
  'hand-ins.view': rolesAllowed('worksheet.view', 'others'),
  'hand-ins.queue': rolesAllowed('worksheet.comment', 'assigned'),
  'reports.view': rolesAllowed('report.view', 'others'),
  dashboards: rolesAllowed('learner.view', 'others'),
  // The coach's dashboard pages (cohort matrix, one learner's coaching view), which admins also open; assessors have
  // their own (/assessor). A product choice, not a rule of POLICY: the data behind them is scoped like any list.
  coaching: ['coach', 'admin'],
  // Quality assurance (issue 20): the staff roles that may hold the IQA capability (IQA_CAPABLE_ROLES below) open the
  // IQA's pages; lib/qa then refuses anyone who is not the IQA of the cohort (or of any cohort, for the home).
  quality: ['assessor', 'coach', 'admin'],
  // An assessor's own decisions that an IQA sampled, with the verdicts and actions.
  'quality.feedback': ['assessor'],
  // One progress review: the learner's own, or one of a learner the actor may read (scoped by authorize).
  review: [...rolesAllowed('review.view', 'own'), ...rolesAllowed('review.view', 'others')],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof ACCESS;

export function hasAccess(role: Role, capability: Capability): boolean {
  return (ACCESS[capability] as readonly Role[]).includes(role);
}

/** For lib functions behind a page: a 403 unless the actor's role has the capability. */
export function assertAccess(actor: Actor, capability: Capability, message?: string): void {
  if (!hasAccess(actor.role, capability)) throw new ForbiddenError(message);
}

/**
 * The staff assigned to a learner (optionally only one role), by name: for showing who assesses or coaches
 * someone, to a caller that has already authorized reading that learner's work.
 */
export function assignedStaff(db: DbOrTx, learnerId: string, role?: 'assessor' | 'coach') {
  return db
    .select({ name: users.name, role: staffAssignments.staffRole })
    .from(staffAssignments)
    .innerJoin(users, eq(users.id, staffAssignments.staffId))
    .where(and(eq(staffAssignments.learnerId, learnerId), role ? eq(staffAssignments.staffRole, role) : undefined))
    .orderBy(asc(users.name));
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

const QA_POLICY = {
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

function qaAllows(action: QaAction, relation: QaRelation): boolean {
  return (QA_POLICY[action] as readonly QaRelation[]).includes(relation);
}

/** Throws a 403 unless the actor may do this for the cohort (an IQA assigned to it; some reads also an admin). */
export async function authorizeIqa(
  actor: Actor,
  cohortId: string,
  action: QaAction = 'qa.sample.draw',
  db?: DbOrTx,
): Promise<QaRelation> {
  const relation = await qaRelationTo(actor, cohortId, db);
  if (!qaAllows(action, relation))
    throw new ForbiddenError('Only an internal quality assurer for this cohort can do that.');
  return relation;
}

/** Whether the account is an IQA for any cohort (e.g. to offer an IQA home later). */
export async function isIqa(actor: Actor, db: DbOrTx = getDb()): Promise<boolean> {
  if (!(IQA_CAPABLE_ROLES as readonly Role[]).includes(actor.role)) return false;
  const [row] = await db
    .select({ one: iqaCohorts.iqaId })
    .from(iqaCohorts)
    .where(eq(iqaCohorts.iqaId, actor.id))
    .limit(1);
  return Boolean(row);
}
