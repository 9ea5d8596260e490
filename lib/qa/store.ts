import { performance } from 'node:perf_hooks';
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { qaSampleItems, qaSamples, samplingPlans, type SamplingPlanRow } from '@/db/schema';
import { audit } from '@/lib/audit';
import { getModule } from '@/lib/content';
import { ValidationError } from '@/lib/errors';
import { planRulesSchema, type CoverageDimension, type PlanRules } from './rules';
import { drawInDatabase, isoSql } from './draw-sql';
import {
  drawSample,
  type Candidate,
  type DrawnItem,
  type DrawResult,
  type SamplerHistory,
  type Uncovered,
} from './sampler';
import { canonicalJson, sha256Hex } from '@/lib/hash';
import { iso, lockCohortQa, query, uuidArray } from './shared';

/**
 * The database side of drawing a sample, with no permission check (lib/qa/draw.ts authorizes; the demo seed, run by
 * tsx outside Next, uses it directly, which is why this module is not marked server-only): load the period's
 * decisions (criterion judgements and report sign-offs for the cohort's learners) and the history the plan needs,
 * run the pure sampler (lib/qa/sampler.ts), take a snapshot of every drawn decision, and store the sample, its items
 * and the audit row.
 */

export interface PlanView {
  id: string;
  cohortId: string;
  version: number;
  name: string;
  rules: PlanRules;
  createdBy: string;
  createdAt: string;
}

