import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import type { QaVerdict } from '@/db/schema';
import { getModule } from '@/lib/content';
import { describeItem } from '@/lib/evidence/criteria';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { authorizeEqaSample, authorizeIqa, IQA_CAPABLE_ROLES, type Actor } from '@/lib/permissions';
import { type CoverageDimension, type PlanRules } from './rules';
import { loadCurrentPlan, type PlanView } from './store';
import { isUuid, uuidSchema } from '@/lib/ids';
import { agreementByMonth, type AssessorAgreement } from './agreement';
import { awaitingCountersignature, type AwaitingCountersignature } from './countersign';
import { responsesTo, type ActionResponseView } from './responses';
import { loadQaSettings } from './settings';
import { iso, query } from './shared';
import { evidence as evidenceTable } from '@/db/schema';
import type { WitnessConfirmation } from '@/lib/links/types';
import { witnessStatuses } from '@/lib/links/witness';
import { dayField } from '@/lib/validate';

/**
 * What the quality pages show (issue 20, step 2): the IQA's home (plans, samples, actions, coverage), one sampled item
 * (its frozen snapshot beside the current record, the reasons it was drawn, the decision history), and an assessor's
 * own QA feedback. Each function authorizes first and returns plain data, only what the page shows.
 */

const day = (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : (v as Date).toISOString().slice(0, 10));
const moduleName = (slug: string) => {
  const m = getModule(slug);
  return m ? `${m.code} ${m.title}` : slug;
};

interface Reason {
  rule: string;
  text: string;
}

interface OpenAction {
  id: string;
  text: string;
  dueOn: string;
  overdue: boolean;
  itemId: string;
  assessorName: string;
  learnerName: string;
  subject: string;
  /** The assessor has responded to it (the IQA reads the response on the item, then closes the action). */
  responded: boolean;
}

interface CoverageRow {
  assessorId: string;
  assessorName: string;
  moduleSlug: string;
  moduleName: string;
  stage: 'interim' | 'summative';
  inPeriod: number;
  sampled: number;
  /** The viewer's own decisions: never theirs to sample (another IQA's). */
  own: boolean;
}

