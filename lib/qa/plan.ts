import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { cohorts, samplingPlans, type SamplingPlanRow } from '@/db/schema';
import { audit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import { authorizeIqa, type Actor } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/evidence/input';
import { planRulesSchema, type PlanRules } from './rules';
import { lockCohortQa } from './shared';

export const savePlanSchema = z.object({
  cohortId: z.uuid(),
  name: z.string().trim().min(1, 'Name the plan.').max(200),
  rules: planRulesSchema,
});

export interface PlanView {
  id: string;
  cohortId: string;
  version: number;
  name: string;
  rules: PlanRules;
  createdBy: string;
  createdAt: string;
}

function toView(row: SamplingPlanRow): PlanView {
  // Stored rules were validated on the way in; parsing again keeps a hand-edited row from reaching the sampler.
  return {
    id: row.id, cohortId: row.cohortId, version: row.version, name: row.name, rules: planRulesSchema.parse(row.rules),
    createdBy: row.createdBy, createdAt: row.createdAt.toISOString(),
  };
}

/** The cohort's newest plan version, or null. No permission check: for lib/qa's own use. */
export async function loadCurrentPlan(db: DbOrTx, cohortId: string): Promise<PlanView | null> {
  const [row] = await db.select().from(samplingPlans).where(eq(samplingPlans.cohortId, cohortId)).orderBy(desc(samplingPlans.version)).limit(1);
  return row ? toView(row) : null;
}

export async function getCurrentPlan(actor: Actor, cohortId: string, db: DbOrTx = getDb()): Promise<PlanView | null> {
  await authorizeIqa(actor, cohortId, 'qa.plan.view', db);
  return loadCurrentPlan(db, cohortId);
}

/** Every version of the cohort's plan, newest first. */
export async function listPlanVersions(actor: Actor, cohortId: string, db: DbOrTx = getDb()): Promise<PlanView[]> {
  await authorizeIqa(actor, cohortId, 'qa.plan.view', db);
  const rows = await db.select().from(samplingPlans).where(eq(samplingPlans.cohortId, cohortId)).orderBy(desc(samplingPlans.version));
  return rows.map(toView);
}

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
    const before = await loadCurrentPlan(tx, input.cohortId);
    const [row] = await tx.insert(samplingPlans).values({
      cohortId: input.cohortId,
      version: sql`coalesce((select max(${samplingPlans.version}) from ${samplingPlans} where ${samplingPlans.cohortId} = ${input.cohortId}), 0) + 1`,
      name: input.name,
      rules: input.rules,
      createdBy: actor.id,
    }).returning();
    await audit(tx, {
      actorId: actor.id, action: 'qa.plan.save', subjectType: 'sampling_plan', subjectId: row!.id,
      before: before ? { version: before.version, name: before.name, rules: before.rules } : null,
      after: { cohortId: input.cohortId, version: row!.version, name: row!.name, rules: input.rules },
    });
    return toView(row!);
  });
}
