import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { cohortMembers, cohorts, cohortStaff, staffAssignments, users } from '@/db/schema';
import { audit, auditMany } from '@/lib/audit';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { authorizeAdmin, type Actor } from '@/lib/permissions';
import { assignStaffInput, unassignStaffInput } from './schemas';

async function staffMember(tx: DbOrTx, staffId: string) {
  const [staff] = await tx
    .select({ id: users.id, role: users.role, active: users.active, name: users.name })
    .from(users)
    .where(eq(users.id, staffId));
  if (!staff) throw new NotFoundError('That staff account does not exist.');
  if (staff.role !== 'assessor' && staff.role !== 'coach')
    throw new ValidationError(`${staff.name} is not an assessor or a coach.`);
  if (!staff.active)
    throw new ValidationError(`${staff.name}\u2019s account is disabled. Enable it before assigning learners.`);
  return { ...staff, role: staff.role };
}

/**
 * Assigns an assessor or coach to one learner, or to every learner now in a cohort (one staff_assignments row
 * each, because permissions are answered per learner) and to whoever joins that cohort later.
 */
export async function assignStaff(
  actor: Actor,
  data: z.output<typeof assignStaffInput>,
  db: DbOrTx = getDb(),
): Promise<{ assigned: number }> {
  authorizeAdmin(actor);
  return db.transaction(async (tx) => {
    const staff = await staffMember(tx, data.staffId);
    let learnerIds: string[];
    if (data.learnerId) {
      const [learner] = await tx.select({ role: users.role }).from(users).where(eq(users.id, data.learnerId));
      if (!learner) throw new NotFoundError('That learner does not exist.');
      if (learner.role !== 'learner') throw new ValidationError('Assessors and coaches are assigned to learners only.');
      learnerIds = [data.learnerId];
    } else {
      const [cohort] = await tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, data.cohortId!));
      if (!cohort) throw new NotFoundError('That cohort does not exist.');
      await tx
        .insert(cohortStaff)
        .values({ cohortId: cohort.id, staffId: staff.id, staffRole: staff.role })
        .onConflictDoNothing();
      learnerIds = (
        await tx
          .select({ id: cohortMembers.learnerId })
          .from(cohortMembers)
          .where(eq(cohortMembers.cohortId, cohort.id))
      ).map((m) => m.id);
    }
    const added = learnerIds.length
      ? await tx
          .insert(staffAssignments)
          .values(learnerIds.map((learnerId) => ({ learnerId, staffId: staff.id, staffRole: staff.role })))
          .onConflictDoNothing()
          .returning({ learnerId: staffAssignments.learnerId })
      : [];
    await auditMany(
      tx,
      added.map((a) => ({
        actorId: actor.id,
        action: 'assignment.add',
        subjectType: 'staff_assignment',
        subjectId: `${a.learnerId}:${staff.id}:${staff.role}`,
        learnerId: a.learnerId,
        after: { staffId: staff.id, staffRole: staff.role, viaCohort: data.cohortId ?? null },
      })),
    );
    if (data.cohortId) {
      await audit(tx, {
        actorId: actor.id,
        action: 'cohort.assign_staff',
        subjectType: 'cohort',
        subjectId: data.cohortId,
        after: { staffId: staff.id, staffRole: staff.role, learners: added.length },
      });
    }
    return { assigned: added.length };
  });
}

export async function unassignStaff(actor: Actor, input: z.output<typeof unassignStaffInput>, db: DbOrTx = getDb()) {
  authorizeAdmin(actor);
  const { staffId, learnerId, staffRole } = input;
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(staffAssignments)
      .where(
        and(
          eq(staffAssignments.learnerId, learnerId),
          eq(staffAssignments.staffId, staffId),
          eq(staffAssignments.staffRole, staffRole),
        ),
      )
      .returning();
    if (!gone.length) throw new NotFoundError('That assignment no longer exists.');
    await audit(tx, {
      actorId: actor.id,
      action: 'assignment.remove',
      subjectType: 'staff_assignment',
      subjectId: `${learnerId}:${staffId}:${staffRole}`,
      learnerId,
      before: { staffId, staffRole },
    });
    return { removed: 1 };
  });
}
