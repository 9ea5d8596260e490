import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRulesSchema, type PlanRules } from '@/lib/qa/rules';
import { drawSample, quota, type Candidate } from '@/lib/qa/sampler';

const ASSESSORS = [
  'a0000000-0000-4000-8000-000000000001',
  'a0000000-0000-4000-8000-000000000002',
  'a0000000-0000-4000-8000-000000000003',
  'a0000000-0000-4000-8000-000000000004',
];
const MODULES = ['ee2-win-keep-customers', 'u306-customers-retention', 'win-retain-customers'];
const METHODS = ['account', 'witness', 'observation', 'file'];
const COHORT = 'c0000000-0000-4000-8000-000000000001';

const candidate = (i: number) =>
  fc
    .record({
      assessor: fc.constantFrom(...ASSESSORS),
      module: fc.constantFrom(...MODULES),
      methods: fc.subarray(METHODS, { maxLength: 2 }),
      signOff: fc.boolean().map((b) => b && i % 7 === 0),
      day: fc.integer({ min: 1, max: 28 }),
    })
    .map((r): Candidate => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: r.signOff ? 'sign_off' : 'judgement',
      assessorId: r.assessor,
      learnerId: `11111111-0000-4000-8000-${String(i % 50).padStart(12, '0')}`,
      moduleSlug: r.signOff ? 'u306-customers-retention' : r.module,
      criterionId: r.signOff ? null : `${r.module}/pc/${i % 9}`,
      methods: r.signOff ? ['report'] : r.methods,
      cohortId: COHORT,
      decidedAt: `2026-11-${String(r.day).padStart(2, '0')}T10:00:00.000Z`,
    }));

const candidates = fc
  .integer({ min: 0, max: 120 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidate(i))));

const rate = fc.double({ min: 0, max: 1, noNaN: true });
const rules: fc.Arbitrary<PlanRules> = fc
  .record({
    standardRate: rate,
    signOffRate: fc.option(rate, { nil: undefined }),
    newAssessor: fc.option(fc.record({ firstDecisions: fc.integer({ min: 1, max: 10 }), rate }), { nil: undefined }),
    afterDisagreement: fc.option(fc.record({ rate, forDecisions: fc.integer({ min: 1, max: 10 }) }), {
      nil: undefined,
    }),
    coverage: fc
      .subarray(['assessor', 'module', 'method', 'stage', 'cohort'] as const)
      .chain((dims) =>
        fc.tuple(
          ...dims.map((dimension) =>
            fc.constantFrom('sample' as const, 'plan' as const).map((scope) => ({ dimension, scope })),
          ),
        ),
      ),
  })
  .map((r) => planRulesSchema.parse(r));

const iqa = fc.constantFrom(...ASSESSORS, 'f0000000-0000-4000-8000-00000000000f');
const seed = fc.string({ minLength: 1, maxLength: 20 });
const prior = fc.dictionary(fc.constantFrom(...ASSESSORS), fc.integer({ min: 0, max: 12 }));

