import { performance } from 'node:perf_hooks';
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { qaSampleItems, qaSamples, samplingPlans, type SamplingPlanRow } from '@/db/schema';
import { audit } from '@/lib/audit';
import { getModule } from '@/lib/content';
import { ValidationError } from '@/lib/errors';
import { planRulesSchema, type CoverageDimension, type PlanRules } from './rules';
import { drawSample, type Candidate, type DrawnItem, type SamplerHistory, type Uncovered } from './sampler';
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
    select j.id, 'judgement' as kind, j.learner_id, j.assessor_id, j.module_slug, j.criterion_id, j.created_at as decided_at,
      coalesce((select array_agg(distinct e.kind::text) from evidence e where e.id = any(j.evidence_ids)), '{}'::text[]) as methods,
      exists (select 1 from qa_sample_items i where i.judgement_id = j.id) as sampled
    from judgements j
    where j.created_at >= ${from.toISOString()} and j.created_at < ${to.toISOString()}
      and j.learner_id in (select m.learner_id from cohort_members m where m.cohort_id = ${cohortId})
    union all
    select d.id, 'sign_off' as kind, d.learner_id, d.assessor_id, d.module_slug, null as criterion_id, d.decided_at,
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
      from (select i.assessor_id, max(d.created_at) as at
            from qa_decisions d join qa_sample_items i on i.id = d.item_id
            where d.verdict = 'disagree' and i.assessor_id = any(${ids})
              and not exists (select 1 from qa_decisions s where s.supersedes_id = d.id)
            group by i.assessor_id) w`,
    );
    history.disagreements = Object.fromEntries(
      rows.map((r) => [r.id, { at: iso(r.at), decisionsBeforePeriod: Number(r.before) }]),
    );
  }
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
    history.covered = covered;
  }
  return history;
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

/**
 * Draws and stores a sample by the cohort's current plan for decisions made in [from, to), inside the caller's
 * transaction. `iqaId`'s own decisions are never candidates (and the database refuses them as items too).
 */
export async function performDraw(
  tx: DbOrTx,
  input: { iqaId: string; cohortId: string; from: Date; to: Date; seed: string },
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
  const { candidates, alreadySampled } = await loadCandidates(tx, input.cohortId, input.from, input.to);
  const candidatesMs = lap();
  const assessorIds = [...new Set(candidates.map((c) => c.assessorId))].filter((id) => id !== iqaId).sort();
  const history = { ...(await loadHistory(tx, plan, assessorIds, input.from)), alreadySampled };
  const labels = await loadLabels(
    tx,
    [...new Set(candidates.map((c) => c.assessorId))],
    [...new Set(candidates.map((c) => c.moduleSlug))],
    input.cohortId,
  );
  const historyMs = lap();
  const result = drawSample({ plan, candidates, seed, iqaId: iqaId, history, labels });
  const samplerMs = lap();

  const judgementIds = result.items.filter((i) => i.candidate.kind === 'judgement').map((i) => i.candidate.id);
  const signOffIds = result.items.filter((i) => i.candidate.kind === 'sign_off').map((i) => i.candidate.id);
  const snapshots = new Map([
    ...(await judgementSnapshots(tx, judgementIds)),
    ...(await signOffSnapshots(tx, signOffIds)),
  ]);
  const snapshotsMs = lap();

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
  const rows = result.items.map((item, position) => {
    const c = item.candidate;
    const snapshot = snapshots.get(c.id);
    if (!snapshot) throw new Error(`qa draw: no snapshot for ${c.kind} ${c.id}`);
    return {
      sampleId: sample!.id,
      position: position + 1,
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
  const inserted: { id: string; position: number }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    inserted.push(
      ...(await tx
        .insert(qaSampleItems)
        .values(rows.slice(i, i + 500))
        .returning({ id: qaSampleItems.id, position: qaSampleItems.position })),
    );
  }
  const idAt = new Map(inserted.map((r) => [r.position, r.id]));
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
      items: rows.length,
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
