import { describe, expect, it } from 'vitest';
import { formValues, planChanges, planFormSchema } from '@/lib/qa/plan-form';
import { DEFAULT_PLAN_RULES, planRulesSchema } from '@/lib/qa/rules';
import { friendlyErrors } from '@/lib/validation-messages';

/** The plan editor's form: what a person types becomes a plan's rules, or a message at the field that is wrong. */
const COHORT = '00000000-0000-4000-8000-000000000001';
const base = {
  cohortId: COHORT,
  basedOnVersion: '1',
  name: 'Centre plan',
  standardRate: '10',
  signOffRate: '25',
  newAssessor: 'on',
  newAssessorFirst: '5',
  newAssessorRate: '100',
  afterDisagreement: 'on',
  afterDisagreementFor: '10',
  afterDisagreementRate: '50',
  coverAssessor: 'sample',
  coverModule: 'plan',
  coverMethod: 'plan',
  coverStage: 'plan',
  coverCohort: 'plan',
};
const parse = (v: Record<string, unknown>) => planFormSchema.safeParse(v, friendlyErrors);
const errors = (v: Record<string, unknown>) => {
  const r = parse(v);
  expect(r.success, 'expected a refusal').toBe(false);
  return Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('plan form', () => {
  it('turns the default plan, as the form shows it, back into the same rules', () => {
    const v = formValues('Centre plan', DEFAULT_PLAN_RULES);
    const r = parse({
      ...base,
      standardRate: v.standardRate,
      signOffRate: v.signOffRate,
      newAssessorFirst: v.newAssessorFirst,
      newAssessorRate: v.newAssessorRate,
      afterDisagreementFor: v.afterDisagreementFor,
      afterDisagreementRate: v.afterDisagreementRate,
    });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ cohortId: COHORT, basedOnVersion: 1, name: 'Centre plan', rules: DEFAULT_PLAN_RULES });
  });

  it('reads percentages with a decimal point or comma and a % sign, with no float dust', () => {
    const r = parse({ ...base, standardRate: '12.5 %', signOffRate: '7,5' });
    expect(r.data!.rules.standardRate).toBe(0.125);
    expect(r.data!.rules.signOffRate).toBe(0.075);
  });

  it('an empty sign-off rate means the standard rate; unticked rules are left out whatever their fields hold', () => {
    const r = parse({
      ...base,
      signOffRate: '',
      newAssessor: undefined,
      newAssessorFirst: 'lots',
      afterDisagreement: undefined,
      afterDisagreementRate: '',
      coverCohort: 'none',
      coverStage: 'none',
    });
    expect(r.success).toBe(true);
    expect(r.data!.rules).toEqual({
      standardRate: 0.1,
      coverage: [
        { dimension: 'assessor', scope: 'sample' },
        { dimension: 'module', scope: 'plan' },
        { dimension: 'method', scope: 'plan' },
      ],
    });
    expect(planRulesSchema.parse(r.data!.rules)).toEqual(r.data!.rules);
  });

  it('modules: one ticked box is a string, several a list; sorted and without repeats', () => {
    expect(parse({ ...base, modules: 'b' }).data!.rules.modules).toEqual(['b']);
    expect(parse({ ...base, modules: ['b', 'a', 'b'] }).data!.rules.modules).toEqual(['a', 'b']);
    expect(parse({ ...base, modules: [] }).data!.rules.modules).toBeUndefined();
  });

  it('says what is wrong at the field, in percentages', () => {
    expect(errors({ ...base, standardRate: '150' })).toEqual({
      standardRate: 'Enter the standard rate of at most 100%.',
    });
    expect(errors({ ...base, standardRate: '' }).standardRate).toMatch(/percentage from 0 to 100/);
    expect(errors({ ...base, standardRate: '0.1.2' }).standardRate).toMatch(/e\.g\. 10 or 12\.5/);
    expect(errors({ ...base, standardRate: '-5' }).standardRate).toMatch(/from 0 to 100/);
    expect(errors({ ...base, newAssessorFirst: '0' })).toEqual({
      newAssessorFirst: "Enter a new assessor's first decisions from 1 to 10,000.",
    });
    expect(errors({ ...base, newAssessorFirst: '2.5' }).newAssessorFirst).toMatch(/whole number/);
    expect(errors({ ...base, afterDisagreementRate: 'half' }).afterDisagreementRate).toMatch(
      /rate after a disagreement/,
    );
    expect(errors({ ...base, name: '  ' }).name).toMatch(/Name the plan/);
    expect(errors({ ...base, coverMethod: 'always' }).coverMethod).toBe('Choose one of the options offered.');
    expect(errors({ ...base, basedOnVersion: 'x' }).basedOnVersion).toMatch(/Reload the page/);
    expect(errors({ ...base, extra: '1' })).toHaveProperty('');
  });
});

describe('plan changes in words', () => {
  const v1 = { name: 'Plan', rules: DEFAULT_PLAN_RULES };
  it('the first version is described as such; an unchanged one has no changes', () => {
    expect(planChanges(null, v1)).toEqual(['First version of the plan.']);
    expect(planChanges(v1, { ...v1 })).toEqual([]);
  });

  it('one sentence per rule that changed, in the order the form shows them', () => {
    const { newAssessor: _n, ...rest } = DEFAULT_PLAN_RULES;
    const v2 = {
      name: 'Plan 2',
      rules: {
        ...rest,
        standardRate: 0.15,
        signOffRate: undefined,
        afterDisagreement: { rate: 0.75, forDecisions: 10 },
        coverage: DEFAULT_PLAN_RULES.coverage
          .map((c) => (c.dimension === 'method' ? { ...c, scope: 'sample' as const } : c))
          .filter((c) => c.dimension !== 'cohort'),
        modules: ['u306'],
      },
    };
    expect(planChanges(v1, v2, (s) => `Unit ${s}`)).toEqual([
      'Renamed from “Plan” to “Plan 2”.',
      'Standard rate: 10% → 15%.',
      'Report sign-offs: 25% → the standard rate.',
      'New assessors: 100% of the first 5 decisions → no higher rate.',
      'After a disagreement: 50% of the next 10 decisions → 75% of the next 10 decisions.',
      'Coverage of every assessment method (evidence kind): over the plan’s samples → in every sample.',
      'Coverage of the cohort: over the plan’s samples → not required.',
      'Modules: every module → Unit u306.',
    ]);
  });
});
