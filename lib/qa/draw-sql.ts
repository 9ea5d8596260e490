import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { COVERAGE_DIMENSIONS, type CoverageDimension } from './rules';
import {
  byTime,
  explainer,
  valuesOf,
  type Candidate,
  type DrawnItem,
  type DrawResult,
  type RateRule,
  type SamplerHistory,
  type SamplerLabels,
  type Uncovered,
} from './sampler';
import { query } from './shared';
import type { PlanView } from './store';

/**
 * The draw of lib/qa/sampler.ts done in the database, for centres where the period holds a hundred thousand
 * decisions or more: one statement finds the candidates, scores them (the same SHA-256 of `seed:id`), places each in
 * its assessor's record with window functions, picks the rate that applies and draws the lowest scores per assessor
 * and rule. Only what was drawn comes back, with the few values the coverage rules still need and a short list of
 * candidates for each. The coverage step and every reason's words are the pure sampler's own (`explainer`), so both
 * paths give the same sample with the same reasons: tests/integration/qa-draw-sql.test.ts holds them to that.
 *
 * Times are compared at millisecond precision on both paths (lib/qa/store.ts truncates the same way), since the pure
 * sampler sees ISO times.
 */

interface Row {
  part: 'drawn' | 'pick' | 'value' | 'count' | 'history';
  id: string | null;
  kind: Candidate['kind'] | null;
  learner_id: string | null;
  assessor_id: string | null;
  module_slug: string | null;
  criterion_id: string | null;
  decided_at: string | null;
  methods: string[] | string | null;
  rule: RateRule | null;
  rate: number | string | null;
  k: number | string | null;
  n: number | string | null;
  ordinal: number | string | null;
  dim: CoverageDimension | null;
  v: string | null;
  seen: boolean | null;
  score: string | null;
}

const pgArray = (v: string[] | string | null): string[] => {
  if (Array.isArray(v)) return v;
  if (!v || v === '{}') return [];
  return v
    .slice(1, -1)
    .split(',')
    .map((s) => s.replace(/^"|"$/g, ''));
};

export const isoSql = (expr: SQL) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The SQL condition "candidate alias `p` has value `u.v` of dimension `u.dim`". */
const hasValue = (p: string) =>
  sql.raw(`(case u.dim
    when 'assessor' then ${p}.assessor_id::text = u.v
    when 'module' then ${p}.module_slug = u.v
    when 'method' then u.v = any(${p}.methods)
    when 'stage' then (case when ${p}.kind = 'judgement' then 'interim' else 'summative' end) = u.v
    else true end)`);

export interface SqlDraw {
  result: DrawResult;
  history: SamplerHistory;
  /** Every assessor and module the draw names, for labels. */
  assessorIds: string[];
  moduleSlugs: string[];
}

/**
 * Draws in the database. `historyCovered` is what the plan's earlier samples reached (scope 'plan'); `labels` are
 * loaded by the caller once it knows who is named (`label` is called with the ids and slugs).
 */
