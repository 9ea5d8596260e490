import { z } from 'zod';
import { uuidSchema } from '@/lib/ids';
import { COVERAGE_DIMENSIONS, planRulesSchema, type CoverageDimension, type PlanRules } from './rules';

/**
 * The plan editor's form (issue 20): what a person types (percentages, whole numbers, a tick for each optional rule,
 * a choice per CAMERA dimension) turned into a plan's rules, and a version's changes in words for the history. Pure:
 * the unit tests and the page use it without a database. Messages name the field and say what to enter, in the
 * percentages the form shows, not the 0 to 1 rates the rules store.
 */

const COVERAGE_FIELD: Record<CoverageDimension, string> = {
  assessor: 'coverAssessor',
  module: 'coverModule',
  method: 'coverMethod',
  stage: 'coverStage',
  cohort: 'coverCohort',
};

/** A percentage as typed: "10", "12.5" or "10 %"; at most one decimal place. */
const percent = (what: string) =>
  z
    .string({ error: `Enter ${what} as a percentage from 0 to 100.` })
    .trim()
    .min(1, `Enter ${what} as a percentage from 0 to 100.`)
    .max(10, `Enter ${what} as a percentage from 0 to 100.`)
    .transform((v) => v.replace(/\s*%$/, ''))
    .refine((v) => /^\d{1,3}([.,]\d)?$/.test(v), `Enter ${what} as a number from 0 to 100, e.g. 10 or 12.5.`)
    .transform((v) => Number(v.replace(',', '.')))
    .refine((v) => v <= 100, `Enter ${what} of at most 100%.`);

const wholeNumber = (what: string) =>
  z
    .string({ error: `Enter ${what} as a whole number.` })
    .trim()
    .min(1, `Enter ${what} as a whole number.`)
    .max(10, `Enter ${what} as a whole number from 1 to 10,000.`)
    .refine((v) => /^\d+$/.test(v), `Enter ${what} as a whole number, e.g. 5.`)
    .transform(Number)
    .refine((v) => v >= 1 && v <= 10_000, `Enter ${what} from 1 to 10,000.`);

const tick = z.literal('on', { error: 'Tick the box or leave it empty.' }).optional();
const coverage = z.enum(['none', 'sample', 'plan'], { error: 'Choose one of the options offered.' });
/** Checkboxes: none ticked sends nothing, one sends a string, several a list. */
const moduleList = z.preprocess(
  (v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.string({ error: 'Choose modules from the list.' }).min(1).max(200, 'Choose modules from the list.'))
    .max(100, 'Choose at most 100 modules.'),
);

/** Rates stored as 0 to 1 with no float dust (12.5% is 0.125, not 0.12500000000000003). */
const rateOf = (pct: number) => Math.round(pct * 10) / 1000;

export const planFormSchema = z
  .object({
    cohortId: uuidSchema(),
    /** The version the editor showed (0: the cohort had none), so a save over someone else's newer one is refused. */
    basedOnVersion: z
      .string({ error: 'Reload the page: the form is missing the version it was based on.' })
      .regex(/^\d{1,9}$/, 'Reload the page: the form is missing the version it was based on.')
      .transform(Number),
    name: z
      .string({ error: 'Name the plan.' })
      .trim()
      .min(1, 'Name the plan, e.g. "Centre sampling plan 2027".')
      .max(200, 'Keep the name under 200 characters.'),
    standardRate: percent('the standard rate'),
    /** Empty: sign-offs are sampled at the standard rate. */
    signOffRate: z.preprocess((v) => (v === '' ? undefined : v), percent('the sign-off rate').optional()),
    newAssessor: tick,
    newAssessorFirst: z.string().max(10).optional(),
    newAssessorRate: z.string().max(10).optional(),
    afterDisagreement: tick,
    afterDisagreementFor: z.string().max(10).optional(),
    afterDisagreementRate: z.string().max(10).optional(),
    coverAssessor: coverage,
    coverModule: coverage,
    coverMethod: coverage,
    coverStage: coverage,
    coverCohort: coverage,
    modules: moduleList,
  })
  .strict()
  .transform((v, ctx) => {
    // The numbers of a rule count only when its box is ticked (an unticked rule's fields keep what was typed).
    const sub = <T>(schema: z.ZodType<T>, field: string): T | undefined => {
      const r = schema.safeParse(v[field as keyof typeof v]);
      if (r.success) return r.data;
      ctx.addIssue({ code: 'custom', path: [field], message: r.error.issues[0]!.message });
      return undefined;
    };
    const rules: PlanRules = {
      standardRate: rateOf(v.standardRate),
      ...(v.signOffRate !== undefined && { signOffRate: rateOf(v.signOffRate) }),
      coverage: COVERAGE_DIMENSIONS.flatMap((dimension) => {
        const scope = v[COVERAGE_FIELD[dimension] as 'coverAssessor'];
        return scope === 'none' ? [] : [{ dimension, scope }];
      }),
      ...(v.modules.length && { modules: [...new Set(v.modules)].sort() }),
    };
    if (v.newAssessor) {
      const firstDecisions = sub(wholeNumber("a new assessor's first decisions"), 'newAssessorFirst');
      const rate = sub(percent("a new assessor's rate"), 'newAssessorRate');
      if (firstDecisions !== undefined && rate !== undefined)
        rules.newAssessor = { firstDecisions, rate: rateOf(rate) };
    }
    if (v.afterDisagreement) {
      const forDecisions = sub(wholeNumber('how many decisions after a disagreement'), 'afterDisagreementFor');
      const rate = sub(percent('the rate after a disagreement'), 'afterDisagreementRate');
      if (forDecisions !== undefined && rate !== undefined)
        rules.afterDisagreement = { rate: rateOf(rate), forDecisions };
    }
    // The stored form is checked by the rules' own schema too, so the two can never drift apart.
    const checked = planRulesSchema.safeParse(rules);
    if (!checked.success)
      for (const issue of checked.error.issues)
        ctx.addIssue({ code: 'custom', path: ['form'], message: issue.message });
    return { cohortId: v.cohortId, basedOnVersion: v.basedOnVersion, name: v.name, rules: checked.data ?? rules };
  });

