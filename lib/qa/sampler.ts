import crypto from 'node:crypto';
import { COVERAGE_DIMENSIONS, type CoverageDimension, type PlanRules } from './rules';

/**
 * Draws a quality-assurance sample: a pure function of the plan, the candidate decisions, the seed and the history
 * (no database, no clock, no Math.random), so the same inputs always give the same sample, whatever order the
 * candidates come in. Every drawn item says which rule drew it, in words.
 *
 * How: each candidate gets a score, the SHA-256 of `seed:id`, a stable stand-in for a random number. Rates apply per
 * assessor and rule: of the n eligible decisions an assessor has under a rule, the round(rate x n) with the lowest
 * scores are drawn (so the share is the plan's rate within rounding, not just on average). Coverage rules then add,
 * for each value of a dimension the sample does not reach yet, that value's lowest-scoring decision.
 * An IQA's own decisions are never candidates: they are left out before anything else (and reported as uncovered).
 */

type CandidateKind = 'judgement' | 'sign_off';

export interface Candidate {
  /** The judgement's id (kind 'judgement') or the report decision's id (kind 'sign_off'). */
  id: string;
  kind: CandidateKind;
  assessorId: string;
  learnerId: string;
  moduleSlug: string;
  /** Null for a sign-off. */
  criterionId: string | null;
  /** Evidence kinds the decision rested on (assessment methods); ['report'] for a sign-off. */
  methods: string[];
  cohortId: string;
  /** ISO time of the decision. */
  decidedAt: string;
}

export interface SamplerHistory {
  /** How many decisions each assessor made before the period: places the period's decisions in their record. */
  priorDecisions?: Record<string, number>;
  /**
   * The assessors an IQA currently disagrees with: when (ISO), and how many of their decisions came between that
   * and the start of the period (they count towards `afterDisagreement.forDecisions`).
   */
  disagreements?: Record<string, { at: string; decisionsBeforePeriod: number }>;
  /** Decisions already in an earlier sample: never drawn twice. */
  alreadySampled?: readonly string[];
  /** Values reached by the plan's earlier samples, for coverage rules with scope 'plan'. */
  covered?: Partial<Record<CoverageDimension, readonly string[]>>;
}

export interface SamplerLabels {
  assessors?: Record<string, string>;
  modules?: Record<string, string>;
  cohorts?: Record<string, string>;
}

export interface DrawInput {
  plan: { rules: PlanRules };
  candidates: readonly Candidate[];
  seed: string;
  iqaId: string;
  history?: SamplerHistory;
  labels?: SamplerLabels;
}

interface Reason {
  /** e.g. 'rate.new-assessor', 'coverage.module'. */
  rule: string;
  text: string;
}

export interface DrawnItem {
  candidate: Candidate;
  reasons: Reason[];
}

export interface Uncovered {
  dimension: CoverageDimension;
  value: string;
  text: string;
}

export interface DrawResult {
  items: DrawnItem[];
  /** Candidates the draw chose from (after the exclusions below). */
  eligible: number;
  excluded: { own: number; alreadySampled: number; otherModules: number };
  /** Coverage the draw could not give, and why (e.g. only the IQA's own decisions). */
  uncovered: Uncovered[];
}

export type RateRule = 'rate.new-assessor' | 'rate.after-disagreement' | 'rate.sign-off' | 'rate.standard';

/** A stable score in [0, 2^256) as hex: lower is drawn first. */
function score(seed: string, id: string): string {
  return crypto.createHash('sha256').update(`${seed}:${id}`, 'utf8').digest('hex');
}

export const byTime = (a: Candidate, b: Candidate) =>
  a.decidedAt < b.decidedAt ? -1 : a.decidedAt > b.decidedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const STAGE_LABEL: Record<string, string> = {
  interim: 'interim decision (criterion judgement)',
  summative: 'summative decision (report sign-off)',
};

export function valuesOf(c: Candidate, dimension: CoverageDimension): string[] {
  switch (dimension) {
    case 'assessor':
      return [c.assessorId];
    case 'module':
      return [c.moduleSlug];
    case 'method':
      return c.methods;
    case 'stage':
      return [c.kind === 'judgement' ? 'interim' : 'summative'];
    case 'cohort':
      return [c.cohortId];
  }
}

/** How many of n are drawn at a rate: round half up, so a share within rounding of the rate. */
export function quota(rate: number, n: number): number {
  return Math.min(n, Math.floor(rate * n + 0.5 + 1e-9));
}

interface RateAssignment {
  rule: RateRule;
  rate: number;
  /** The decision's place in the assessor's record (1 = their first). */
  ordinal: number;
}

