import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { cohortMembers, cohorts, enrolments, users } from '@/db/schema';
import { audit, auditMany } from '@/lib/audit';
import { listModules } from '@/lib/content';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { authorizeAdmin, type Actor } from '@/lib/permissions';
import { enrolInput, unenrolInput } from './schemas';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';

/** Modules a learner can be enrolled on, for pickers and for checking input. */
export function enrolableModules() {
  return listModules().map((m) => ({ slug: m.slug, code: m.code, title: m.title, kind: m.kind }));
}

function checkModuleSlugs(slugs: string[]): void {
  const known = new Set(enrolableModules().map((m) => m.slug));
  const unknown = slugs.filter((s) => !known.has(s));
  if (unknown.length)
    throw new ValidationError(`There is no module called ${unknown.map((s) => `\u201c${s}\u201d`).join(', ')}.`);
}

export async function enrolTx(
  tx: DbOrTx,
  actorId: string,
  learnerIds: string[],
  moduleSlugs: string[],
): Promise<number> {
  if (!learnerIds.length || !moduleSlugs.length) return 0;
  const added = await tx
    .insert(enrolments)
    .values(learnerIds.flatMap((learnerId) => moduleSlugs.map((moduleSlug) => ({ learnerId, moduleSlug }))))
    .onConflictDoNothing()
    .returning({ learnerId: enrolments.learnerId, moduleSlug: enrolments.moduleSlug });
  // The caseload lists a learner's enrolled modules: recomputed in the same transaction (progress-current.ts).
  await keepProgressCurrent(
    tx,
    added.map((e) => e.learnerId),
  );
  await auditMany(
    tx,
    added.map((e) => ({
      actorId,
      action: 'enrolment.add',
      subjectType: 'enrolment',
      subjectId: `${e.learnerId}:${e.moduleSlug}`,
      learnerId: e.learnerId,
      after: { moduleSlug: e.moduleSlug },
    })),
  );
  return added.length;
}

/** Enrols one learner, or every learner now in a cohort, on the chosen modules. Already-enrolled pairs are left alone. */
export async function enrol(
  actor: Actor,
  data: z.output<typeof enrolInput>,
  db: DbOrTx = getDb(),
): Promise<{ enrolled: number }> {
  authorizeAdmin(actor);
  checkModuleSlugs(data.moduleSlugs);
  return db.transaction(async (tx) => {
    let learnerIds: string[];
    if (data.learnerId) {
      const [learner] = await tx.select({ role: users.role }).from(users).where(eq(users.id, data.learnerId));
      if (!learner) throw new NotFoundError('That learner does not exist.');
      if (learner.role !== 'learner') throw new ValidationError('Only learners are enrolled on modules.');
      learnerIds = [data.learnerId];
    } else {
      const [cohort] = await tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, data.cohortId!));
      if (!cohort) throw new NotFoundError('That cohort does not exist.');
      learnerIds = (
        await tx
          .select({ id: cohortMembers.learnerId })
          .from(cohortMembers)
          .where(eq(cohortMembers.cohortId, cohort.id))
      ).map((m) => m.id);
    }
    return { enrolled: await enrolTx(tx, actor.id, learnerIds, data.moduleSlugs) };
  });
}

/** Evidence and judgements stay: enrolling the learner again brings their record back. */
export async function unenrol(actor: Actor, input: z.output<typeof unenrolInput>, db: DbOrTx = getDb()) {
  authorizeAdmin(actor);
  const { learnerId, moduleSlug } = input;
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(enrolments)
      .where(and(eq(enrolments.learnerId, learnerId), eq(enrolments.moduleSlug, moduleSlug)))
      .returning();
    if (!gone.length) throw new NotFoundError('That learner is not enrolled on this module.');
    // The caseload's figures change with this write: recomputed in the same transaction (progress-current.ts).
    await keepProgressCurrent(tx, [learnerId]);
    await audit(tx, {
      actorId: actor.id,
      action: 'enrolment.remove',
      subjectType: 'enrolment',
      subjectId: `${learnerId}:${moduleSlug}`,
      learnerId,
      before: { moduleSlug },
    });
    return { removed: 1 };
  });
}
