import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { uuidSchema } from '@/lib/ids';
import { getDb, type DbOrTx } from '@/db/client';
import { cohorts, samplingPlans, users } from '@/db/schema';
import { getModule, listModules } from '@/lib/content';
import { canonicalJson } from '@/lib/hash';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { authorizeIqa, type Actor } from '@/lib/permissions';
import { parseOrThrow } from '@/lib/validate';
import { formValues, planChanges, type PlanFormValues } from './plan-form';
import { DEFAULT_PLAN_RULES, planRulesSchema, type PlanRules } from './rules';
import { lockCohortQa } from './shared';
import { insertPlanVersion, loadCurrentPlan, type PlanView } from './store';

export { loadCurrentPlan };

const savePlanSchema = z.object({
  cohortId: uuidSchema(),
  name: z.string().trim().min(1, 'Name the plan.').max(200),
  rules: planRulesSchema,
  /** The version the person edited (0: none yet). Absent: no check (scripts, the demo seed). */
  basedOnVersion: z.number().int().min(0).optional(),
});

export type { PlanView };

const moduleName = (slug: string) => {
  const m = getModule(slug);
  return m ? `${m.code} ${m.title}` : slug;
};

/**
 * Saves the cohort's plan as its next version (a new row; earlier versions stay as they were, and samples name the
 * version they were drawn by). An IQA for the cohort or an administrator may do this; it is audited. A save based on
 * a version that is no longer the newest is refused (someone else saved in between), and so is a save that changes
 * nothing (a version must say what changed).
 */
export async function savePlan(actor: Actor, raw: unknown, db: DbOrTx = getDb()): Promise<PlanView> {
  const input = parseOrThrow(savePlanSchema, raw);
  await authorizeIqa(actor, input.cohortId, 'qa.plan.write', db);
  const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, input.cohortId));
  if (!cohort) throw new NotFoundError('We could not find that cohort.');
  const unknown = (input.rules.modules ?? []).filter((slug) => !getModule(slug));
  if (unknown.length)
    throw new ValidationError(`Choose modules from the list: ${unknown.join(', ')} is not one of them.`, {
      modules: 'Choose modules from the list.',
    });
  return db.transaction(async (tx) => {
    await lockCohortQa(tx, input.cohortId);
    const current = await loadCurrentPlan(tx, input.cohortId);
    if (input.basedOnVersion !== undefined && input.basedOnVersion !== (current?.version ?? 0)) {
      throw new ConflictError(
        `Version ${current?.version ?? 0} of this plan was saved while you were editing version ${input.basedOnVersion}, so yours was not saved. Reload the page to see it, then make your changes again.`,
      );
    }
    if (
      current &&
      current.name === input.name &&
      canonicalJson(current.rules) === canonicalJson(planRulesSchema.parse(input.rules))
    ) {
      throw new ValidationError(`Nothing changed: version ${current.version} already says this. Change a rule first.`);
    }
    return insertPlanVersion(tx, {
      cohortId: input.cohortId,
      name: input.name,
      rules: input.rules,
      createdBy: actor.id,
    });
  });
}

export interface PlanVersionView {
  version: number;
  name: string;
  createdAt: string;
  createdBy: string;
  /** What this version changed from the one before, in words. */
  changes: string[];
}

export interface PlanEditorView {
  cohortId: string;
  /** The version the form edits (0: none yet). */
  version: number;
  /** The form's starting values: the current plan, or the suggested rules for a first plan. */
  values: PlanFormValues;
  /** Modules a plan may be limited to: those with criteria or a report to decide on. */
  modules: { slug: string; label: string }[];
  /** Newest first. */
  versions: PlanVersionView[];
}

/** The plan editor of one cohort: the current plan as form values and every version with what it changed. */
export async function getPlanEditor(actor: Actor, cohortId: string, db: DbOrTx = getDb()): Promise<PlanEditorView> {
  await authorizeIqa(actor, cohortId, 'qa.plan.view', db);
  const rows = await db
    .select({
      version: samplingPlans.version,
      name: samplingPlans.name,
      rules: samplingPlans.rules,
      createdAt: samplingPlans.createdAt,
      createdBy: users.name,
    })
    .from(samplingPlans)
    .innerJoin(users, eq(users.id, samplingPlans.createdBy))
    .where(eq(samplingPlans.cohortId, cohortId))
    .orderBy(asc(samplingPlans.version));
  const versions: PlanVersionView[] = [];
  let before: { name: string; rules: PlanRules } | null = null;
  for (const r of rows) {
    const after = { name: r.name, rules: planRulesSchema.parse(r.rules) };
    versions.push({
      version: r.version,
      name: r.name,
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdBy,
      changes: planChanges(before, after, moduleName),
    });
    before = after;
  }
  const modules = listModules()
    .filter((m) => m.counts.pc + m.counts.k + m.counts.ac > 0)
    .map((m) => ({ slug: m.slug, label: `${m.code} ${m.title}` }));
  return {
    cohortId,
    version: rows.at(-1)?.version ?? 0,
    values: before ? formValues(before.name, before.rules) : formValues('Sampling plan', DEFAULT_PLAN_RULES),
    modules,
    versions: versions.reverse(),
  };
}