/**
 * Which rate applies to each of the assessor's decisions: the highest rate among the rules that apply to it.
 * `decisions` are all the assessor's decisions the plan sees in the period (drawn or not), in time order.
 */
function assignRates(
  rules: PlanRules,
  decisions: Candidate[],
  prior: number,
  disagreement?: { at: string; decisionsBeforePeriod: number },
): Map<string, RateAssignment> {
  const out = new Map<string, RateAssignment>();
  let sinceDisagreement = disagreement?.decisionsBeforePeriod ?? 0;
  decisions.forEach((c, i) => {
    const ordinal = prior + i + 1;
    const options: { rule: RateRule; rate: number }[] = [{ rule: 'rate.standard', rate: rules.standardRate }];
    if (c.kind === 'sign_off' && rules.signOffRate !== undefined)
      options.push({ rule: 'rate.sign-off', rate: rules.signOffRate });
    if (disagreement && c.decidedAt > disagreement.at) {
      sinceDisagreement += 1;
      if (rules.afterDisagreement && sinceDisagreement <= rules.afterDisagreement.forDecisions) {
        options.push({ rule: 'rate.after-disagreement', rate: rules.afterDisagreement.rate });
      }
    }
    if (rules.newAssessor && ordinal <= rules.newAssessor.firstDecisions)
      options.push({ rule: 'rate.new-assessor', rate: rules.newAssessor.rate });
    // Highest rate wins; on a tie, the most specific rule (the last pushed) names the reason.
    const best = options.reduce((a, b) => (b.rate >= a.rate ? b : a));
    out.set(c.id, { ...best, ordinal });
  });
  return out;
}

/**
 * The words of every reason and gap, shared by the pure sampler and the draw done in the database
 * (lib/qa/draw-sql.ts), so the two explain the same draw in the same words.
 */
export function explainer(
  rules: PlanRules,
  history: SamplerHistory,
  labels: SamplerLabels,
  /** How many of the assessor's decisions the plan sees in the period. */
  decisionsBy: (assessorId: string) => number,
) {
  const assessorName = (id: string) => labels.assessors?.[id] ?? `assessor ${id.slice(0, 8)}`;
  const moduleName = (slug: string) => labels.modules?.[slug] ?? slug;
  const cohortName = (id: string) => labels.cohorts?.[id] ?? `cohort ${id.slice(0, 8)}`;

  function rateText(rule: RateRule, rate: number, k: number, n: number, ordinal: number, c: Candidate): string {
    const who = assessorName(c.assessorId);
    switch (rule) {
      case 'rate.new-assessor':
        return `New assessor: first ${rules.newAssessor!.firstDecisions} decisions sampled at ${pct(rate)} (decision ${ordinal} of ${who})`;
      case 'rate.after-disagreement':
        return `After a disagreement on ${history.disagreements![c.assessorId]!.at.slice(0, 10)}: ${who}'s next ${rules.afterDisagreement!.forDecisions} decisions sampled at ${pct(rate)} (${k} of ${n} drawn)`;
      case 'rate.sign-off':
        return `Report sign-offs sampled at ${pct(rate)} (${k} of ${plural(n, 'sign-off')} by ${who} drawn)`;
      case 'rate.standard':
        return `Standard rate: ${pct(rate)} of ${who}'s decisions (${k} of ${n} drawn)`;
    }
  }

  function describe(dimension: CoverageDimension, value: string): string {
    switch (dimension) {
      case 'assessor':
        return `by ${assessorName(value)}`;
      case 'module':
        return `for ${moduleName(value)}`;
      case 'method':
        return `resting on ${value} evidence`;
      case 'stage':
        return `of the kind ${STAGE_LABEL[value] ?? value}`;
      case 'cohort':
        return `from ${cohortName(value)}`;
    }
  }

  function coverageText(dimension: CoverageDimension, scope: 'sample' | 'plan', value: string): string {
    if (dimension === 'assessor' && scope === 'sample') {
      const n = decisionsBy(value);
      return `Coverage: every assessor in each sample; none of ${assessorName(value)}'s ${plural(n, 'decision')} in the period was drawn by rate`;
    }
    return `Coverage: no decision ${describe(dimension, value)} sampled ${scope === 'sample' ? 'in this sample' : 'yet'}`;
  }

  function uncoveredText(dimension: CoverageDimension, value: string, seen: boolean): string {
    return !seen
      ? dimension === 'assessor'
        ? `${assessorName(value)}'s decisions are the IQA's own: another IQA must sample them`
        : `Only the IQA's own decisions ${describe(dimension, value)}: another IQA must sample them`
      : `Every decision ${describe(dimension, value)} in the period was sampled before`;
  }

  return { rateText, coverageText, uncoveredText };
}