export interface QualityCohort {
  id: string;
  name: string;
  plan: (Pick<PlanView, 'version' | 'name' | 'createdAt'> & { rulesInWords: string[] }) | null;
  samples: {
    id: string;
    drawnAt: string;
    drawnBy: string;
    periodFrom: string;
    periodTo: string;
    candidateCount: number;
    items: {
      id: string;
      kind: 'judgement' | 'sign_off';
      subject: string;
      learnerName: string;
      assessorName: string;
      reasons: Reason[];
      verdict: QaVerdict | null;
    }[];
  }[];
  openActions: OpenAction[];
  /** The period coverage counts: from the earliest sampled period's start to the latest one's end (none: no samples). */
  coveragePeriod: { from: string; to: string } | null;
  coverage: CoverageRow[];
  /** Per assessor, per UK month of their decision: sampled decisions with a current verdict, and how many agreed. */
  agreement: AssessorAgreement[];
  /** What the draw form offers: the last four weeks, to today. */
  defaultPeriod: { from: string; to: string };
  /** The cohort requires an IQA's countersignature before a signed-off unit counts as complete. */
  countersignRequired: boolean;
  /** Sign-offs in force that no IQA has countersigned yet, oldest first. */
  awaitingCountersignature: AwaitingCountersignature[];
}

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`;
const DIMENSION: Record<CoverageDimension, string> = {
  assessor: 'every assessor',
  module: 'every unit or module',
  method: 'every assessment method',
  stage: 'interim and summative decisions',
  cohort: 'the cohort',
};

/** A plan's rules as sentences, for people who do not read JSON. */
export function rulesInWords(rules: PlanRules): string[] {
  const out = [`${pct(rules.standardRate)} of each assessor’s criterion decisions.`];
  if (rules.signOffRate !== undefined) out.push(`${pct(rules.signOffRate)} of report sign-offs.`);
  if (rules.newAssessor)
    out.push(`${pct(rules.newAssessor.rate)} of a new assessor’s first ${rules.newAssessor.firstDecisions} decisions.`);
  if (rules.afterDisagreement)
    out.push(
      `${pct(rules.afterDisagreement.rate)} of an assessor’s next ${rules.afterDisagreement.forDecisions} decisions after a disagreement.`,
    );
  for (const c of rules.coverage)
    out.push(
      `Cover ${DIMENSION[c.dimension]} ${c.scope === 'sample' ? 'in every sample' : 'over the plan’s samples'}.`,
    );
  if (rules.modules) out.push(`Only these modules: ${rules.modules.map(moduleName).join(', ')}.`);
  return out;
}

function subjectOf(kind: string, criterionId: string | null, moduleSlug: string): string {
  if (kind === 'sign_off') return `Report sign-off, ${moduleName(moduleSlug)}`;
  const d = describeItem(criterionId ?? '');
  return `${d.label}: ${d.text}`;
}

/** The cohorts the actor is an IQA of, by name. A 403 for an account that is the IQA of none. */
async function myCohorts(actor: Actor, db: DbOrTx): Promise<{ id: string; name: string }[]> {
  if (!(IQA_CAPABLE_ROLES as readonly string[]).includes(actor.role))
    throw new ForbiddenError('Only an internal quality assurer can open quality assurance.');
  const rows = await query<{ id: string; name: string }>(
    db,
    sql`
    select c.id, c.name from iqa_cohorts q join cohorts c on c.id = q.cohort_id where q.iqa_id = ${actor.id} order by c.name`,
  );
  if (!rows.length)
    throw new ForbiddenError(
      'Only an internal quality assurer can open quality assurance: you are not the IQA of any cohort.',
    );
  return rows;
}

/** The IQA's home: for each cohort they quality-assure, the plan, the samples, open actions and coverage. */
export async function getQualityHome(actor: Actor, db: DbOrTx = getDb(), today = new Date()): Promise<QualityCohort[]> {
  const cohorts = await myCohorts(actor, db);
  const todayIso = today.toISOString().slice(0, 10);
  const out: QualityCohort[] = [];
  for (const cohort of cohorts) {
    const plan = await loadCurrentPlan(db, cohort.id);
    const samples = await query<{
      id: string;
      drawn_at: Date | string;
      drawn_by: string;
      period_from: Date | string;
      period_to: Date | string;
      candidate_count: number;
    }>(
      db,
      sql`
      select s.id, s.drawn_at, u.name as drawn_by, s.period_from, s.period_to, s.candidate_count
      from qa_samples s join users u on u.id = s.drawn_by where s.cohort_id = ${cohort.id} order by s.drawn_at desc`,
    );
    const items = await query<{
      id: string;
      sample_id: string;
      kind: 'judgement' | 'sign_off';
      criterion_id: string | null;
      module_slug: string;
      learner: string;
      assessor: string;
      reasons: Reason[];
      verdict: QaVerdict | null;
    }>(
      db,
      sql`
      select i.id, i.sample_id, i.kind, i.criterion_id, i.module_slug, l.name as learner, a.name as assessor, i.reasons, d.verdict
      from qa_sample_items i join qa_samples s on s.id = i.sample_id
      join users l on l.id = i.learner_id join users a on a.id = i.assessor_id
      left join qa_decisions d on d.item_id = i.id and not exists (select 1 from qa_decisions n where n.supersedes_id = d.id)
      where s.cohort_id = ${cohort.id} order by i.sample_id, i.position`,
    );
    const actions = await query<{
      id: string;
      text: string;
      due_on: string | Date;
      item_id: string;
      kind: string;
      criterion_id: string | null;
      module_slug: string;
      learner: string;
      assessor: string;
      responded: boolean;
    }>(
      db,
      sql`
      select a.id, a.text, a.due_on, i.id as item_id, i.kind, i.criterion_id, i.module_slug, l.name as learner, u.name as assessor,
        exists (select 1 from qa_action_responses r where r.action_id = a.id) as responded
      from qa_actions a join qa_decisions d on d.id = a.decision_id join qa_sample_items i on i.id = d.item_id
      join qa_samples s on s.id = i.sample_id join users l on l.id = i.learner_id join users u on u.id = i.assessor_id
      where s.cohort_id = ${cohort.id} and a.closed_at is null
        and not exists (select 1 from qa_decisions n where n.supersedes_id = d.id)
      order by a.due_on, a.id`,
    );
    const verdicts = await query<{
      subject_id: string;
      assessor_id: string;
      assessor: string;
      decided_at: Date | string;
      verdict: QaVerdict;
      verdict_at: Date | string;
    }>(
      db,
      sql`
      select coalesce(i.judgement_id, i.report_decision_id) as subject_id, i.assessor_id, a.name as assessor, i.decided_at,
        d.verdict, d.created_at as verdict_at
      from qa_sample_items i join qa_samples s on s.id = i.sample_id join users a on a.id = i.assessor_id
      join qa_decisions d on d.item_id = i.id and not exists (select 1 from qa_decisions n where n.supersedes_id = d.id)
      where s.cohort_id = ${cohort.id}`,
    );
    let coveragePeriod: QualityCohort['coveragePeriod'] = null;
    let coverage: CoverageRow[] = [];
    if (samples.length) {
      const from = new Date(Math.min(...samples.map((s) => new Date(s.period_from).getTime())));
      const to = new Date(Math.max(...samples.map((s) => new Date(s.period_to).getTime())));
      coveragePeriod = { from: from.toISOString(), to: to.toISOString() };
      const rows = await query<{
        assessor_id: string;
        assessor: string;
        module_slug: string;
        stage: 'interim' | 'summative';
        in_period: number | string;
        sampled: number | string;
      }>(
        db,
        sql`
        select x.assessor_id, u.name as assessor, x.module_slug, x.stage, count(*) as in_period, count(*) filter (where x.sampled) as sampled
        from (
          select j.assessor_id, j.module_slug, 'interim' as stage, exists (select 1 from qa_sample_items i where i.judgement_id = j.id) as sampled
          from judgements j
          where j.created_at >= ${from.toISOString()} and j.created_at < ${to.toISOString()}
            and j.learner_id in (select m.learner_id from cohort_members m where m.cohort_id = ${cohort.id})
          union all
          select d.assessor_id, d.module_slug, 'summative' as stage, exists (select 1 from qa_sample_items i where i.report_decision_id = d.id) as sampled
          from report_decisions d
          where d.outcome = 'signed_off' and d.decided_at >= ${from.toISOString()} and d.decided_at < ${to.toISOString()}
            and d.learner_id in (select m.learner_id from cohort_members m where m.cohort_id = ${cohort.id})
        ) x join users u on u.id = x.assessor_id
        group by x.assessor_id, u.name, x.module_slug, x.stage
        order by u.name, x.module_slug, x.stage`,
      );
      coverage = rows.map((r) => ({
        assessorId: r.assessor_id,
        assessorName: r.assessor,
        moduleSlug: r.module_slug,
        moduleName: moduleName(r.module_slug),
        stage: r.stage,
        inPeriod: Number(r.in_period),
        sampled: Number(r.sampled),
        own: r.assessor_id === actor.id,
      }));
    }
    out.push({
      id: cohort.id,
      name: cohort.name,
      plan: plan
        ? { version: plan.version, name: plan.name, createdAt: plan.createdAt, rulesInWords: rulesInWords(plan.rules) }
        : null,
      samples: samples.map((s) => ({
        id: s.id,
        drawnAt: iso(s.drawn_at),
        drawnBy: s.drawn_by,
        periodFrom: iso(s.period_from),
        periodTo: iso(s.period_to),
        candidateCount: Number(s.candidate_count),
        items: items
          .filter((i) => i.sample_id === s.id)
          .map((i) => ({
            id: i.id,
            kind: i.kind,
            subject: subjectOf(i.kind, i.criterion_id, i.module_slug),
            learnerName: i.learner,
            assessorName: i.assessor,
            reasons: i.reasons,
            verdict: i.verdict,
          })),
      })),
      openActions: actions.map((a) => ({
        id: a.id,
        text: a.text,
        dueOn: day(a.due_on),
        overdue: day(a.due_on) < todayIso,
        itemId: a.item_id,
        assessorName: a.assessor,
        learnerName: a.learner,
        subject: subjectOf(a.kind, a.criterion_id, a.module_slug),
        responded: Boolean(a.responded),
      })),
      coveragePeriod,
      coverage,
      agreement: agreementByMonth(
        verdicts.map((v) => ({
          subjectId: v.subject_id,
          assessorId: v.assessor_id,
          assessorName: v.assessor,
          decidedAt: iso(v.decided_at),
          verdict: v.verdict,
          verdictAt: iso(v.verdict_at),
        })),
      ),
      defaultPeriod: { from: new Date(today.getTime() - 28 * 86_400_000).toISOString().slice(0, 10), to: todayIso },
      countersignRequired: (await loadQaSettings(db, cohort.id)).countersignRequired,
      awaitingCountersignature: await awaitingCountersignature(db, cohort.id, actor),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// One sampled item.

interface DecisionView {
  id: string;
  verdict: QaVerdict;
  feedback: string;
  iqaName: string;
  at: string;
  supersedesId: string | null;
  actions: {
    id: string;
    text: string;
    dueOn: string;
    closedAt: string | null;
    closingNote: string | null;
    responses: ActionResponseView[];
  }[];
}

export interface SampledItemView {
  id: string;
  cohortName: string;
  kind: 'judgement' | 'sign_off';
  subject: string;
  moduleSlug: string;
  learner: { id: string; name: string };
  assessor: { id: string; name: string };
  decidedAt: string;
  sample: { id: string; drawnAt: string; periodFrom: string; periodTo: string; planVersion: number };
  reasons: Reason[];
  snapshotSha256: string;
  /** The frozen record, as stored at the draw (see lib/qa/store.ts for its shape). */
  snapshot: SnapshotView;
  /** The record as it is now. */
  current: CurrentView;
  /** The witness's answer by link to each witness statement in the snapshot, as it stands now (lib/links/witness.ts). */
  witnessConfirmations: Record<string, WitnessConfirmation>;
  decisions: DecisionView[];
  /** The decision a new one must supersede (the newest link of the chain), or null before the first. */
  currentDecisionId: string | null;
  /** The item is the viewer's own assessment decision: they may read it but never decide on it. */
  own: boolean;
  /** The viewer may record a verdict: an IQA of the cohort (an administrator only reads), and not their own decision. */
  canDecide: boolean;
  /** The due date the decision form offers for an action: two weeks from today. */
  defaultDue: string;
}

export interface JudgementLine {
  id: string;
  outcome: string;
  feedback: string;
  assessorName: string;
  at: string;
  sampled?: boolean;
}
interface SnapshotView {
  judgements: JudgementLine[];
  evidence: {
    id: string;
    title: string;
    kind: string;
    occurredOn: string;
    description: string;
    body: string | null;
    url: string | null;
    cited: boolean;
    mappingNote: string | null;
    version: number;
    file: { id: string; name: string; contentType: string; sha256: string; sizeBytes: number } | null;
    missing?: boolean;
  }[];
  reportVersion: { number: number; contentHash: string; totalWords: number; countedWords: number } | null;
  signOff: {
    outcome: string;
    feedback: string;
    contentHash: string;
    countedWords: number;
    at: string;
    criteria: { acId: string; label: string; outcome: string }[];
  } | null;
}
interface CurrentView {
  judgements: JudgementLine[];
  reportDecisions: {
    id: string;
    outcome: string;
    /** An IQA's disagreement took this sign-off out of force (it stays recorded). */
    superseded: boolean;
    countersigned: boolean;
    assessorName: string;
    at: string;
    contentHash: string;
    countedWords: number;
    versionNumber: number;
  }[];
}

type Snap = Record<string, unknown>;
const str = (v: unknown) => (v == null ? '' : String(v));

async function namesOf(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id) => isUuid(id)))];
  if (!unique.length) return new Map();
  const rows = await query<{ id: string; name: string }>(
    db,
    sql`select id, name from users where id in (${sql.join(
      unique.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

function snapshotView(raw: Snap, names: Map<string, string>): SnapshotView {
  if (raw.kind === 'sign_off') {
    const d = raw.decision as Snap;
    const v = raw.reportVersion as Snap;
    return {
      judgements: [],
      evidence: [],
      reportVersion: {
        number: Number(v.number),
        contentHash: str(v.contentHash),
        totalWords: Number(v.totalWords),
        countedWords: Number(v.countedWords),
      },
      signOff: {
        outcome: str(d.outcome),
        feedback: str(d.feedback),
        contentHash: str(d.contentHash),
        countedWords: Number(d.countedWords),
        at: str(d.at),
        criteria: ((raw.criteria as Snap[]) ?? []).map((c) => ({
          acId: str(c.acId),
          label: describeItem(str(c.acId)).label,
          outcome: str(c.outcome),
        })),
      },
    };
  }
  const rv = raw.reportVersion as Snap | null;
  return {
    judgements: ((raw.history as Snap[]) ?? []).map((h) => ({
      id: str(h.id),
      outcome: str(h.outcome),
      feedback: str(h.feedback),
      assessorName: names.get(str(h.assessorId)) ?? 'Unknown',
      at: str(h.at),
      sampled: Boolean(h.sampled),
    })),
    evidence: ((raw.evidence as Snap[]) ?? []).map((e) => {
      const f = e.file as Snap | null;
      return {
        id: str(e.id),
        title: str(e.title),
        kind: str(e.kind),
        occurredOn: str(e.occurredOn),
        description: str(e.description),
        body: (e.body as string | null) ?? null,
        url: (e.url as string | null) ?? null,
        cited: Boolean(e.cited),
        mappingNote: (e.mappingNote as string | null) ?? null,
        version: Number(e.version ?? 1),
        file: f
          ? {
              id: str(f.id),
              name: str(f.name),
              contentType: str(f.contentType),
              sha256: str(f.sha256),
              sizeBytes: Number(f.sizeBytes),
            }
          : null,
        missing: Boolean(e.missing) || undefined,
      };
    }),
    reportVersion: rv
      ? {
          number: Number(rv.number),
          contentHash: str(rv.contentHash),
          totalWords: Number(rv.totalWords),
          countedWords: Number(rv.countedWords),
        }
      : null,
    signOff: null,
  };
}

/**
 * A sampled item for an IQA of its cohort (or an administrator, or an EQA whose open visit it is shared with): snapshot,
 * current record, reasons and decisions.
 */
export async function getSampledItem(
  actor: Actor,
  itemId: string,
  db: DbOrTx = getDb(),
  today = new Date(),
): Promise<SampledItemView> {
  if (!isUuid(itemId)) throw new NotFoundError('We could not find that sampled decision.');
  const [item] = await query<{
    id: string;
    kind: 'judgement' | 'sign_off';
    criterion_id: string | null;
    module_slug: string;
    learner_id: string;
    assessor_id: string;
    decided_at: Date | string;
    reasons: Reason[];
    snapshot: Snap;
    snapshot_sha256: string;
    sample_id: string;
    drawn_at: Date | string;
    period_from: Date | string;
    period_to: Date | string;
    plan_version: number;
    cohort_id: string;
    cohort_name: string;
  }>(
    db,
    sql`
    select i.id, i.kind, i.criterion_id, i.module_slug, i.learner_id, i.assessor_id, i.decided_at, i.reasons, i.snapshot, i.snapshot_sha256,
      s.id as sample_id, s.drawn_at, s.period_from, s.period_to, s.plan_version, s.cohort_id, c.name as cohort_name
    from qa_sample_items i join qa_samples s on s.id = i.sample_id join cohorts c on c.id = s.cohort_id
    where i.id = ${itemId}`,
  );
  if (!item) throw new NotFoundError('We could not find that sampled decision.');
  // An external quality assurer reads an item of a sample shared with their open visit, and never decides.
  const relation =
    actor.role === 'eqa'
      ? (await authorizeEqaSample(actor, item.sample_id, db), 'none' as const)
      : await authorizeIqa(actor, item.cohort_id, 'qa.sample.view', db);

  const decisions = await query<{
    id: string;
    verdict: QaVerdict;
    feedback: string;
    iqa: string;
    created_at: Date | string;
    supersedes_id: string | null;
  }>(
    db,
    sql`
    select d.id, d.verdict, d.feedback, u.name as iqa, d.created_at, d.supersedes_id
    from qa_decisions d join users u on u.id = d.iqa_id where d.item_id = ${itemId} order by d.created_at, d.id`,
  );
  const actions = decisions.length
    ? await query<{
        id: string;
        decision_id: string;
        text: string;
        due_on: string | Date;
        closed_at: Date | string | null;
        closing_note: string | null;
      }>(
        db,
        sql`
    select id, decision_id, text, due_on, closed_at, closing_note from qa_actions
    where decision_id in (${sql.join(
      decisions.map((d) => sql`${d.id}`),
      sql`, `,
    )}) order by due_on, id`,
      )
    : [];
  const responses = await responsesTo(
    db,
    actions.map((a) => a.id),
  );
  const superseded = new Set(decisions.map((d) => d.supersedes_id).filter(Boolean));
  const head = decisions.find((d) => !superseded.has(d.id)) ?? null;

  const current: CurrentView = { judgements: [], reportDecisions: [] };
  let currentAssessors: string[] = [];
  if (item.kind === 'judgement') {
    const rows = await query<{
      id: string;
      outcome: string;
      feedback: string;
      assessor_id: string;
      created_at: Date | string;
    }>(
      db,
      sql`
      select id, outcome, feedback, assessor_id, created_at from judgements
      where learner_id = ${item.learner_id} and criterion_id = ${item.criterion_id} order by activity_seq desc`,
    );
    currentAssessors = rows.map((r) => r.assessor_id);
    const names = await namesOf(db, currentAssessors);
    current.judgements = rows.map((r) => ({
      id: r.id,
      outcome: r.outcome,
      feedback: r.feedback,
      assessorName: names.get(r.assessor_id) ?? 'Unknown',
      at: iso(r.created_at),
    }));
  } else {
    const rows = await query<{
      id: string;
      outcome: string;
      assessor_id: string;
      decided_at: Date | string;
      content_hash: string;
      counted_words: number;
      number: number;
      superseded: boolean;
      countersigned: boolean;
    }>(
      db,
      sql`
      select d.id, d.outcome, d.assessor_id, d.decided_at, d.content_hash, d.counted_words, v.number,
        exists (select 1 from sign_off_supersessions s where s.report_decision_id = d.id) as superseded,
        exists (select 1 from report_countersignatures c where c.report_decision_id = d.id) as countersigned
      from report_decisions d join report_versions v on v.id = d.version_id
      where d.learner_id = ${item.learner_id} and d.module_slug = ${item.module_slug} order by d.decided_at desc`,
    );
    const names = await namesOf(
      db,
      rows.map((r) => r.assessor_id),
    );
    current.reportDecisions = rows.map((r) => ({
      id: r.id,
      superseded: Boolean(r.superseded),
      countersigned: Boolean(r.countersigned),
      outcome: r.outcome,
      assessorName: names.get(r.assessor_id) ?? 'Unknown',
      at: iso(r.decided_at),
      contentHash: r.content_hash,
      countedWords: Number(r.counted_words),
      versionNumber: Number(r.number),
    }));
  }
  const snapPeople = ((item.snapshot.history as Snap[] | undefined) ?? []).map((h) => str(h.assessorId));
  const names = await namesOf(db, [item.learner_id, item.assessor_id, ...snapPeople]);

  return {
    id: item.id,
    cohortName: item.cohort_name,
    kind: item.kind,
    subject: subjectOf(item.kind, item.criterion_id, item.module_slug),
    moduleSlug: item.module_slug,
    learner: { id: item.learner_id, name: names.get(item.learner_id) ?? 'Unknown' },
    assessor: { id: item.assessor_id, name: names.get(item.assessor_id) ?? 'Unknown' },
    decidedAt: iso(item.decided_at),
    sample: {
      id: item.sample_id,
      drawnAt: iso(item.drawn_at),
      periodFrom: iso(item.period_from),
      periodTo: iso(item.period_to),
      planVersion: Number(item.plan_version),
    },
    reasons: item.reasons,
    snapshotSha256: item.snapshot_sha256,
    snapshot: snapshotView(item.snapshot, names),
    current,
    witnessConfirmations: await witnessConfirmationsOf(db, item.snapshot),
    decisions: decisions.map((d) => ({
      id: d.id,
      verdict: d.verdict,
      feedback: d.feedback,
      iqaName: d.iqa,
      at: iso(d.created_at),
      supersedesId: d.supersedes_id,
      actions: actions
        .filter((a) => a.decision_id === d.id)
        .map((a) => ({
          id: a.id,
          text: a.text,
          dueOn: day(a.due_on),
          closedAt: a.closed_at ? iso(a.closed_at) : null,
          closingNote: a.closing_note,
          responses: responses.get(a.id) ?? [],
        })),
    })),
    currentDecisionId: head?.id ?? null,
    own: item.assessor_id === actor.id,
    canDecide: relation === 'iqa' && item.assessor_id !== actor.id,
    defaultDue: new Date(today.getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The assessor's side: IQA feedback on their own decisions.

export interface MyQaFeedback {
  itemId: string;
  subject: string;
  learnerId: string;
  learnerName: string;
  decidedAt: string;
  verdict: QaVerdict | null;
  feedback: string;
  iqaName: string | null;
  verdictAt: string | null;
  actions: {
    id: string;
    text: string;
    dueOn: string;
    overdue: boolean;
    closed: boolean;
    responses: ActionResponseView[];
  }[];
  /** For a sampled judgement: the newest judgement of the criterion made after it (the assessor re-judged). */
  rejudgement: { outcome: string; at: string } | null;
}

/** The signed-in assessor's own decisions that were sampled, with the current IQA verdict, feedback and actions. */
export async function getMyQaFeedback(actor: Actor, db: DbOrTx = getDb(), today = new Date()): Promise<MyQaFeedback[]> {
  if (actor.role !== 'assessor')
    throw new ForbiddenError('Only an assessor has quality assurance feedback on their decisions.');
  const todayIso = today.toISOString().slice(0, 10);
  const rows = await query<{
    item_id: string;
    kind: string;
    criterion_id: string | null;
    module_slug: string;
    learner_id: string;
    learner: string;
    decided_at: Date | string;
    decision_id: string | null;
    verdict: QaVerdict | null;
    feedback: string | null;
    iqa: string | null;
    created_at: Date | string | null;
    rejudged_outcome: string | null;
    rejudged_at: Date | string | null;
  }>(
    db,
    sql`
    select i.id as item_id, i.kind, i.criterion_id, i.module_slug, i.learner_id, l.name as learner, i.decided_at,
      d.id as decision_id, d.verdict, d.feedback, u.name as iqa, d.created_at, r.outcome as rejudged_outcome,
      r.created_at as rejudged_at
    from qa_sample_items i join users l on l.id = i.learner_id
    left join qa_decisions d on d.item_id = i.id and not exists (select 1 from qa_decisions n where n.supersedes_id = d.id)
    left join users u on u.id = d.iqa_id
    left join lateral (
      select j.outcome, j.created_at from judgements j join judgements s on s.id = i.judgement_id
      where i.kind = 'judgement' and j.learner_id = i.learner_id and j.criterion_id = i.criterion_id
        and j.activity_seq > s.activity_seq order by j.activity_seq desc limit 1) r on true
    where i.assessor_id = ${actor.id}
    order by (d.verdict = 'disagree') desc nulls last, i.decided_at desc`,
  );
  const decisionIds = rows.map((r) => r.decision_id).filter((id): id is string => Boolean(id));
  const actions = decisionIds.length
    ? await query<{ id: string; decision_id: string; text: string; due_on: string | Date; closed: boolean }>(
        db,
        sql`
    select id, decision_id, text, due_on, closed_at is not null as closed from qa_actions
    where decision_id in (${sql.join(
      decisionIds.map((d) => sql`${d}`),
      sql`, `,
    )}) order by due_on, id`,
      )
    : [];
  const responses = await responsesTo(
    db,
    actions.map((a) => a.id),
  );
  return rows.map((r) => ({
    itemId: r.item_id,
    rejudgement: r.rejudged_outcome ? { outcome: r.rejudged_outcome, at: iso(r.rejudged_at) } : null,
    subject: subjectOf(r.kind, r.criterion_id, r.module_slug),
    learnerId: r.learner_id,
    learnerName: r.learner,
    decidedAt: iso(r.decided_at),
    verdict: r.verdict,
    feedback: r.feedback ?? '',
    iqaName: r.iqa,
    verdictAt: r.created_at ? iso(r.created_at) : null,
    actions: actions
      .filter((a) => a.decision_id === r.decision_id)
      .map((a) => ({
        id: a.id,
        text: a.text,
        dueOn: day(a.due_on),
        overdue: !a.closed && day(a.due_on) < todayIso,
        closed: Boolean(a.closed),
        responses: responses.get(a.id) ?? [],
      })),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Form inputs (FormData: strings), turned into what lib/qa/draw.ts and decisions.ts take.

/** The draw form: a period of whole days, from the first day to the last one (inclusive), and an optional seed. */
export const drawFormSchema = z
  .object({
    cohortId: uuidSchema(),
    from: dayField('first day of the period'),
    to: dayField('last day of the period'),
    seed: z.string().trim().max(100, 'Keep the seed under 100 characters.').optional(),
  })
  .transform((v) => ({
    cohortId: v.cohortId,
    from: new Date(`${v.from}T00:00:00Z`).toISOString(),
    to: new Date(Date.parse(`${v.to}T00:00:00Z`) + 86_400_000).toISOString(),
    seed: v.seed ? v.seed : undefined,
  }));

const list = (max: number) =>
  z.preprocess(
    (v) => (v == null ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().max(max)).max(20, 'Set at most 20 actions.'),
  );

/** The decision form: rows of action text and due date, rows without text ignored (their date is a default); an empty "supersedes" is none. */
export const decisionFormSchema = z
  .object({
    itemId: uuidSchema(),
    verdict: z.enum(['agree', 'disagree'], { error: 'Choose agree or disagree.' }),
    feedback: z.string().max(5000, 'Keep the feedback under 5,000 characters.').default(''),
    supersedesId: z.preprocess((v) => (v === '' ? undefined : v), uuidSchema().optional()),
    actionText: list(2000),
    actionDue: list(10),
  })
  .transform((v) => ({
    itemId: v.itemId,
    verdict: v.verdict,
    feedback: v.feedback,
    supersedesId: v.supersedesId,
    actions: v.actionText.map((text, i) => ({ text: text.trim(), dueOn: v.actionDue[i] ?? '' })).filter((a) => a.text),
  }));

/** The current answers of the witnesses of the snapshot's witness statements (the snapshot itself stays as drawn). */
async function witnessConfirmationsOf(db: DbOrTx, snapshot: Snap): Promise<Record<string, WitnessConfirmation>> {
  const ids = ((snapshot.evidence as Snap[] | undefined) ?? [])
    .filter((e) => e.kind === 'witness' && typeof e.id === 'string')
    .map((e) => e.id as string);
  if (!ids.length) return {};
  const rows = await db.select().from(evidenceTable).where(inArray(evidenceTable.id, ids));
  const statuses = await witnessStatuses(db, rows);
  const out: Record<string, WitnessConfirmation> = {};
  for (const [id, status] of statuses) if (status.confirmation) out[id] = status.confirmation;
  return out;
}
