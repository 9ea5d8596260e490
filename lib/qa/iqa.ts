import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { uuidSchema } from '@/lib/ids';
import { getDb, type DbOrTx } from '@/db/client';
import { cohorts, iqaCohorts, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { parseOrThrow } from '@/lib/validate';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { authorizeAdmin, IQA_CAPABLE_ROLES, type Actor } from '@/lib/permissions';

/**
 * Who quality-assures which cohort. An administrator gives a staff account (typically an assessor) the IQA capability
 * for a cohort; the same person keeps their own role and sign-in, and still never samples their own decisions.
 */
export const iqaAssignmentSchema = z.object({ iqaId: uuidSchema(), cohortId: uuidSchema() });

export async function assignIqa(actor: Actor, raw: unknown, db: DbOrTx = getDb()): Promise<void> {
  authorizeAdmin(actor);
  const input = parseOrThrow(iqaAssignmentSchema, raw);
  const [person] = await db
    .select({ role: users.role, name: users.name, active: users.active })
    .from(users)
    .where(eq(users.id, input.iqaId));
  if (!person) throw new NotFoundError('We could not find that account.');
  if (!(IQA_CAPABLE_ROLES as readonly string[]).includes(person.role)) {
    throw new ValidationError(
      `${person.name} is not a member of staff: only an assessor, coach or administrator can be an internal quality assurer.`,
    );
  }
  const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, input.cohortId));
  if (!cohort) throw new NotFoundError('We could not find that cohort.');
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(iqaCohorts)
      .values({ ...input, assignedBy: actor.id })
      .onConflictDoNothing()
      .returning();
    if (row)
      await audit(tx, {
        actorId: actor.id,
        action: 'qa.iqa.assign',
        subjectType: 'cohort',
        subjectId: input.cohortId,
        after: { iqaId: input.iqaId },
      });
  });
}

export async function unassignIqa(actor: Actor, raw: unknown, db: DbOrTx = getDb()): Promise<void> {
  authorizeAdmin(actor);
  const input = parseOrThrow(iqaAssignmentSchema, raw);
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(iqaCohorts)
      .where(and(eq(iqaCohorts.iqaId, input.iqaId), eq(iqaCohorts.cohortId, input.cohortId)))
      .returning();
    if (removed.length)
      await audit(tx, {
        actorId: actor.id,
        action: 'qa.iqa.unassign',
        subjectType: 'cohort',
        subjectId: input.cohortId,
        before: { iqaId: input.iqaId },
      });
  });
}

/** The cohort's internal quality assurers, by name (administrators only): for the cohort's admin page. */
export async function listCohortIqas(
  actor: Actor,
  cohortId: string,
  db: DbOrTx = getDb(),
): Promise<{ id: string; name: string; role: string }[]> {
  authorizeAdmin(actor);
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(iqaCohorts)
    .innerJoin(users, eq(users.id, iqaCohorts.iqaId))
    .where(eq(iqaCohorts.cohortId, cohortId))
    .orderBy(asc(users.name));
}
