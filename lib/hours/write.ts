import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cohortHourPlans, cohorts, enrolments, learningHours } from '@/db/schema';
import { audit } from '@/lib/audit';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { ukDayOf } from '@/lib/format';
import { authorize, authorizeAdmin, type Actor } from '@/lib/permissions';
import type { LogHoursInput } from './schemas';

/**
 * The learner logs time spent on their programme. Refused for a day in the future and for a module they are not
 * enrolled on; audited. Only the learner writes their own hours (POLICY 'hours.write').
 */
export async function logHours(actor: Actor, input: LogHoursInput) {
  await authorize(actor, 'hours.write', actor.id);
  if (input.spentOn > ukDayOf(new Date()))
    throw new ValidationError('That day is still to come: log time once you have spent it.', {
      spentOn: 'Choose today or an earlier day.',
    });
  return getDb().transaction(async (tx) => {
    if (input.moduleSlug) {
      const [enrolled] = await tx
        .select({ slug: enrolments.moduleSlug })
        .from(enrolments)
        .where(and(eq(enrolments.learnerId, actor.id), eq(enrolments.moduleSlug, input.moduleSlug)));
      if (!enrolled)
        throw new ValidationError('Choose one of your modules, or none.', { moduleSlug: 'Not one of your modules.' });
    }
    const [row] = await tx
      .insert(learningHours)
      .values({
        learnerId: actor.id,
        spentOn: input.spentOn,
        minutes: input.minutes,
        activity: input.activity,
        moduleSlug: input.moduleSlug,
      })
      .returning({ id: learningHours.id });
    await audit(tx, {
      actorId: actor.id,
      action: 'hours.log',
      subjectType: 'learning_hours',
      subjectId: row!.id,
      learnerId: actor.id,
      after: input,
    });
    return { id: row!.id, minutes: input.minutes };
  });
}

/** The learner withdraws an entry logged in error: kept, marked withdrawn, left out of every total; audited. */
export async function withdrawHours(actor: Actor, input: { id: string }) {
  await authorize(actor, 'hours.write', actor.id);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(learningHours)
      .set({ withdrawnAt: sql`now()` })
      .where(
        and(eq(learningHours.id, input.id), eq(learningHours.learnerId, actor.id), isNull(learningHours.withdrawnAt)),
      )
      .returning({ id: learningHours.id, minutes: learningHours.minutes, spentOn: learningHours.spentOn });
    // Someone else's entry, one already withdrawn and one that never existed answer alike.
    if (!row) throw new NotFoundError('We could not find that entry in your learning hours. Reload the page.');
    await audit(tx, {
      actorId: actor.id,
      action: 'hours.withdraw',
      subjectType: 'learning_hours',
      subjectId: row.id,
      learnerId: actor.id,
      before: { minutes: row.minutes, spentOn: row.spentOn },
    });
    return { id: row.id };
  });
}

/** An administrator sets a cohort's planned learning time per week (0: none planned); audited. */
export async function setHourPlan(actor: Actor, input: { cohortId: string; hoursPerWeek: number }) {
  authorizeAdmin(actor);
  const minutesPerWeek = Math.round(input.hoursPerWeek * 60);
  return getDb().transaction(async (tx) => {
    const [cohort] = await tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, input.cohortId));
    if (!cohort) throw new NotFoundError('We could not find that cohort.');
    const [before] = await tx
      .select({ minutes: cohortHourPlans.minutesPerWeek })
      .from(cohortHourPlans)
      .where(eq(cohortHourPlans.cohortId, input.cohortId));
    await tx
      .insert(cohortHourPlans)
      .values({ cohortId: input.cohortId, minutesPerWeek, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: cohortHourPlans.cohortId,
        set: { minutesPerWeek, updatedBy: actor.id, updatedAt: sql`now()` },
      });
    await audit(tx, {
      actorId: actor.id,
      action: 'hours.plan.set',
      subjectType: 'cohort',
      subjectId: input.cohortId,
      before: { minutesPerWeek: before?.minutes ?? null },
      after: { minutesPerWeek },
    });
    return { cohortId: input.cohortId, minutesPerWeek };
  });
}
