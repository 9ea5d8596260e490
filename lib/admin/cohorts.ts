import 'server-only';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import { cohortMembers, cohorts, cohortStaff, enrolments, staffAssignments, users } from '@/db/schema';
import { audit, auditMany } from '@/lib/audit';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { authorizeAdmin, type Actor } from '@/lib/permissions';
import { addMembersInput, createCohortInput, removeMemberInput } from './schemas';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';

export interface CohortSummary {
  id: string;
  name: string;
  members: number;
  createdAt: Date;
  staff: { id: string; name: string; role: 'assessor' | 'coach' }[];
}

export async function listCohorts(actor: Actor, db: DbOrTx = getDb()): Promise<CohortSummary[]> {
  authorizeAdmin(actor);
  const [rows, staff] = await Promise.all([
    db
      .select({
        id: cohorts.id,
        name: cohorts.name,
        createdAt: cohorts.createdAt,
        members: count(cohortMembers.learnerId),
      })
      .from(cohorts)
      .leftJoin(cohortMembers, eq(cohortMembers.cohortId, cohorts.id))
      .groupBy(cohorts.id)
      .orderBy(asc(cohorts.name)),
    db
      .select({ cohortId: cohortStaff.cohortId, id: users.id, name: users.name, role: cohortStaff.staffRole })
      .from(cohortStaff)
      .innerJoin(users, eq(users.id, cohortStaff.staffId))
      .orderBy(asc(users.name)),
  ]);
  return rows.map((r) => ({
    ...r,
    staff: staff.filter((s) => s.cohortId === r.id).map(({ id, name, role }) => ({ id, name, role })),
  }));
}

export async function createCohort(actor: Actor, input: z.output<typeof createCohortInput>, db: DbOrTx = getDb()) {
  authorizeAdmin(actor);
  const { name } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cohorts)
      .values({ name })
      .onConflictDoNothing()
      .returning({ id: cohorts.id, name: cohorts.name });
    if (!row)
      throw new ValidationError(`There is already a cohort called \u201c${name}\u201d.`, {
        name: 'That name is taken. Choose another.',
      });
    await audit(tx, {
      actorId: actor.id,
      action: 'cohort.create',
      subjectType: 'cohort',
      subjectId: row.id,
      after: { name },
    });
    return row;
  });
}

export interface CohortDetail {
  id: string;
  name: string;
  members: {
    id: string;
    name: string;
    email: string;
    active: boolean;
    modules: number;
    assessors: string[];
    coaches: string[];
  }[];
  staff: { id: string; name: string; email: string; role: 'assessor' | 'coach' }[];
  /**
   * Learners taken out of the cohort lately and not back in it, newest first (from the audit log): the outcome of
   * "Remove" stays on the page after a reload, when the row it was on has gone.
   */
  removed: { id: string; name: string; at: string; by: string | null }[];
}

export async function getCohort(actor: Actor, cohortId: string, db: DbOrTx = getDb()): Promise<CohortDetail> {
  authorizeAdmin(actor);
  const [cohort] = await db
    .select({ id: cohorts.id, name: cohorts.name })
    .from(cohorts)
    .where(eq(cohorts.id, cohortId));
  if (!cohort) throw new NotFoundError('That cohort does not exist.');
  const memberIds = db
    .select({ id: cohortMembers.learnerId })
    .from(cohortMembers)
    .where(eq(cohortMembers.cohortId, cohortId));
  const removed = await db.execute(sql`
    select distinct on (a.learner_id) a.learner_id as id, u.name, a.at, actor.name as by
    from audit_log a join users u on u.id = a.learner_id left join users actor on actor.id = a.actor_id
    where a.subject_type = 'cohort' and a.subject_id = ${cohortId} and a.action = 'cohort.remove_member'
      and a.at > now() - interval '30 days'
      and not exists (select 1 from cohort_members m where m.cohort_id = ${cohortId} and m.learner_id = a.learner_id)
    order by a.learner_id, a.at desc`);
  const [members, staff, links, modules] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, active: users.active })
      .from(cohortMembers)
      .innerJoin(users, eq(users.id, cohortMembers.learnerId))
      .where(eq(cohortMembers.cohortId, cohortId))
      .orderBy(asc(users.name)),
    db
      .select({ id: users.id, name: users.name, email: users.email, role: cohortStaff.staffRole })
      .from(cohortStaff)
      .innerJoin(users, eq(users.id, cohortStaff.staffId))
      .where(eq(cohortStaff.cohortId, cohortId))
      .orderBy(asc(cohortStaff.staffRole), asc(users.name)),
    db
      .select({ learnerId: staffAssignments.learnerId, name: users.name, role: staffAssignments.staffRole })
      .from(staffAssignments)
      .innerJoin(users, eq(users.id, staffAssignments.staffId))
      .where(inArray(staffAssignments.learnerId, memberIds))
      .orderBy(asc(users.name)),
    db
      .select({ learnerId: enrolments.learnerId, n: count() })
      .from(enrolments)
      .where(inArray(enrolments.learnerId, memberIds))
      .groupBy(enrolments.learnerId),
  ]);
  const moduleCount = new Map(modules.map((m) => [m.learnerId, m.n]));
  return {
    ...cohort,
    staff,
    members: members.map((m) => ({
      ...m,
      modules: moduleCount.get(m.id) ?? 0,
      assessors: links.filter((l) => l.learnerId === m.id && l.role === 'assessor').map((l) => l.name),
      coaches: links.filter((l) => l.learnerId === m.id && l.role === 'coach').map((l) => l.name),
    })),
    removed: rowsOf<{ id: string; name: string; at: Date | string; by: string | null }>(removed)
      .map((r) => ({ id: r.id, name: r.name, at: new Date(r.at).toISOString(), by: r.by }))
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, 10),
  };
}

