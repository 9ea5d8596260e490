import { z } from 'zod';

/**
 * A sampling plan's rules (issue 20), validated with zod before a plan version is stored and again when one is read
 * back. Pure: the sampler (lib/qa/sampler.ts) and the tests import it without a database.
 *
 * Rates say what share of an assessor's decisions is sampled; which rate applies to a decision depends on where it
 * falls in the assessor's record: the first N decisions of a new assessor, the next N after an IQA disagreed with
 * them, or the standard rate. Coverage rules make sure the sample reaches every value of a dimension of the CAMERA
 * grid (assessors, units or modules, assessment methods (evidence kinds), interim and summative decisions, cohorts):
 * in each draw ('sample') or at least once over the plan's draws ('plan').
 */
const rate = z
  .number({ error: 'Enter a rate between 0 and 1 (e.g. 0.1 for 10%).' })
  .min(0, 'A rate is at least 0.')
  .max(1, 'A rate is at most 1 (100%).');
const count = z.number().int('Enter a whole number.').min(1, 'Enter at least 1.').max(10_000, 'Enter at most 10,000.');

export const COVERAGE_DIMENSIONS = ['assessor', 'module', 'method', 'stage', 'cohort'] as const;
export type CoverageDimension = (typeof COVERAGE_DIMENSIONS)[number];

export const planRulesSchema = z
  .object({
    /** Share of an assessor's decisions sampled when no other rate applies. */
    standardRate: rate,
    /** Report sign-offs (summative decisions), if they are sampled at another rate than criterion judgements. */
    signOffRate: rate.optional(),
    newAssessor: z.object({ firstDecisions: count, rate }).strict().optional(),
    afterDisagreement: z.object({ rate, forDecisions: count }).strict().optional(),
    coverage: z
      .array(
        z
          .object({
            dimension: z.enum(COVERAGE_DIMENSIONS),
            scope: z.enum(['sample', 'plan']),
          })
          .strict(),
      )
      .max(COVERAGE_DIMENSIONS.length)
      .refine(
        (list) => new Set(list.map((c) => c.dimension)).size === list.length,
        'Each coverage dimension appears once.',
      )
      .default([]),
    /** Only decisions in these modules or units (a plan for one qualification unit); every module when absent. */
    modules: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  })
  .strict();

export type PlanRules = z.infer<typeof planRulesSchema>;

/** A sensible first plan: 100% of a new assessor's first 5 decisions, 10% after, 50% of the next 10 after a disagreement. */
export const DEFAULT_PLAN_RULES: PlanRules = {
  standardRate: 0.1,
  signOffRate: 0.25,
  newAssessor: { firstDecisions: 5, rate: 1 },
  afterDisagreement: { rate: 0.5, forDecisions: 10 },
  coverage: [
    { dimension: 'assessor', scope: 'sample' },
    { dimension: 'module', scope: 'plan' },
    { dimension: 'method', scope: 'plan' },
    { dimension: 'stage', scope: 'plan' },
    { dimension: 'cohort', scope: 'plan' },
  ],
};
