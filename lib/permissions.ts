import { and, asc, eq, inArray, sql, type AnyColumn, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { getDb, rowsOf } from '@/db/client';
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
export type Relation = 'self' | 'assessor' | 'coach' | 'admin' | 'eqa' | 'none';

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
  // An external quality assurer reads the record of a learner in a sample shared with their open visit (the QA block).
  'export.view': ['self', 'assessor', 'coach', 'admin', 'eqa'],
  // The signed, portable record (issue 22): the learner's own copy to take elsewhere, their assessor's, an admin's.
  'record.export': ['self', 'assessor', 'admin'],
  // Open Badges (issue 22): the learner's own badges and their signed credentials; an administrator, who may revoke
  // one. Anyone may open a badge's public verification page, which shows only what the badge itself says.
  'badge.view': ['self', 'admin'],
  // Progress reviews (issue 21): the learner's own coach holds and edits them; the learner and the coach sign; the
  // learner says a target is achieved and the coach confirms it; assessors and admins read.
  'review.view': ['self', 'assessor', 'coach', 'admin'],
  'review.write': ['coach'],
  'review.sign': ['self', 'coach'],
  'target.claim': ['self'],
  'target.confirm': ['coach'],
  // Learning hours (issue 21): the learner logs their own; their staff read them against the cohort's plan.
  'hours.view': ['self', 'assessor', 'coach', 'admin'],
  'hours.write': ['self'],
} as const satisfies Record<string, readonly Relation[]>;

export type Action = keyof typeof POLICY;

export interface Actor {
  id: string;
  role: Role;
}

/**
 * The relation a role has to the learners it may act on: a learner to their own work, staff through an assignment,
 * an external quality assurer through a sample shared with their visit while it is open (eqaSharesLearner below).
 */
const RELATION_OF: Record<Role, Relation> = {
  learner: 'self',
  assessor: 'assessor',
  coach: 'coach',
  admin: 'admin',
  eqa: 'eqa',
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
  if (relation === 'eqa') {
    const [row] = await query<{ one: number }>(db, sql`select 1 as one where ${eqaSharesLearner(actor.id, learnerId)}`);
    return row ? 'eqa' : 'none';
  }
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
  if (relation === 'eqa') return eqaSharesLearner(actor.id, learnerId);
  return sql`exists (select 1 from ${staffAssignments} where ${assigned(learnerId, actor.id, relation)})`;
}

/**
 * The key under which db/sql/011_caseload.sql counts the learners `actor` may do `action` on (caseload_counters,
 * met_week_counters): 'admin' for every learner, '<staff id>:<role>' for a member of staff's assignments, null when
 * the actor sees no learners this way. The same relation as learnerScope, named for the counters.
 */