export async function drawInDatabase(
  db: DbOrTx,
  input: {
    plan: PlanView;
    cohortId: string;
    from: Date;
    to: Date;
    seed: string;
    iqaId: string;
    covered: SamplerHistory['covered'];
    label: (assessorIds: string[], modules: string[]) => Promise<SamplerLabels>;
  },
): Promise<SqlDraw> {
  const { rules } = input.plan;
  const from = input.from.toISOString();
  const to = input.to.toISOString();
  const modules = rules.modules
    ? sql`${`{${rules.modules.map((m) => `"${m.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`
    : sql`null::text[]`;
  const f8 = (v: number | undefined) => sql`${v ?? -1}::float8`;
  const int = (v: number | undefined) => sql`${v ?? -1}::int`;
  const na = rules.newAssessor;
  const ad = rules.afterDisagreement;
  // History, per assessor with decisions in the period: bounded counts (lib/qa/store.ts loadHistory, in the statement).
  const prior = na
    ? sql`(select count(*) from (select 1 from judgements j where j.assessor_id = a.id and j.created_at < ${from} limit ${na.firstDecisions}) x)
        + (select count(*) from (select 1 from report_decisions d where d.assessor_id = a.id and d.outcome = 'signed_off'
             and d.decided_at < ${from} limit ${na.firstDecisions}) y)`
    : sql`0`;
  const disagreement = ad
    ? sql`left join lateral (
        select date_trunc('milliseconds', max(d.created_at)) as at
        from qa_decisions d join qa_sample_items i on i.id = d.item_id
        where d.verdict = 'disagree' and i.assessor_id = a.id
          and not exists (select 1 from qa_decisions s where s.supersedes_id = d.id)) w on true
      left join lateral (
        select count(*) as before from (select 1 from judgements j where j.assessor_id = a.id and j.created_at > w.at
          and j.created_at < ${from} limit ${ad.forDecisions}) x) b on w.at is not null`
    : sql`left join lateral (select null::timestamptz as at) w on true left join lateral (select 0 as before) b on true`;

  // The window sorts hold every candidate of the period (180,000 at a 10,000-learner centre's month): in memory, not
  // on disk. For this transaction only.
  await db.execute(sql`set local work_mem = '64MB'`);
  // The planner's cost for this statement (and the snapshot INSERT) is far past jit_above_cost, so PostgreSQL would
  // compile it with LLVM first: 6 of the 14 s the whole-centre draw took at 10,000 learners, to save well under one.
  await db.execute(sql`set local jit = off`);
  const rows = await query<Row>(
    db,
    sql`
    with
    period_judgements as materialized (
      select j.id, j.learner_id, j.assessor_id, j.module_slug, j.criterion_id, j.created_at, j.evidence_ids from judgements j
      where j.created_at >= ${from} and j.created_at < ${to} and j.learner_id in (select m.learner_id from cohort_members m where m.cohort_id = ${input.cohortId})
    ),
    -- The evidence kinds each judgement rested on, by one join rather than a lookup per judgement.
    judgement_methods as (
      select x.judgement_id, array_agg(distinct e.kind::text collate "C" order by e.kind::text collate "C") as methods
      from (select p.id as judgement_id, unnest(p.evidence_ids) as evidence_id from period_judgements p) x
      join evidence e on e.id = x.evidence_id
      group by x.judgement_id
    ),
    cand as materialized (
      select c.*, encode(sha256(convert_to(${input.seed} || ':' || c.id::text, 'UTF8')), 'hex') collate "C" as score,
        c.assessor_id = ${input.iqaId} as own,
        (${modules} is null or c.module_slug = any(${modules})) as in_plan
      from (
        select j.id, 'judgement'::text as kind, j.learner_id, j.assessor_id, j.module_slug, j.criterion_id,
          date_trunc('milliseconds', j.created_at) as decided_at, coalesce(jm.methods, '{}'::text[]) as methods,
          exists (select 1 from qa_sample_items i where i.judgement_id = j.id) as sampled
        from period_judgements j left join judgement_methods jm on jm.judgement_id = j.id
        union all
        select d.id, 'sign_off', d.learner_id, d.assessor_id, d.module_slug, null, date_trunc('milliseconds', d.decided_at),
          array['report']::text[], exists (select 1 from qa_sample_items i where i.report_decision_id = d.id)
        from report_decisions d
        where d.outcome = 'signed_off' and d.decided_at >= ${from} and d.decided_at < ${to}
          and d.learner_id in (select m.learner_id from cohort_members m where m.cohort_id = ${input.cohortId})
      ) c
    ),
    hist as materialized (
      select h.*,
        -- Only a new assessor's (prior under N) or a recently disagreed-with assessor's decisions need their place in
        -- the assessor's record; for everyone else the rate is the same whatever the order, so no sort is needed.
        (${int(na?.firstDecisions)} >= 0 and h.prior < ${int(na?.firstDecisions)}) or h.dis_at is not null as placed
      from (
        select a.id as assessor_id, ${prior} as prior, w.at as dis_at, coalesce(b.before, 0) as dis_before
        from (select distinct assessor_id as id from cand where not own and in_plan) a
        ${disagreement}
      ) h
    ),
    sees as (
      select c.*, h.prior + row_number() over w as ordinal, h.dis_at,
        h.dis_before + sum(case when h.dis_at is not null and c.decided_at > h.dis_at then 1 else 0 end) over w as since_dis
      from cand c join hist h on h.assessor_id = c.assessor_id
      where not c.own and c.in_plan and h.placed
      window w as (partition by c.assessor_id order by c.decided_at, c.id rows between unbounded preceding and current row)
      union all
      select c.*, null::bigint, null::timestamptz, null::bigint
      from cand c join hist h on h.assessor_id = c.assessor_id
      where not c.own and c.in_plan and not h.placed
    ),
    options as (
      select s.*,
        case when s.kind = 'sign_off' and ${f8(rules.signOffRate)} >= 0 then ${f8(rules.signOffRate)} else -1 end as r_so,
        case when s.dis_at is not null and s.decided_at > s.dis_at and ${int(ad?.forDecisions)} >= 0
          and s.since_dis <= ${int(ad?.forDecisions)} then ${f8(ad?.rate)} else -1 end as r_ad,
        case when ${int(na?.firstDecisions)} >= 0 and s.ordinal <= ${int(na?.firstDecisions)} then ${f8(na?.rate)} else -1 end as r_na
      from sees s
    ),
    rated as (
      -- The highest rate wins; on a tie the most specific rule names the reason (the pure sampler's order).
      select o.*, greatest(${f8(rules.standardRate)}, o.r_so, o.r_ad, o.r_na) as rate,
        case greatest(${f8(rules.standardRate)}, o.r_so, o.r_ad, o.r_na)
          when o.r_na then 'rate.new-assessor' when o.r_ad then 'rate.after-disagreement'
          when o.r_so then 'rate.sign-off' else 'rate.standard' end as rule
      from options o
    ),
    elig as (
      -- Only the columns the ranking needs go through its sort (the rest joins back for what is drawn or picked).
      select r.id, r.assessor_id, r.rule, r.rate, r.score, r.ordinal, count(*) over g as n,
        row_number() over (partition by r.assessor_id, r.rule order by r.score) as rk
      from rated r where not r.sampled
      window g as (partition by r.assessor_id, r.rule)
    ),
    quota as (select e.*, least(e.n, floor(e.rate * e.n + 0.5 + 1e-9)) as k from elig e),
    drawn as materialized (
      select c.id, c.kind, c.learner_id, c.assessor_id, c.module_slug, c.criterion_id, c.decided_at, c.methods,
        q.rule, q.rate, q.k, q.n, q.ordinal, q.score
      from quota q join cand c on c.id = q.id where q.rk <= q.k
    ),
    cand_groups as materialized (
      -- The decisions the plan sees (sees) and the IQA's own, grouped once by every CAMERA value they carry: a few
      -- thousand groups instead of five passes over every candidate.
      select not own and in_plan as sees, assessor_id, module_slug, methods, kind = 'judgement' as interim, count(*) as n
      from cand where own or in_plan
      group by 1, 2, 3, 4, 5
    ),
    vals as materialized (
      -- Every value of each CAMERA dimension among the decisions the plan sees (seen) and the IQA's own.
      select 'assessor' as dim, assessor_id::text as v, bool_or(sees) as seen, coalesce(sum(n) filter (where sees), 0)::bigint as n
        from cand_groups group by assessor_id
      union all select 'module', module_slug, bool_or(sees), coalesce(sum(n) filter (where sees), 0)::bigint
        from cand_groups group by module_slug
      union all select 'method', m, bool_or(sees), coalesce(sum(n) filter (where sees), 0)::bigint
        from cand_groups cross join unnest(methods) m group by m
      union all select 'stage', case when interim then 'interim' else 'summative' end, bool_or(sees),
        coalesce(sum(n) filter (where sees), 0)::bigint from cand_groups group by interim
      union all select 'cohort', ${input.cohortId}::text, bool_or(sees), coalesce(sum(n) filter (where sees), 0)::bigint
        from cand_groups having count(*) > 0
    ),
    drawn_vals as (
      select distinct x.dim, x.v from drawn d cross join lateral (
        select 'assessor' as dim, d.assessor_id::text as v
        union all select 'module', d.module_slug
        union all select 'method', m from unnest(d.methods) m
        union all select 'stage', case when d.kind = 'judgement' then 'interim' else 'summative' end
        union all select 'cohort', ${input.cohortId}::text
      ) x
    ),
    uncov as materialized (
      select u.dim, u.v from vals u where u.seen and (u.dim, u.v) not in (select dim, v from drawn_vals)
    ),
    picks as (
      select * from (
        select u.dim, u.v, p.*, row_number() over (partition by u.dim, u.v order by p.score) as pick_rank
        from uncov u join (select c.* from quota q join cand c on c.id = q.id where q.rk > q.k) p
          on ${hasValue('p')}
      ) x where pick_rank <= (select count(*) + 1 from uncov)
    )
    select 'drawn' as part, id, kind, learner_id, assessor_id, module_slug, criterion_id, ${isoSql(sql`decided_at`)} as decided_at,
      methods, rule, rate, k, n, ordinal, null as dim, null as v, null::boolean as seen, score
    from drawn
    union all
    select 'pick', id, kind, learner_id, assessor_id, module_slug, criterion_id, ${isoSql(sql`decided_at`)},
      methods, null, null, null, null, null, dim, v, null, score
    from picks
    union all
    select 'value', null, null, null, null, null, null, null, null, null, null, null, n, null, dim, v, seen, null from vals
    union all
    select 'count', null, null, null, null, null, null, null, null, null,
      count(*) filter (where not own and in_plan and not sampled), count(*) filter (where own),
      count(*) filter (where not own and not in_plan), count(*) filter (where not own and in_plan and sampled),
      null, null, null, null
    from cand
    union all
    select 'history', null, null, null, assessor_id, null, null, ${isoSql(sql`dis_at`)}, null, null, null, null,
      dis_before, null, null, null, null, null
    from hist where dis_at is not null`,
  );

  const candidateOf = (r: Row): Candidate => ({
    id: r.id!,
    kind: r.kind!,
    assessorId: r.assessor_id!,
    learnerId: r.learner_id!,
    moduleSlug: r.module_slug!,
    criterionId: r.criterion_id,
    methods: pgArray(r.methods),
    cohortId: input.cohortId,
    decidedAt: r.decided_at!,
  });
  const drawnRows = rows.filter((r) => r.part === 'drawn');
  const picks = rows.filter((r) => r.part === 'pick');
  const values = rows.filter((r) => r.part === 'value');
  const count = rows.find((r) => r.part === 'count')!;
  const history: SamplerHistory = {
    disagreements: Object.fromEntries(
      rows
        .filter((r) => r.part === 'history')
        .map((r) => [r.assessor_id!, { at: r.decided_at!, decisionsBeforePeriod: Number(r.n) }]),
    ),
    covered: input.covered,
  };
  const seesBy = new Map(values.filter((v) => v.dim === 'assessor').map((v) => [v.v!, Number(v.n)] as const));
  const assessorIds = [
    ...new Set([
      ...values.filter((v) => v.dim === 'assessor').map((v) => v.v!),
      ...drawnRows.map((r) => r.assessor_id!),
    ]),
  ];
  const moduleSlugs = [...new Set(values.filter((v) => v.dim === 'module').map((v) => v.v!))];
  const labels = await input.label(assessorIds, moduleSlugs);
  const { rateText, coverageText, uncoveredText } = explainer(rules, history, labels, (a) => seesBy.get(a) ?? 0);

  const drawn = new Map<string, DrawnItem>();
  for (const r of drawnRows) {
    const c = candidateOf(r);
    const rule = r.rule!;
    drawn.set(c.id, {
      candidate: c,
      reasons: [{ rule, text: rateText(rule, Number(r.rate), Number(r.k), Number(r.n), Number(r.ordinal), c) }],
    });
  }

  // Coverage: the pure sampler's loop, over the values and the lowest-scoring candidates the statement returned.
  const uncovered: Uncovered[] = [];
  const scoreOf = new Map(picks.map((p) => [p.id!, p.score!]));
  for (const dimension of COVERAGE_DIMENSIONS) {
    const rule = rules.coverage.find((c) => c.dimension === dimension);
    if (!rule) continue;
    const covered = new Set([...drawn.values()].flatMap((i) => valuesOf(i.candidate, dimension)));
    if (rule.scope === 'plan') for (const v of input.covered?.[dimension] ?? []) covered.add(v);
    const wanted = values
      .filter((v) => v.dim === dimension)
      .map((v) => v.v!)
      .sort();
    const seen = new Set(values.filter((v) => v.dim === dimension && v.seen).map((v) => v.v!));
    for (const value of wanted) {
      if (covered.has(value)) continue;
      let pick: Candidate | undefined;
      for (const p of picks) {
        if (p.dim !== dimension || p.v !== value || drawn.has(p.id!)) continue;
        if (!pick || scoreOf.get(p.id!)! < scoreOf.get(pick.id)!) pick = candidateOf(p);
      }
      if (!pick) {
        if (!seen.has(value) || rule.scope === 'sample')
          uncovered.push({ dimension, value, text: uncoveredText(dimension, value, seen.has(value)) });
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
    result: {
      items: [...drawn.values()].sort((a, b) => byTime(a.candidate, b.candidate)),
      eligible: Number(count.rate),
      excluded: { own: Number(count.k), alreadySampled: Number(count.ordinal), otherModules: Number(count.n) },
      uncovered,
    },
    history,
    assessorIds,
    moduleSlugs,
  };
}
