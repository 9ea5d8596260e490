import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { uuidSchema } from '@/lib/ids';
import { getDb, type DbOrTx } from '@/db/client';
import { cohorts } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { authorizeIqa, type Actor } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validate';
import { planRulesSchema } from './rules';
import { lockCohortQa } from './shared';
import { insertPlanVersion, loadCurrentPlan, type PlanView } from './store';

export { loadCurrentPlan };

const savePlanSchema = z.object({
  cohortId: uuidSchema(),
  name: z.string().trim().min(1, 'Name the plan.').max(200),
  rules: planRulesSchema,
});

export type { PlanView };

/**
 * Saves the cohort's plan as its next version (a new row; earlier versions stay as they were, and samples name the
 * version they were drawn by). An IQA for the cohort or an administrator may do this; it is audited.
 */
export async function savePlan(actor: Actor, raw: unknown, db: DbOrTx = getDb()): Promise<PlanView> {
  const input = parseOrThrow(savePlanSchema, raw);
  await authorizeIqa(actor, input.cohortId, 'qa.plan.write', db);
  const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, input.cohortId));
  if (!cohort) throw new NotFoundError('We could not find that cohort.');
  return db.transaction(async (tx) => {
    await lockCohortQa(tx, input.cohortId);
    return insertPlanVersion(tx, {
      cohortId: input.cohortId,
      name: input.name,
      rules: input.rules,
      createdBy: actor.id,
    });
  });
}