function planView(row: SamplingPlanRow): PlanView {
  // Stored rules were validated on the way in; parsing again keeps a hand-edited row from reaching the sampler.
  return {
    id: row.id,
    cohortId: row.cohortId,
    version: row.version,
    name: row.name,
    rules: planRulesSchema.parse(row.rules),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The cohort's newest plan version, or null. */
export async function loadCurrentPlan(db: DbOrTx, cohortId: string): Promise<PlanView | null> {
  const [row] = await db
    .select()
    .from(samplingPlans)
    .where(eq(samplingPlans.cohortId, cohortId))
    .orderBy(desc(samplingPlans.version))
    .limit(1);
  return row ? planView(row) : null;
}

/**
 * Stores the cohort's plan as its next version, audited, inside the caller's transaction (which should hold
 * lockCohortQa). Rules are validated here whatever the caller did.
 */
export async function insertPlanVersion(
  tx: DbOrTx,
  input: { cohortId: string; name: string; rules: PlanRules; createdBy: string },
): Promise<PlanView> {
  const rules = planRulesSchema.parse(input.rules);
  const before = await loadCurrentPlan(tx, input.cohortId);
  const [row] = await tx
    .insert(samplingPlans)
    .values({
      cohortId: input.cohortId,
      version: sql`coalesce((select max(${samplingPlans.version}) from ${samplingPlans} where ${samplingPlans.cohortId} = ${input.cohortId}), 0) + 1`,
      name: input.name,
      rules,
      createdBy: input.createdBy,
    })
    .returning();
  await audit(tx, {
    actorId: input.createdBy,
    action: 'qa.plan.save',
    subjectType: 'sampling_plan',
    subjectId: row!.id,
    before: before ? { version: before.version, name: before.name, rules: before.rules } : null,
    after: { cohortId: input.cohortId, version: row!.version, name: row!.name, rules },
  });
  return planView(row!);
}

export interface DrawOutcome {
  sampleId: string;
  planId: string;
  planVersion: number;
  seed: string;
  candidateCount: number;
  items: {
    id: string;
    kind: Candidate['kind'];
    subjectId: string;
    assessorId: string;
    reasons: DrawnItem['reasons'];
  }[];
  excluded: { own: number; alreadySampled: number; otherModules: number };
  uncovered: Uncovered[];
  /** Milliseconds per phase (for the benchmark and logs). */
  timings: Record<'candidates' | 'history' | 'sampler' | 'snapshots' | 'insert', number>;
}

interface CandidateRow {
  id: string;
  kind: Candidate['kind'];
  learner_id: string;
  assessor_id: string;
  module_slug: string;
  criterion_id: string | null;
  decided_at: Date | string;
  methods: string[] | string | null;
  sampled: boolean;
}

const pgArray = (v: string[] | string | null): string[] => {
  if (Array.isArray(v)) return v;
  if (!v || v === '{}') return [];
  return v
    .slice(1, -1)
    .split(',')
    .map((s) => s.replace(/^"|"$/g, ''));
};

/**
 * The period's decisions for the cohort's learners. One statement each for judgements and sign-offs, driven by the
 * period (judgements_created_idx) and the cohort's members; whether a decision was sampled before comes along.
 */
export async function loadCandidates(
  db: DbOrTx,
  cohortId: string,
  from: Date,
  to: Date,
): Promise<{ candidates: Candidate[]; alreadySampled: string[] }> {
  const rows = await query<CandidateRow>(
    db,
    sql`
    select j.id, 'judgement' as kind, j.learner_id, j.assessor_id, j.module_slug, j.criterion_id, date_trunc('milliseconds', j.created_at) as decided_at,
      coalesce((select array_agg(distinct e.kind::text) from evidence e where e.id = any(j.evidence_ids)), '{}'::text[]) as methods,
      exists (select 1 from qa_sample_items i where i.judgement_id = j.id) as sampled
    from judgements j
    where j.created_at >= ${from.toISOString()} and j.created_at < ${to.toISOString()}
      and j.learner_id in (select m.learner_id from cohort_members m where m.cohort_id = ${cohortId})
    union all
    select d.id, 'sign_off' as kind, d.learner_id, d.assessor_id, d.module_slug, null as criterion_id, date_trunc('milliseconds', d.decided_at) as decided_at,
      array['report']::text[] as methods,
      exists (select 1 from qa_sample_items i where i.report_decision_id = d.id) as sampled
    from report_decisions d
    where d.outcome = 'signed_off' and d.decided_at >= ${from.toISOString()} and d.decided_at < ${to.toISOString()}
      and d.learner_id in (select m.learner_id from cohort_members m where m.cohort_id = ${cohortId})`,
  );
  const candidates = rows.map((r): Candidate => ({
    id: r.id,
    kind: r.kind,
    assessorId: r.assessor_id,
    learnerId: r.learner_id,
    moduleSlug: r.module_slug,
    criterionId: r.criterion_id,
    methods: pgArray(r.methods).sort(),
    cohortId,
    decidedAt: iso(r.decided_at),
  }));
  return { candidates, alreadySampled: rows.filter((r) => r.sampled).map((r) => r.id) };
}

/** What the plan's rates and coverage rules need to know beyond the period: bounded counts, one statement each. */
export async function loadHistory(
  db: DbOrTx,
  plan: PlanView,
  assessorIds: string[],
  from: Date,
): Promise<Omit<SamplerHistory, 'alreadySampled'>> {
  const history: Omit<SamplerHistory, 'alreadySampled'> = {};
  const ids = uuidArray(assessorIds);
  if (plan.rules.newAssessor && assessorIds.length) {
    // Only whether an assessor has made N decisions matters, so each count stops at N.
    const n = plan.rules.newAssessor.firstDecisions;
    const rows = await query<{ id: string; n: number | string }>(
      db,
      sql`
      select a.id,
        (select count(*) from (select 1 from judgements j where j.assessor_id = a.id and j.created_at < ${from.toISOString()} limit ${n}) x)
        + (select count(*) from (select 1 from report_decisions d where d.assessor_id = a.id and d.outcome = 'signed_off'
             and d.decided_at < ${from.toISOString()} limit ${n}) y) as n
      from unnest(${ids}) as a(id)`,
    );
    history.priorDecisions = Object.fromEntries(rows.map((r) => [r.id, Number(r.n)]));
  }
  if (plan.rules.afterDisagreement && assessorIds.length) {
    const n = plan.rules.afterDisagreement.forDecisions;
    // The newest current disagreement (not superseded) with each assessor's decisions, and how many decisions they
    // made between it and the period.
    const rows = await query<{ id: string; at: Date | string; before: number | string }>(
      db,
      sql`
      select w.assessor_id as id, w.at,
        (select count(*) from (select 1 from judgements j where j.assessor_id = w.assessor_id and j.created_at > w.at
           and j.created_at < ${from.toISOString()} limit ${n}) x) as before
      from (select i.assessor_id, date_trunc('milliseconds', max(d.created_at)) as at
            from qa_decisions d join qa_sample_items i on i.id = d.item_id
            where d.verdict = 'disagree' and i.assessor_id = any(${ids})
              and not exists (select 1 from qa_decisions s where s.supersedes_id = d.id)
            group by i.assessor_id) w`,
    );
    history.disagreements = Object.fromEntries(
      rows.map((r) => [r.id, { at: iso(r.at), decisionsBeforePeriod: Number(r.before) }]),
    );
  }
  const covered = await loadCovered(db, plan);
  if (covered) history.covered = covered;
  return history;
}

/** Values the plan's earlier samples reached, for coverage rules with scope 'plan' (undefined: no such rule). */
async function loadCovered(db: DbOrTx, plan: PlanView): Promise<SamplerHistory['covered']> {
  const planScope = plan.rules.coverage.filter((c) => c.scope === 'plan').map((c) => c.dimension);
  if (planScope.length) {
    const covered: Partial<Record<CoverageDimension, string[]>> = {};
    const inCohort = sql`i.sample_id in (select s.id from qa_samples s where s.cohort_id = ${plan.cohortId})`;
    const distinct = async (expr: ReturnType<typeof sql>) =>
      (await query<{ v: string }>(db, sql`select distinct ${expr} as v from qa_sample_items i where ${inCohort}`)).map(
        (r) => r.v,
      );
    for (const d of planScope) {
      if (d === 'assessor') covered.assessor = await distinct(sql`i.assessor_id::text`);
      if (d === 'module') covered.module = await distinct(sql`i.module_slug`);
      if (d === 'method') covered.method = await distinct(sql`unnest(i.methods)`);
      if (d === 'stage')
        covered.stage = await distinct(sql`case when i.kind = 'judgement' then 'interim' else 'summative' end`);
      if (d === 'cohort') covered.cohort = (await distinct(sql`1::text`)).length ? [plan.cohortId] : [];
    }
    return covered;
  }
  return undefined;
}

async function loadLabels(db: DbOrTx, assessorIds: string[], modules: string[], cohortId: string) {
  const people = assessorIds.length
    ? await query<{ id: string; name: string }>(
        db,
        sql`select id, name from users where id = any(${uuidArray(assessorIds)})`,
      )
    : [];
  const [cohort] = await query<{ name: string }>(db, sql`select name from cohorts where id = ${cohortId}`);
  return {
    assessors: Object.fromEntries(people.map((p) => [p.id, p.name])),
    modules: Object.fromEntries(
      modules.map((slug) => {
        const m = getModule(slug);
        return [slug, m ? `${m.title} (${m.code})` : slug];
      }),
    ),
    cohorts: cohort ? { [cohortId]: cohort.name } : {},
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshots: what the assessor decided on, as it is at the draw. Batched: a few statements for the whole sample.

type Row = Record<string, unknown>;

async function judgementSnapshots(db: DbOrTx, ids: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (!ids.length) return out;
  const arr = uuidArray(ids);
  const sampled = await query<Row>(
    db,
    sql`
    select id, learner_id, criterion_id, module_slug, outcome, feedback, assessor_id, evidence_ids, activity_seq, created_at
    from judgements where id = any(${arr})`,
  );
  const history = await query<Row>(
    db,
    sql`
    select j.id, j.learner_id, j.criterion_id, j.outcome, j.feedback, j.assessor_id, j.evidence_ids, j.activity_seq, j.created_at
    from judgements j
    join (select distinct learner_id, criterion_id from judgements where id = any(${arr})) k
      on k.learner_id = j.learner_id and k.criterion_id = j.criterion_id
    order by j.activity_seq`,
  );
  const mappings = await query<Row>(
    db,
    sql`
    select ec.evidence_id, ec.learner_id, ec.criterion_id, ec.note, ec.activity_seq
    from evidence_criteria ec
    join (select distinct learner_id, criterion_id from judgements where id = any(${arr})) k
      on k.learner_id = ec.learner_id and k.criterion_id = ec.criterion_id`,
  );
  const evidenceIds = [
    ...new Set([
      ...sampled.flatMap((j) => pgArray(j.evidence_ids as string[])),
      ...mappings.map((m) => m.evidence_id as string),
    ]),
  ];
  const evidenceRows = evidenceIds.length
    ? await query<Row>(
        db,
        sql`
    select e.id, e.kind, e.title, e.occurred_on, e.description, e.body, e.url, e.witness_name, e.witness_role, e.version,
      e.supersedes_id, e.superseded_by, e.worksheet_submission_id, e.updated_at,
      f.id as file_id, f.original_name, f.content_type, f.size_bytes, f.sha256
    from evidence e left join evidence_files f on f.id = e.file_id
    where e.id = any(${uuidArray(evidenceIds)})`,
      )
    : [];
  const reportLinks = await query<Row>(
    db,
    sql`
    select r.judgement_id, v.id as version_id, v.number, v.content_hash, v.total_words, v.counted_words
    from report_ac_judgements r join report_versions v on v.id = r.version_id
    where r.judgement_id = any(${arr})`,
  );
  const evidenceById = new Map(evidenceRows.map((e) => [e.id as string, e]));
  const key = (r: Row) => `${r.learner_id as string}|${r.criterion_id as string}`;
  const groupBy = (list: Row[], by: (r: Row) => string) => {
    const map = new Map<string, Row[]>();
    for (const r of list) {
      const k = by(r);
      const g = map.get(k);
      if (g) g.push(r);
      else map.set(k, [r]);
    }
    return map;
  };
  const historyByKey = groupBy(history, key);
  const mappingsByKey = groupBy(mappings, key);
  const linkByJudgement = new Map(reportLinks.map((r) => [r.judgement_id as string, r]));
  for (const j of sampled) {
    const seq = Number(j.activity_seq);
    const cited = new Set(pgArray(j.evidence_ids as string[]));
    const notes = new Map((mappingsByKey.get(key(j)) ?? []).map((m) => [m.evidence_id as string, m]));
    const considered = [
      ...new Set([
        ...cited,
        ...[...notes.values()].filter((m) => Number(m.activity_seq) <= seq).map((m) => m.evidence_id as string),
      ]),
    ].sort();
    const link = linkByJudgement.get(j.id as string);
    out.set(j.id as string, {
      kind: 'judgement',
      judgement: {
        id: j.id,
        learnerId: j.learner_id,
        criterionId: j.criterion_id,
        moduleSlug: j.module_slug,
        outcome: j.outcome,
        feedback: j.feedback,
        assessorId: j.assessor_id,
        evidenceIds: [...cited].sort(),
        activitySeq: seq,
        at: iso(j.created_at),
      },
      history: (historyByKey.get(key(j)) ?? []).map((h) => ({
        id: h.id,
        outcome: h.outcome,
        feedback: h.feedback,
        assessorId: h.assessor_id,
        evidenceIds: pgArray(h.evidence_ids as string[]),
        activitySeq: Number(h.activity_seq),
        at: iso(h.created_at),
        sampled: h.id === j.id,
      })),
      evidence: considered.map((id) => {
        const e = evidenceById.get(id);
        if (!e) return { id, missing: true };
        return {
          id,
          cited: cited.has(id),
          kind: e.kind,
          title: e.title,
          occurredOn: String(e.occurred_on).slice(0, 10),
          description: e.description,
          body: e.body ?? null,
          url: e.url ?? null,
          witnessName: e.witness_name ?? null,
          witnessRole: e.witness_role ?? null,
          version: Number(e.version),
          supersedesId: e.supersedes_id ?? null,
          supersededBy: e.superseded_by ?? null,
          worksheetSubmissionId: e.worksheet_submission_id ?? null,
          updatedAt: iso(e.updated_at),
          mappingNote: notes.get(id)?.note ?? null,
          file: e.file_id
            ? {
                id: e.file_id,
                name: e.original_name,
                contentType: e.content_type,
                sizeBytes: Number(e.size_bytes),
                sha256: e.sha256,
              }
            : null,
        };
      }),
      reportVersion: link
        ? {
            id: link.version_id,
            number: Number(link.number),
            contentHash: link.content_hash,
            totalWords: Number(link.total_words),
            countedWords: Number(link.counted_words),
          }
        : null,
    });
  }
  return out;
}

async function signOffSnapshots(db: DbOrTx, ids: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (!ids.length) return out;
  const arr = uuidArray(ids);
  const decisions = await query<Row>(
    db,
    sql`
    select d.id, d.learner_id, d.module_slug, d.assessor_id, d.outcome, d.feedback, d.range_marks, d.discussion, d.declaration,
      d.content_hash, d.counted_words, d.decided_at,
      v.id as version_id, v.number, v.content_hash as version_hash, v.total_words, v.counted_words as version_counted, v.excluded, v.submitted_at
    from report_decisions d join report_versions v on v.id = d.version_id
    where d.id = any(${arr})`,
  );
  const acs = await query<Row>(
    db,
    sql`
    select decision_id, ac_id, outcome, feedback from report_ac_judgements where decision_id = any(${arr}) order by ac_id`,
  );
  for (const d of decisions) {
    out.set(d.id as string, {
      kind: 'sign_off',
      decision: {
        id: d.id,
        learnerId: d.learner_id,
        moduleSlug: d.module_slug,
        assessorId: d.assessor_id,
        outcome: d.outcome,
        feedback: d.feedback,
        rangeMarks: d.range_marks,
        discussion: d.discussion,
        declaration: d.declaration,
        contentHash: d.content_hash,
        countedWords: Number(d.counted_words),
        at: iso(d.decided_at),
      },
      reportVersion: {
        id: d.version_id,
        number: Number(d.number),
        contentHash: d.version_hash,
        totalWords: Number(d.total_words),
        countedWords: Number(d.version_counted),
        excluded: d.excluded,
        submittedAt: iso(d.submitted_at),
      },
      criteria: acs
        .filter((a) => a.decision_id === d.id)
        .map((a) => ({ acId: a.ac_id, outcome: a.outcome, feedback: a.feedback })),
    });
  }
  return out;
}

function snapshotHash(snapshot: unknown): string {
  return sha256Hex(canonicalJson(snapshot));
}

// ---------------------------------------------------------------------------------------------------------------
// Judgement snapshots written by the database: the same value judgementSnapshots builds, as its canonical JSON text
// (keys sorted, no spaces: lib/hash.ts canonicalJson), so the SHA-256 is taken over the same text and
// verifySnapshot holds. Built per drawn judgement in the INSERT itself: nothing crosses to Node and back.

/** A JSON object's text with its keys in canonicalJson's order; values are SQL expressions yielding JSON text. */
function objectText(fields: Record<string, SQL>): SQL {
  const keys = Object.keys(fields).sort();
  return sql.join(
    [
      sql.raw(`'{'`),
      ...keys.flatMap((k, i) => [sql.raw(`'${i ? ',' : ''}"${k}":'`), sql`coalesce(${fields[k]!}, 'null')`]),
      sql.raw(`'}'`),
    ],
    sql.raw(' || '),
  );
}
const jsonText = (expr: SQL) => sql`to_json(${expr})::text`;
const idText = (expr: SQL) => sql`('"' || ${expr}::text || '"')`;
const numText = (expr: SQL) => sql`(${expr})::text`;
const isoText = (expr: SQL) => sql`('"' || ${isoSql(expr)} || '"')`;
const idList = (arrayExpr: SQL) =>
  sql`('[' || coalesce((select string_agg('"' || x::text || '"', ',' order by o) from unnest(${arrayExpr}) with ordinality t(x, o)), '') || ']')`;

// The parts of a judgement's snapshot, each built for every drawn judgement at once (one join and one aggregate per
// part, instead of three lookups per item): `j` is the drawn judgement, `h` a judgement of its history, `ev` an
// evidence id it considered with `e`, `f` and `m` its row, file and mapping note.

const judgementText = objectText({
  id: idText(sql`j.id`),
  learnerId: idText(sql`j.learner_id`),
  criterionId: jsonText(sql`j.criterion_id`),
  moduleSlug: jsonText(sql`j.module_slug`),
  outcome: jsonText(sql`j.outcome::text`),
  feedback: jsonText(sql`j.feedback`),
  assessorId: idText(sql`j.assessor_id`),
  evidenceIds: idList(sql`array(select distinct x from unnest(j.evidence_ids) x order by x)`),
  activitySeq: numText(sql`j.activity_seq`),
  at: isoText(sql`j.created_at`),
});

const historyEntryText = objectText({
  id: idText(sql`h.id`),
  outcome: jsonText(sql`h.outcome::text`),
  feedback: jsonText(sql`h.feedback`),
  assessorId: idText(sql`h.assessor_id`),
  evidenceIds: idList(sql`h.evidence_ids`),
  activitySeq: numText(sql`h.activity_seq`),
  at: isoText(sql`h.created_at`),
  sampled: sql`(h.id = j.id)::text`,
});

const evidenceEntryText = sql`case when e.id is null then ${objectText({
  id: idText(sql`ev.id`),
  missing: sql`'true'`,
})} else ${objectText({
  id: idText(sql`ev.id`),
  cited: sql`(ev.id = any(j.evidence_ids))::text`,
  kind: jsonText(sql`e.kind::text`),
  title: jsonText(sql`e.title`),
  occurredOn: jsonText(sql`e.occurred_on::text`),
  description: jsonText(sql`e.description`),
  body: jsonText(sql`e.body`),
  url: jsonText(sql`e.url`),
  witnessName: jsonText(sql`e.witness_name`),
  witnessRole: jsonText(sql`e.witness_role`),
  version: numText(sql`e.version`),
  supersedesId: idText(sql`e.supersedes_id`),
  supersededBy: idText(sql`e.superseded_by`),
  worksheetSubmissionId: idText(sql`e.worksheet_submission_id`),
  updatedAt: isoText(sql`e.updated_at`),
  mappingNote: jsonText(sql`m.note`),
  file: sql`case when e.file_id is null then 'null' else ${objectText({
    id: idText(sql`e.file_id`),
    name: jsonText(sql`f.original_name`),
    contentType: jsonText(sql`f.content_type`),
    sizeBytes: numText(sql`f.size_bytes`),
    sha256: jsonText(sql`f.sha256`),
  })} end`,
})} end`;

const reportVersionText = objectText({
  id: idText(sql`v.id`),
  number: numText(sql`v.number`),
  contentHash: jsonText(sql`v.content_hash`),
  totalWords: numText(sql`v.total_words`),
  countedWords: numText(sql`v.counted_words`),
});

/**
 * Inserts the drawn judgements as items of the sample, each with its snapshot and hash, in one statement. Set-based:
 * the history, the evidence and the report version of every drawn judgement are each one join and one aggregate
 * over all of them, and each snapshot's text is built once (a materialized CTE) for both the jsonb and its SHA-256.
 */
async function insertJudgementItems(
  tx: DbOrTx,
  sampleId: string,
  items: { position: number; id: string; methods: string[]; decidedAt: string; reasons: DrawnItem['reasons'] }[],
): Promise<{ id: string; position: number }[]> {
  if (!items.length) return [];
  return query<{ id: string; position: number }>(
    tx,
    sql`
    with
    drawn as materialized (
      select d.position, d.methods, d."decidedAt" as decided_at, d.reasons, j.*
      from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        as d(position int, id uuid, methods text[], "decidedAt" timestamptz, reasons jsonb)
      join judgements j on j.id = d.id
    ),
    history as (
      select j.id, '[' || string_agg(${historyEntryText}, ',' order by h.activity_seq) || ']' as text
      from drawn j join judgements h on h.learner_id = j.learner_id and h.criterion_id = j.criterion_id
      group by j.id
    ),
    mappings as materialized (
      -- Every mapping of each drawn judgement's criterion for its learner, read once: those made before the judgement
      -- are evidence it considered, and any mapping gives an evidence entry its note.
      select j.id as judgement_id, c.evidence_id, c.note, c.activity_seq <= j.activity_seq as before
      from drawn j join evidence_criteria c on c.learner_id = j.learner_id and c.criterion_id = j.criterion_id
    ),
    considered as (
      -- What the assessor had before them: the evidence cited, and every mapping made before the judgement.
      select j.id as judgement_id, x.id from drawn j cross join unnest(j.evidence_ids) as x(id)
      union
      select judgement_id, evidence_id from mappings where before
    ),
    evidence_list as (
      select j.id, '[' || string_agg(${evidenceEntryText}, ',' order by ev.id::text collate "C") || ']' as text
      from considered ev join drawn j on j.id = ev.judgement_id
      left join evidence e on e.id = ev.id
      left join evidence_files f on f.id = e.file_id
      left join mappings m on m.judgement_id = j.id and m.evidence_id = ev.id
      group by j.id
    ),
    report_version as (
      select distinct on (r.judgement_id) r.judgement_id as id, ${reportVersionText} as text
      from report_ac_judgements r join report_versions v on v.id = r.version_id
      where r.judgement_id in (select id from drawn)
      order by r.judgement_id
    ),
    snapshots as materialized (
      select j.position, j.id, j.learner_id, j.assessor_id, j.module_slug, j.criterion_id, j.methods, j.decided_at, j.reasons,
        ${objectText({
          evidence: sql`coalesce(el.text, '[]')`,
          history: sql`hi.text`,
          judgement: judgementText,
          kind: sql`'"judgement"'`,
          reportVersion: sql`rv.text`,
        })} as text
      from drawn j
      left join history hi on hi.id = j.id
      left join evidence_list el on el.id = j.id
      left join report_version rv on rv.id = j.id
    )
    insert into qa_sample_items (sample_id, position, kind, judgement_id, learner_id, assessor_id, module_slug,
      criterion_id, methods, decided_at, reasons, snapshot, snapshot_sha256)
    select ${sampleId}, s.position, 'judgement', s.id, s.learner_id, s.assessor_id, s.module_slug, s.criterion_id,
      s.methods, s.decided_at, s.reasons, s.text::jsonb, encode(sha256(convert_to(s.text, 'UTF8')), 'hex')
    from snapshots s
    order by s.position
    returning id, position`,
  );
}

/** Which way a draw is computed: in the database (the default), or in Node by the pure sampler (the reference). */
export type DrawEngine = 'database' | 'node';

/**
 * Draws and stores a sample by the cohort's current plan for decisions made in [from, to), inside the caller's
 * transaction. `iqaId`'s own decisions are never candidates (and the database refuses them as items too).
 * Both engines give the same sample, reasons and snapshots (tests/integration/qa-draw-sql.test.ts); the database
 * one does the heavy work (candidates, history, rates, snapshots) where the data and indexes are.
 */
export async function performDraw(
  tx: DbOrTx,
  input: { iqaId: string; cohortId: string; from: Date; to: Date; seed: string },
  engine: DrawEngine = 'database',
): Promise<DrawOutcome> {
  const { iqaId, seed } = input;
  let t = performance.now();
  const lap = () => {
    const ms = performance.now() - t;
    t = performance.now();
    return Math.round(ms);
  };
  // One draw per cohort at a time, so two draws never take the same decision, and a plan cannot change mid-draw.
  await lockCohortQa(tx, input.cohortId);
  const plan = await loadCurrentPlan(tx, input.cohortId);
  if (!plan) throw new ValidationError('This cohort has no sampling plan yet: write one before drawing a sample.');
  let result: DrawResult;
  let candidatesMs: number;
  let historyMs: number;
  let samplerMs: number;
  if (engine === 'database') {
    const covered = await loadCovered(tx, plan);
    historyMs = lap();
    ({ result } = await drawInDatabase(tx, {
      plan,
      cohortId: input.cohortId,
      from: input.from,
      to: input.to,
      seed,
      iqaId,
      covered,
      label: (assessorIds, modules) => loadLabels(tx, assessorIds, modules, input.cohortId),
    }));
    candidatesMs = lap();
    samplerMs = 0;
  } else {
    const { candidates, alreadySampled } = await loadCandidates(tx, input.cohortId, input.from, input.to);
    candidatesMs = lap();
    const assessorIds = [...new Set(candidates.map((c) => c.assessorId))].filter((id) => id !== iqaId).sort();
    const history = { ...(await loadHistory(tx, plan, assessorIds, input.from)), alreadySampled };
    const labels = await loadLabels(
      tx,
      [...new Set(candidates.map((c) => c.assessorId))],
      [...new Set(candidates.map((c) => c.moduleSlug))],
      input.cohortId,
    );
    historyMs = lap();
    result = drawSample({ plan, candidates, seed, iqaId: iqaId, history, labels });
    samplerMs = lap();
  }

  const [sample] = await tx
    .insert(qaSamples)
    .values({
      planId: plan.id,
      planVersion: plan.version,
      cohortId: input.cohortId,
      seed,
      periodFrom: input.from,
      periodTo: input.to,
      candidateCount: result.eligible,
      drawnBy: iqaId,
    })
    .returning({ id: qaSamples.id });
  const positioned = result.items.map((item, i) => ({ item, position: i + 1 }));
  const inDatabase = engine === 'database' ? positioned.filter((p) => p.item.candidate.kind === 'judgement') : [];
  const inNode = engine === 'database' ? positioned.filter((p) => p.item.candidate.kind !== 'judgement') : positioned;

  const judgementIds = inNode.filter((p) => p.item.candidate.kind === 'judgement').map((p) => p.item.candidate.id);
  const signOffIds = inNode.filter((p) => p.item.candidate.kind === 'sign_off').map((p) => p.item.candidate.id);
  const snapshots = new Map([
    ...(await judgementSnapshots(tx, judgementIds)),
    ...(await signOffSnapshots(tx, signOffIds)),
  ]);
  const snapshotsMs = lap();

  const rows = inNode.map(({ item, position }) => {
    const c = item.candidate;
    const snapshot = snapshots.get(c.id);
    if (!snapshot) throw new Error(`qa draw: no snapshot for ${c.kind} ${c.id}`);
    return {
      sampleId: sample!.id,
      position,
      kind: c.kind,
      judgementId: c.kind === 'judgement' ? c.id : null,
      reportDecisionId: c.kind === 'sign_off' ? c.id : null,
      learnerId: c.learnerId,
      assessorId: c.assessorId,
      moduleSlug: c.moduleSlug,
      criterionId: c.criterionId,
      methods: c.methods,
      decidedAt: new Date(c.decidedAt),
      reasons: item.reasons,
      snapshot,
      snapshotSha256: snapshotHash(snapshot),
    };
  });
  const inserted: { id: string; position: number }[] = await insertJudgementItems(
    tx,
    sample!.id,
    inDatabase.map(({ item, position }) => ({
      position,
      id: item.candidate.id,
      methods: item.candidate.methods,
      decidedAt: item.candidate.decidedAt,
      reasons: item.reasons,
    })),
  );
  if (inserted.length !== inDatabase.length) throw new Error('qa draw: a drawn judgement was not stored');
  for (let i = 0; i < rows.length; i += 500) {
    inserted.push(
      ...(await tx
        .insert(qaSampleItems)
        .values(rows.slice(i, i + 500))
        .returning({ id: qaSampleItems.id, position: qaSampleItems.position })),
    );
  }
  const idAt = new Map(inserted.map((r) => [Number(r.position), r.id]));
  await audit(tx, {
    actorId: iqaId,
    action: 'qa.sample.draw',
    subjectType: 'qa_sample',
    subjectId: sample!.id,
    after: {
      cohortId: input.cohortId,
      planId: plan.id,
      planVersion: plan.version,
      seed,
      from: input.from.toISOString(),
      to: input.to.toISOString(),
      candidates: result.eligible,
      items: result.items.length,
      excluded: result.excluded,
      uncovered: result.uncovered,
    },
  });
  return {
    sampleId: sample!.id,
    planId: plan.id,
    planVersion: plan.version,
    seed,
    candidateCount: result.eligible,
    items: result.items.map((item, i) => ({
      id: idAt.get(i + 1)!,
      kind: item.candidate.kind,
      subjectId: item.candidate.id,
      assessorId: item.candidate.assessorId,
      reasons: item.reasons,
    })),
    excluded: result.excluded,
    uncovered: result.uncovered,
    timings: {
      candidates: candidatesMs,
      history: historyMs,
      sampler: samplerMs,
      snapshots: snapshotsMs,
      insert: lap(),
    },
  };
}

/** A stored item's snapshot still hashes to what was stored with it. */
export async function verifySnapshot(db: DbOrTx, itemId: string): Promise<boolean> {
  const [row] = await db
    .select({ snapshot: qaSampleItems.snapshot, sha: qaSampleItems.snapshotSha256 })
    .from(qaSampleItems)
    .where(eq(qaSampleItems.id, itemId));
  return Boolean(row) && snapshotHash(row!.snapshot) === row!.sha;
}