export function drawSample(input: DrawInput): DrawResult {
  const { rules } = input.plan;
  const history = input.history ?? {};
  const labels = input.labels ?? {};

  // One copy per id, in a canonical order: the caller's order never matters.
  const all = [...new Map(input.candidates.map((c) => [c.id, c])).values()].sort(byTime);
  const inModules = rules.modules ? new Set(rules.modules) : null;
  const sampled = new Set(history.alreadySampled ?? []);
  const excluded = { own: 0, alreadySampled: 0, otherModules: 0 };
  const planSees: Candidate[] = [];
  for (const c of all) {
    if (c.assessorId === input.iqaId) excluded.own++;
    else if (inModules && !inModules.has(c.moduleSlug)) excluded.otherModules++;
    else planSees.push(c);
  }
  const eligible = planSees.filter((c) => {
    if (!sampled.has(c.id)) return true;
    excluded.alreadySampled++;
    return false;
  });
  const scoreOf = new Map(eligible.map((c) => [c.id, score(input.seed, c.id)]));
  const byScore = (a: Candidate, b: Candidate) =>
    scoreOf.get(a.id)! < scoreOf.get(b.id)! ? -1 : scoreOf.get(a.id)! > scoreOf.get(b.id)! ? 1 : 0;

  const drawn = new Map<string, DrawnItem>();
  const { rateText, coverageText, uncoveredText } = explainer(rules, history, labels, (assessorId) =>
    planSees.reduce((n, x) => n + (x.assessorId === assessorId ? 1 : 0), 0),
  );

  // Rates, per assessor and rule.
  const byAssessor = new Map<string, Candidate[]>();
  for (const c of planSees) {
    const list = byAssessor.get(c.assessorId);
    if (list) list.push(c);
    else byAssessor.set(c.assessorId, [c]);
  }
  for (const [assessorId, decisions] of [...byAssessor].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rates = assignRates(
      rules,
      decisions,
      history.priorDecisions?.[assessorId] ?? 0,
      history.disagreements?.[assessorId],
    );
    const groups = new Map<RateRule, Candidate[]>();
    for (const c of decisions) {
      if (!scoreOf.has(c.id)) continue;
      const rule = rates.get(c.id)!.rule;
      const group = groups.get(rule);
      if (group) group.push(c);
      else groups.set(rule, [c]);
    }
    for (const [rule, group] of groups) {
      const rate = rates.get(group[0]!.id)!.rate;
      const k = quota(rate, group.length);
      for (const c of [...group].sort(byScore).slice(0, k)) {
        const { ordinal } = rates.get(c.id)!;
        drawn.set(c.id, { candidate: c, reasons: [{ rule, text: rateText(rule, rate, k, group.length, ordinal, c) }] });
      }
    }
  }

  // Coverage, in a fixed order of dimensions.
  const uncovered: Uncovered[] = [];
  const ownValues = (d: CoverageDimension) =>
    new Set(all.filter((c) => c.assessorId === input.iqaId).flatMap((c) => valuesOf(c, d)));
  for (const dimension of COVERAGE_DIMENSIONS) {
    const rule = rules.coverage.find((c) => c.dimension === dimension);
    if (!rule) continue;
    const covered = new Set([...drawn.values()].flatMap((i) => valuesOf(i.candidate, dimension)));
    if (rule.scope === 'plan') for (const v of history.covered?.[dimension] ?? []) covered.add(v);
    const seen = new Set(planSees.flatMap((c) => valuesOf(c, dimension)));
    const byValue = new Map<string, Candidate[]>();
    for (const c of eligible) {
      for (const v of valuesOf(c, dimension)) {
        const list = byValue.get(v);
        if (list) list.push(c);
        else byValue.set(v, [c]);
      }
    }
    const wanted = [...new Set([...seen, ...ownValues(dimension)])].sort();
    for (const value of wanted) {
      if (covered.has(value)) continue;
      let pick: Candidate | undefined;
      for (const c of byValue.get(value) ?? []) {
        if (!drawn.has(c.id) && (!pick || byScore(c, pick) < 0)) pick = c;
      }
      if (!pick) {
        const text = uncoveredText(dimension, value, seen.has(value));
        if (!seen.has(value) || rule.scope === 'sample') uncovered.push({ dimension, value, text });
        continue;
      }
      drawn.set(pick.id, {
        candidate: pick,
        reasons: [{ rule: `coverage.${dimension}`, text: coverageText(dimension, rule.scope, value) }],
      });
      for (const v of valuesOf(pick, dimension)) covered.add(v);
    }
  }

  return {
    items: [...drawn.values()].sort((a, b) => byTime(a.candidate, b.candidate)),
    eligible: eligible.length,
    excluded,
    uncovered,
  };
}