/** What the form shows for a plan (or for a first plan, the suggested rules). */
export interface PlanFormValues {
  name: string;
  standardRate: string;
  signOffRate: string;
  newAssessor: boolean;
  newAssessorFirst: string;
  newAssessorRate: string;
  afterDisagreement: boolean;
  afterDisagreementFor: string;
  afterDisagreementRate: string;
  coverage: Record<CoverageDimension, 'none' | 'sample' | 'plan'>;
  modules: string[];
}

const pctText = (rate: number) => String(Math.round(rate * 1000) / 10);

export function formValues(name: string, rules: PlanRules): PlanFormValues {
  return {
    name,
    standardRate: pctText(rules.standardRate),
    signOffRate: rules.signOffRate === undefined ? '' : pctText(rules.signOffRate),
    newAssessor: Boolean(rules.newAssessor),
    newAssessorFirst: String(rules.newAssessor?.firstDecisions ?? 5),
    newAssessorRate: pctText(rules.newAssessor?.rate ?? 1),
    afterDisagreement: Boolean(rules.afterDisagreement),
    afterDisagreementFor: String(rules.afterDisagreement?.forDecisions ?? 10),
    afterDisagreementRate: pctText(rules.afterDisagreement?.rate ?? 0.5),
    coverage: Object.fromEntries(
      COVERAGE_DIMENSIONS.map((d) => [d, rules.coverage.find((c) => c.dimension === d)?.scope ?? 'none']),
    ) as PlanFormValues['coverage'],
    modules: rules.modules ?? [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A version's changes, in words.

const pct = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
const DIMENSION_LABEL: Record<CoverageDimension, string> = {
  assessor: 'every assessor',
  module: 'every unit or module',
  method: 'every assessment method (evidence kind)',
  stage: 'interim and summative decisions',
  cohort: 'the cohort',
};
const SCOPE_LABEL = { none: 'not required', sample: 'in every sample', plan: 'over the plan’s samples' } as const;

/**
 * What a version changed from the one before, one sentence per rule that differs ("Standard rate: 10% → 15%."), in
 * the order the form shows them. The first version has no predecessor: it is described as created.
 */
export function planChanges(
  before: { name: string; rules: PlanRules } | null,
  after: { name: string; rules: PlanRules },
  moduleName: (slug: string) => string = (s) => s,
): string[] {
  if (!before) return ['First version of the plan.'];
  const out: string[] = [];
  const a = before.rules;
  const b = after.rules;
  if (before.name !== after.name) out.push(`Renamed from “${before.name}” to “${after.name}”.`);
  if (a.standardRate !== b.standardRate) out.push(`Standard rate: ${pct(a.standardRate)} → ${pct(b.standardRate)}.`);
  if (a.signOffRate !== b.signOffRate) {
    const s = (r?: number) => (r === undefined ? 'the standard rate' : pct(r));
    out.push(`Report sign-offs: ${s(a.signOffRate)} → ${s(b.signOffRate)}.`);
  }
  const na = (r: PlanRules['newAssessor']) =>
    r ? `${pct(r.rate)} of the first ${r.firstDecisions} decisions` : 'no higher rate';
  if (na(a.newAssessor) !== na(b.newAssessor)) out.push(`New assessors: ${na(a.newAssessor)} → ${na(b.newAssessor)}.`);
  const ad = (r: PlanRules['afterDisagreement']) =>
    r ? `${pct(r.rate)} of the next ${r.forDecisions} decisions` : 'no higher rate';
  if (ad(a.afterDisagreement) !== ad(b.afterDisagreement))
    out.push(`After a disagreement: ${ad(a.afterDisagreement)} → ${ad(b.afterDisagreement)}.`);
  for (const d of COVERAGE_DIMENSIONS) {
    const sa = a.coverage.find((c) => c.dimension === d)?.scope ?? 'none';
    const sb = b.coverage.find((c) => c.dimension === d)?.scope ?? 'none';
    if (sa !== sb) out.push(`Coverage of ${DIMENSION_LABEL[d]}: ${SCOPE_LABEL[sa]} → ${SCOPE_LABEL[sb]}.`);
  }
  const mods = (m?: string[]) => (m ? m.map(moduleName).join(', ') : 'every module');
  if (mods(a.modules) !== mods(b.modules)) out.push(`Modules: ${mods(a.modules)} → ${mods(b.modules)}.`);
  return out;
}