describe('drawSample (properties)', () => {
  it('never gives the IQA their own decisions', () => {
    fc.assert(
      fc.property(rules, candidates, seed, iqa, (plan, cands, s, iqaId) => {
        const result = drawSample({ plan: { rules: plan }, candidates: cands, seed: s, iqaId });
        expect(result.items.every((i) => i.candidate.assessorId !== iqaId)).toBe(true);
        expect(result.excluded.own).toBe(cands.filter((c) => c.assessorId === iqaId).length);
      }),
      { numRuns: 300 },
    );
  });

  it('covers every assessor with decisions in the period (other than the IQA) when the plan asks for it', () => {
    fc.assert(
      fc.property(rules, candidates, seed, iqa, (plan, cands, s, iqaId) => {
        const withAssessor = {
          ...plan,
          coverage: [
            ...plan.coverage.filter((c) => c.dimension !== 'assessor'),
            { dimension: 'assessor' as const, scope: 'sample' as const },
          ],
        };
        const result = drawSample({ plan: { rules: withAssessor }, candidates: cands, seed: s, iqaId });
        const drawnAssessors = new Set(result.items.map((i) => i.candidate.assessorId));
        for (const a of new Set(cands.map((c) => c.assessorId))) {
          if (a !== iqaId) expect(drawnAssessors.has(a), a).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('respects each rate within rounding: per assessor and rule, round(rate x n) of n are drawn by that rule', () => {
    fc.assert(
      fc.property(rules, candidates, seed, iqa, prior, (plan, cands, s, iqaId, priorDecisions) => {
        const result = drawSample({
          plan: { rules: { ...plan, coverage: [] } },
          candidates: cands,
          seed: s,
          iqaId,
          history: { priorDecisions },
        });
        // With no coverage rules, everything drawn was drawn by a rate; recompute the rule of every decision by hand.
        const planRules = plan;
        const seen = cands.filter((c) => c.assessorId !== iqaId);
        const byAssessor = new Map<string, Candidate[]>();
        for (const c of [...seen].sort((a, b) =>
          a.decidedAt < b.decidedAt ? -1 : a.decidedAt > b.decidedAt ? 1 : a.id < b.id ? -1 : 1,
        )) {
          byAssessor.set(c.assessorId, [...(byAssessor.get(c.assessorId) ?? []), c]);
        }
        const groups = new Map<string, { rate: number; n: number }>();
        for (const [a, list] of byAssessor) {
          list.forEach((c, i) => {
            const ordinal = (priorDecisions[a] ?? 0) + i + 1;
            const options = [{ rule: 'rate.standard', rate: planRules.standardRate }];
            if (c.kind === 'sign_off' && planRules.signOffRate !== undefined)
              options.push({ rule: 'rate.sign-off', rate: planRules.signOffRate });
            if (planRules.newAssessor && ordinal <= planRules.newAssessor.firstDecisions)
              options.push({ rule: 'rate.new-assessor', rate: planRules.newAssessor.rate });
            const best = options.reduce((x, y) => (y.rate >= x.rate ? y : x));
            const key = `${a}|${best.rule}`;
            groups.set(key, { rate: best.rate, n: (groups.get(key)?.n ?? 0) + 1 });
          });
        }
        const drawnBy = new Map<string, number>();
        for (const item of result.items) {
          expect(item.reasons).toHaveLength(1);
          const key = `${item.candidate.assessorId}|${item.reasons[0]!.rule}`;
          drawnBy.set(key, (drawnBy.get(key) ?? 0) + 1);
        }
        for (const [key, { rate: r, n }] of groups) {
          const k = drawnBy.get(key) ?? 0;
          expect(k, key).toBeGreaterThanOrEqual(Math.floor(r * n));
          expect(k, key).toBeLessThanOrEqual(Math.ceil(r * n));
        }
        for (const key of drawnBy.keys()) expect(groups.has(key), key).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same sample for the same inputs, whatever the order of the candidates', () => {
    fc.assert(
      fc.property(rules, candidates, seed, iqa, fc.integer(), (plan, cands, s, iqaId, shuffleSeed) => {
        const a = drawSample({ plan: { rules: plan }, candidates: cands, seed: s, iqaId });
        const again = drawSample({ plan: { rules: plan }, candidates: cands, seed: s, iqaId });
        // A deterministic shuffle of the candidates (and a duplicate of one, as a join might give).
        let x = shuffleSeed >>> 0;
        const shuffled = cands
          .map((c) => ({ c, k: (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) }))
          .sort((p, q) => p.k - q.k)
          .map((p) => p.c);
        if (shuffled.length) shuffled.push(shuffled[0]!);
        const b = drawSample({ plan: { rules: plan }, candidates: shuffled, seed: s, iqaId });
        expect(again).toEqual(a);
        expect(b.items).toEqual(a.items);
      }),
      { numRuns: 200 },
    );
  });

  it('every drawn item says which rule drew it, in words', () => {
    fc.assert(
      fc.property(rules, candidates, seed, iqa, (plan, cands, s, iqaId) => {
        const result = drawSample({ plan: { rules: plan }, candidates: cands, seed: s, iqaId });
        for (const item of result.items) {
          expect(item.reasons.length).toBeGreaterThan(0);
          for (const r of item.reasons) {
            expect(r.rule).toMatch(/^(rate|coverage)\./);
            expect(r.text.length).toBeGreaterThan(10);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('drawSample (examples)', () => {
  const make = (n: number, assessorId: string, moduleSlug = MODULES[0]!, methods = ['account']): Candidate[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `${assessorId.slice(-8)}-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: 'judgement',
      assessorId,
      learnerId: `11111111-0000-4000-8000-${String(i).padStart(12, '0')}`,
      moduleSlug,
      criterionId: `${moduleSlug}/pc/${i}`,
      methods,
      cohortId: COHORT,
      decidedAt: new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString(),
    }));
  const [priya, tom, iqaId] = ASSESSORS as [string, string, string];
  const labels = {
    assessors: { [priya]: 'Priya Shah', [tom]: 'Tom Evans' },
    modules: { 'u306-customers-retention': 'unit u306' },
  };

  it("samples a new assessor's first decisions at their rate, then the standard rate, and says so", () => {
    const plan = planRulesSchema.parse({ standardRate: 0.1, newAssessor: { firstDecisions: 5, rate: 1 } });
    const result = drawSample({ plan: { rules: plan }, candidates: make(25, priya), seed: 'x', iqaId, labels });
    const byRule = (rule: string) => result.items.filter((i) => i.reasons[0]!.rule === rule);
    expect(byRule('rate.new-assessor').map((i) => i.candidate.id)).toEqual(make(5, priya).map((c) => c.id));
    expect(byRule('rate.new-assessor')[0]!.reasons[0]!.text).toBe(
      'New assessor: first 5 decisions sampled at 100% (decision 1 of Priya Shah)',
    );
    expect(byRule('rate.standard')).toHaveLength(quota(0.1, 20));
    expect(byRule('rate.standard')[0]!.reasons[0]!.text).toBe(
      "Standard rate: 10% of Priya Shah's decisions (2 of 20 drawn)",
    );
    // Not new any more: five earlier decisions.
    const later = drawSample({
      plan: { rules: plan },
      candidates: make(25, priya),
      seed: 'x',
      iqaId,
      history: { priorDecisions: { [priya]: 5 } },
    });
    expect(later.items).toHaveLength(quota(0.1, 25));
  });

  it('samples more after a disagreement, for the next N decisions', () => {
    const plan = planRulesSchema.parse({ standardRate: 0, afterDisagreement: { rate: 1, forDecisions: 3 } });
    const cands = make(10, priya);
    const result = drawSample({
      plan: { rules: plan },
      candidates: cands,
      seed: 'x',
      iqaId,
      labels,
      history: { disagreements: { [priya]: { at: cands[4]!.decidedAt, decisionsBeforePeriod: 0 } } },
    });
    expect(result.items.map((i) => i.candidate.id)).toEqual(cands.slice(5, 8).map((c) => c.id));
    expect(result.items[0]!.reasons[0]!.text).toMatch(
      /^After a disagreement on 2026-11-01: Priya Shah's next 3 decisions sampled at 100%/,
    );
  });

  it('covers a unit no decision was sampled for yet, and every assessor in each sample', () => {
    const plan = planRulesSchema.parse({
      standardRate: 0,
      coverage: [
        { dimension: 'assessor', scope: 'sample' },
        { dimension: 'module', scope: 'plan' },
      ],
    });
    const cands = [...make(6, priya), ...make(3, tom, 'u306-customers-retention')];
    const result = drawSample({
      plan: { rules: plan },
      candidates: cands,
      seed: 's',
      iqaId,
      labels,
      history: { covered: { module: [MODULES[0]!] } },
    });
    expect(result.items).toHaveLength(2);
    const texts = result.items.map((i) => i.reasons[0]!.text);
    expect(texts).toContain(
      "Coverage: every assessor in each sample; none of Priya Shah's 6 decisions in the period was drawn by rate",
    );
    expect(texts).toContain(
      "Coverage: every assessor in each sample; none of Tom Evans's 3 decisions in the period was drawn by rate",
    );
    // Tom's draw already reached unit u306, so the module rule adds nothing; without assessor coverage it draws it itself.
    const moduleOnly = drawSample({
      plan: { rules: { ...plan, coverage: [{ dimension: 'module', scope: 'plan' }] } },
      candidates: cands,
      seed: 's',
      iqaId,
      labels,
      history: { covered: { module: [MODULES[0]!] } },
    });
    expect(moduleOnly.items.map((i) => i.reasons[0]!.text)).toEqual([
      'Coverage: no decision for unit u306 sampled yet',
    ]);
  });

  it("leaves out the IQA's own decisions and reports them as uncovered; never draws a decision twice", () => {
    const plan = planRulesSchema.parse({ standardRate: 1, coverage: [{ dimension: 'assessor', scope: 'sample' }] });
    const mine = make(4, iqaId);
    const theirs = make(4, priya);
    const result = drawSample({
      plan: { rules: plan },
      candidates: [...mine, ...theirs],
      seed: 's',
      iqaId,
      history: { alreadySampled: [theirs[0]!.id] },
    });
    expect(result.items.map((i) => i.candidate.id).sort()).toEqual(
      theirs
        .slice(1)
        .map((c) => c.id)
        .sort(),
    );
    expect(result.excluded).toEqual({ own: 4, alreadySampled: 1, otherModules: 0 });
    expect(result.uncovered).toEqual([
      {
        dimension: 'assessor',
        value: iqaId,
        text: expect.stringMatching(/the IQA's own: another IQA must sample them/),
      },
    ]);
  });

  it('a different seed draws differently', () => {
    const plan = planRulesSchema.parse({ standardRate: 0.2 });
    const cands = make(100, priya);
    const ids = (s: string) =>
      drawSample({ plan: { rules: plan }, candidates: cands, seed: s, iqaId }).items.map((i) => i.candidate.id);
    expect(ids('one')).toHaveLength(20);
    expect(ids('one')).not.toEqual(ids('two'));
  });
});

describe('planRulesSchema', () => {
  it('refuses a rate above 100%, unknown fields and a dimension listed twice', () => {
    expect(planRulesSchema.safeParse({ standardRate: 1.5 }).success).toBe(false);
    expect(planRulesSchema.safeParse({ standardRate: 0.1, sneaky: true }).success).toBe(false);
    expect(
      planRulesSchema.safeParse({
        standardRate: 0.1,
        coverage: [
          { dimension: 'module', scope: 'plan' },
          { dimension: 'module', scope: 'sample' },
        ],
      }).success,
    ).toBe(false);
    expect(planRulesSchema.parse({ standardRate: 0.1 })).toEqual({ standardRate: 0.1, coverage: [] });
  });
});
