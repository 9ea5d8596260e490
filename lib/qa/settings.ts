import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { cohortQaSettings, cohorts } from '@/db/schema';
import { audit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import { uuidSchema } from '@/lib/ids';
import { authorizeAdmin, type Actor } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validate';
import { query } from './shared';
import { keepProgressCurrent } from '@/lib/dashboards/progress-current';
import { decisionInForce } from '@/lib/progress/unit';

/**
 * A centre's quality-assurance choices, per cohort, changed by an administrator (every change audited with before and
 * after): whether a sign-off needs an IQA's countersignature before the unit counts as complete (lib/progress/unit.ts
 * reads it), and whether learners see "under quality review" on their own criteria.
 */
export interface QaSettings {
  countersignRequired: boolean;
  showReviewToLearners: boolean;
}

const OFF: QaSettings = { countersignRequired: false, showReviewToLearners: false };

/**
 * A checkbox: 'on' when ticked and absent when not (a form); true or false (JSON). Anything else is refused, not
 * read as "off".
 */
export const checkbox = z
  .union([z.boolean(), z.enum(['on', 'true', 'false', ''])], { error: 'Tick the box or leave it empty.' })
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');

export const qaSettingsSchema = z.object({
  cohortId: uuidSchema(),
  countersignRequired: checkbox,
  showReviewToLearners: checkbox,
});

export async function loadQaSettings(db: DbOrTx, cohortId: string): Promise<QaSettings> {
  const [row] = await db
    .select({
      countersignRequired: cohortQaSettings.countersignRequired,
      showReviewToLearners: cohortQaSettings.showReviewToLearners,
    })
    .from(cohortQaSettings)
    .where(eq(cohortQaSettings.cohortId, cohortId));
  return row ?? OFF;
}

/** The cohort's settings, for its administration page. */
export async function getQaSettings(actor: Actor, cohortId: string, db: DbOrTx = getDb()): Promise<QaSettings> {
  authorizeAdmin(actor);
  return loadQaSettings(db, cohortId);
}

export async function saveQaSettings(actor: Actor, raw: unknown, db: DbOrTx = getDb()): Promise<QaSettings> {
  authorizeAdmin(actor);
  const input = parseOrThrow(qaSettingsSchema, raw);
  const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, input.cohortId));
  if (!cohort) throw new NotFoundError('We could not find that cohort.');
  const after: QaSettings = {
    countersignRequired: input.countersignRequired,
    showReviewToLearners: input.showReviewToLearners,
  };
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(cohortQaSettings)
      .where(eq(cohortQaSettings.cohortId, input.cohortId))
      .for('update');
    await tx
      .insert(cohortQaSettings)
      .values({ cohortId: input.cohortId, ...after, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: cohortQaSettings.cohortId,
        set: { ...after, updatedBy: actor.id, updatedAt: sql`now()` },
      });
    const was = before
      ? { countersignRequired: before.countersignRequired, showReviewToLearners: before.showReviewToLearners }
      : OFF;
    if (was.countersignRequired !== after.countersignRequired) {
      // Only members with a sign-off in force can move in or out of "All met"; the rest are queued by the database
      // anyway (db/sql/011_caseload.sql) and recomputing them would change nothing.
      const signedOff = await query<{ learner_id: string }>(
        tx,
        sql`select distinct report_decisions.learner_id from report_decisions
        join cohort_members m on m.learner_id = report_decisions.learner_id and m.cohort_id = ${input.cohortId}
        where report_decisions.outcome = 'signed_off' and ${decisionInForce}`,
      );
      await keepProgressCurrent(
        tx,
        signedOff.map((r) => r.learner_id),
      );
    }
    if (
      was.countersignRequired !== after.countersignRequired ||
      was.showReviewToLearners !== after.showReviewToLearners
    )
      await audit(tx, {
        actorId: actor.id,
        action: 'qa.settings.change',
        subjectType: 'cohort',
        subjectId: input.cohortId,
        before: was,
        after,
      });
    return after;
  });
}

/** Whether a cohort of this learner lets learners see the "under quality review" state. */
export async function learnerSeesQaReview(db: DbOrTx, learnerId: string): Promise<boolean> {
  const rows = await query<{ one: number }>(
    db,
    sql`
    select 1 as one from cohort_members m join cohort_qa_settings s on s.cohort_id = m.cohort_id
    where m.learner_id = ${learnerId} and s.show_review_to_learners limit 1`,
  );
  return rows.length > 0;
}