export function scopeOwner(actor: Actor, action: Action): string | null {
  const relation = RELATION_OF[actor.role];
  if (relation === 'none' || relation === 'self' || !allows(action, relation)) return null;
  return relation === 'admin' ? 'admin' : `${actor.id}:${relation}`;
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
          : // An EQA opens only their visit's pages (ACCESS.eqa), which link to a shared learner's record.
            relation !== 'self' && relation !== 'eqa';
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
  'own.hours': rolesAllowed('hours.write', 'own'),
  'own.badges': rolesAllowed('badge.view', 'own'),
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
  // The external quality assurer's visit: the shared samples and their items (lib/qa/eqa.ts scopes them to the visit).
  eqa: ['eqa'],
  // The visit's pack (printable and JSON): the EQA, the IQA of the shared samples' cohorts, an administrator.
  'eqa.pack': ['eqa', 'assessor', 'coach', 'admin'],
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
 * someone, to a caller that has already authorized reading that learner's work, or to tell them about it
 * (lib/notifications: a review falling due reaches the learner's coach).
 */
export function assignedStaff(db: DbOrTx, learnerId: string, role?: 'assessor' | 'coach') {
  return db
    .select({ id: users.id, name: users.name, role: staffAssignments.staffRole })
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
  'qa.countersign': ['iqa'],
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

/**
 * The strongest QA relation the actor has to any cohort of the learner, for questions about one learner's record (a
 * sign-off to countersign): an IQA of one of the learner's cohorts, else an administrator, else none.
 */
async function qaRelationToLearner(actor: Actor, learnerId: string, db: DbOrTx = getDb()): Promise<QaRelation> {
  if (!(IQA_CAPABLE_ROLES as readonly Role[]).includes(actor.role)) return 'none';
  const rows = rowsOf(
    await db.execute(sql`
    select 1 from iqa_cohorts q join cohort_members m on m.cohort_id = q.cohort_id
    where q.iqa_id = ${actor.id} and m.learner_id = ${learnerId} limit 1`),
  );
  if (rows.length) return 'iqa';
  return actor.role === 'admin' ? 'admin' : 'none';
}

/** Throws a 403 unless the actor may do this on the learner's record as a quality assurer (see qaRelationToLearner). */
export async function authorizeIqaForLearner(
  actor: Actor,
  learnerId: string,
  action: QaAction,
  db?: DbOrTx,
): Promise<QaRelation> {
  const relation = await qaRelationToLearner(actor, learnerId, db);
  if (!qaAllows(action, relation))
    throw new ForbiddenError('Only an internal quality assurer for this learner’s cohort can do that.');
  return relation;
}

// ---------------------------------------------------------------------------------------------------------------
// External quality assurers (issue 20). An EQA account exists for an awarding body's visit (eqa_visits): between the
// visit's start and end it may read, and only read, the samples the centre shared with the visit, their items, and the
// record of a learner in one of them. Outside those dates the account is refused on EVERY request: userForClaims
// (lib/auth/session.ts, behind every page, route handler, server action and /api/auth/session) and sign-in both ask
// accountOpenNow below, so a session already open stops working the moment the visit ends, and the database's clock
// decides. No POLICY action that writes lists 'eqa'.

import { eqaVisits, eqaVisitSamples, qaSampleItems, qaSamples } from '@/db/schema';

async function query<T>(db: DbOrTx, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

/** "A visit of this EQA account is open now" (start inclusive, end exclusive), on the database's clock. */
function openVisitOf(accountId: SQLWrapper | string): SQL {
  return sql`exists (select 1 from ${eqaVisits} ev where ev.eqa_id = ${accountId} and ev.starts_at <= now() and ev.ends_at > now())`;
}

/**
 * The condition an account must meet on each request, beside being active: any account but an EQA's, or an EQA's
 * during one of its visits. For the statement that reads the signed-in account (its columns passed in).
 */
export function accountOpenNow(idColumn: AnyColumn, roleColumn: AnyColumn): SQL {
  return sql`(${roleColumn} <> 'eqa' or ${openVisitOf(idColumn)})`;
}

/** Whether the account may be used now (an EQA only during a visit): for sign-in. */
export async function accountUsableNow(account: Actor, db: DbOrTx = getDb()): Promise<boolean> {
  if (account.role !== 'eqa') return true;
  const [row] = await query<{ one: number }>(db, sql`select 1 as one where ${openVisitOf(account.id)}`);
  return Boolean(row);
}

/** "The sample is shared with an open visit of this EQA". */
function eqaSharesSample(eqaId: string, sampleId: SQLWrapper | string): SQL {
  return sql`exists (select 1 from ${eqaVisitSamples} vs join ${eqaVisits} ev on ev.id = vs.visit_id
    where vs.sample_id = ${sampleId} and ev.eqa_id = ${eqaId} and ev.starts_at <= now() and ev.ends_at > now())`;
}

/** "The learner has an item in a sample shared with an open visit of this EQA": the EQA's only way to a learner. */
function eqaSharesLearner(eqaId: string, learnerId: SQLWrapper | string): SQL {
  return sql`exists (select 1 from ${qaSampleItems} si where si.learner_id = ${learnerId}
    and ${eqaSharesSample(eqaId, sql`si.sample_id`)})`;
}

/** The samples an EQA may read, as a condition on a sample-id column (false for any other role). */
export function eqaSampleScope(actor: Actor, sampleId: SQLWrapper): SQL {
  return actor.role === 'eqa' ? eqaSharesSample(actor.id, sampleId) : sql`false`;
}

const EQA_REFUSED = 'An external quality assurer reads only the samples shared with their visit, while it is open.';

/**
 * Throws a 403 unless the EQA may open this uploaded file: it is the file of evidence a sampled decision rested on, as
 * the item's snapshot names it (the file id; its bytes never change), in a sample shared with one of the EQA's open
 * visits. Any other file of the same learner, and every file once the visit ends, is refused.
 */
export async function authorizeEqaFile(
  actor: Actor,
  file: { id: string; learnerId: string },
  db: DbOrTx = getDb(),
): Promise<void> {
  if (actor.role !== 'eqa') throw new ForbiddenError(EQA_REFUSED);
  const [row] = await query<{ one: number }>(
    db,
    sql`select 1 as one from ${qaSampleItems} si where si.learner_id = ${file.learnerId} and si.kind = 'judgement'
      and si.snapshot @> ${snapshotNamesFile(file.id)} and ${eqaSharesSample(actor.id, sql`si.sample_id`)} limit 1`,
  );
  if (!row) throw new ForbiddenError(EQA_REFUSED);
}

/** A containment condition on a sampled item's snapshot: one of the evidence it names is this file. */
function snapshotNamesFile(fileId: string): SQL {
  return sql`jsonb_build_object('evidence', jsonb_build_array(jsonb_build_object('file', jsonb_build_object('id', ${fileId}::text))))`;
}

/**
 * Whether an internal quality assurer may open this uploaded file without being one of the learner's own staff: it is
 * the file of evidence a decision sampled in one of their cohorts rested on, as the item's snapshot names it. The IQA
 * checks what the assessor judged from; the learner's other files stay with the learner's assessor and coach.
 */
export async function iqaSampledFile(
  actor: Actor,
  file: { id: string; learnerId: string },
  db: DbOrTx = getDb(),
): Promise<boolean> {
  if (!(IQA_CAPABLE_ROLES as readonly Role[]).includes(actor.role)) return false;
  const [row] = await query<{ one: number }>(
    db,
    sql`select 1 as one from ${qaSampleItems} si join ${qaSamples} s on s.id = si.sample_id
      join ${iqaCohorts} q on q.cohort_id = s.cohort_id and q.iqa_id = ${actor.id}
      where si.learner_id = ${file.learnerId} and si.kind = 'judgement' and si.snapshot @> ${snapshotNamesFile(file.id)}
      limit 1`,
  );
  return Boolean(row);
}

/** Throws a 403 unless the actor is an EQA and the sample is shared with one of their open visits. */
export async function authorizeEqaSample(actor: Actor, sampleId: string, db: DbOrTx = getDb()): Promise<void> {
  if (actor.role !== 'eqa') throw new ForbiddenError(EQA_REFUSED);
  const [row] = await query<{ one: number }>(db, sql`select 1 as one where ${eqaSharesSample(actor.id, sampleId)}`);
  if (!row) throw new ForbiddenError(EQA_REFUSED);
}

/** How the actor stands to a visit's pack: its EQA (while open), an administrator, or the IQA of its samples. */
export type EqaPackRelation = 'eqa' | 'admin' | 'iqa';

/**
 * Who may read a visit's pack: the visit's own EQA while the visit is open; an administrator; an IQA of every cohort
 * whose samples are shared with it (the centre's own quality assurer preparing for the visit). Anyone else: a 403.
 */
export async function authorizeEqaPack(actor: Actor, visitId: string, db: DbOrTx = getDb()): Promise<EqaPackRelation> {
  const refuse = () =>
    new ForbiddenError('Only the visit’s external quality assurer, its IQA or an administrator can read this pack.');
  if (actor.role === 'admin') return 'admin';
  if (actor.role === 'eqa') {
    const [row] = await query<{ one: number }>(
      db,
      sql`select 1 as one from ${eqaVisits} ev where ev.id = ${visitId} and ev.eqa_id = ${actor.id}
        and ev.starts_at <= now() and ev.ends_at > now()`,
    );
    if (!row) throw refuse();
    return 'eqa';
  }
  if (!(IQA_CAPABLE_ROLES as readonly Role[]).includes(actor.role)) throw refuse();
  const [row] = await query<{ shared: number | string; mine: number | string }>(
    db,
    sql`select count(*) as shared, count(q.iqa_id) as mine from ${eqaVisitSamples} vs join ${qaSamples} s on s.id = vs.sample_id
      left join ${iqaCohorts} q on q.cohort_id = s.cohort_id and q.iqa_id = ${actor.id} where vs.visit_id = ${visitId}`,
  );
  if (!row || Number(row.shared) === 0 || Number(row.shared) !== Number(row.mine)) throw refuse();
  return 'iqa';
}