/**
 * Puts learners in a cohort and gives them the cohort's assessors and coaches. Used by the admin pages and,
 * inside its own transaction, by the CSV import.
 */
export async function addMembersTx(
  tx: DbOrTx,
  actorId: string,
  cohortId: string,
  learnerIds: string[],
): Promise<number> {
  if (!learnerIds.length) return 0;
  const added = await tx
    .insert(cohortMembers)
    .values(learnerIds.map((learnerId) => ({ cohortId, learnerId })))
    .onConflictDoNothing()
    .returning({ learnerId: cohortMembers.learnerId });
  const staff = await tx.select().from(cohortStaff).where(eq(cohortStaff.cohortId, cohortId));
  if (added.length && staff.length) {
    await tx
      .insert(staffAssignments)
      .values(
        added.flatMap((a) =>
          staff.map((s) => ({ learnerId: a.learnerId, staffId: s.staffId, staffRole: s.staffRole })),
        ),
      )
      .onConflictDoNothing();
  }
  // A cohort may require countersignatures: whether the newcomers' signed-off units are complete can change.
  await keepProgressCurrent(
    tx,
    added.map((a) => a.learnerId),
  );
  await auditMany(
    tx,
    added.map((a) => ({
      actorId,
      action: 'cohort.add_member',
      subjectType: 'cohort',
      subjectId: cohortId,
      learnerId: a.learnerId,
      after: { learnerId: a.learnerId, staffIds: staff.map((s) => s.staffId) },
    })),
  );
  return added.length;
}

export async function addMembers(
  actor: Actor,
  input: z.output<typeof addMembersInput>,
  db: DbOrTx = getDb(),
): Promise<{ added: number }> {
  authorizeAdmin(actor);
  const { cohortId, learnerIds } = input;
  return db.transaction(async (tx) => {
    const [cohort] = await tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, cohortId));
    if (!cohort) throw new NotFoundError('That cohort does not exist.');
    const learners = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, learnerIds), eq(users.role, 'learner')));
    if (learners.length !== new Set(learnerIds).size)
      throw new ValidationError('Only learner accounts can join a cohort.');
    return { added: await addMembersTx(tx, actor.id, cohortId, learnerIds) };
  });
}

/** Leaves the learner's assessor and coach links as they are: taking someone out of a group is not reassigning them. */
export async function removeMember(actor: Actor, input: z.output<typeof removeMemberInput>, db: DbOrTx = getDb()) {
  authorizeAdmin(actor);
  const { cohortId, learnerId } = input;
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(cohortMembers)
      .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.learnerId, learnerId)))
      .returning();
    if (!gone.length) throw new NotFoundError('That learner is not in this cohort.');
    await keepProgressCurrent(tx, [learnerId]);
    await audit(tx, {
      actorId: actor.id,
      action: 'cohort.remove_member',
      subjectType: 'cohort',
      subjectId: cohortId,
      learnerId,
      before: { learnerId },
    });
    return { removed: 1 };
  });
}

/** Cohort names to ids (case-insensitive), for the CSV import. */
export async function cohortIdsByName(db: DbOrTx, names: string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const rows = await db
    .select({ id: cohorts.id, name: cohorts.name })
    .from(cohorts)
    .where(
      inArray(
        sql`lower(${cohorts.name})`,
        names.map((n) => n.toLowerCase()),
      ),
    );
  return new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
}
