/**
 * The per-user lists of issue 19 (an assessor's queue and learners, a coach's review list and one-cohort dashboard,
 * one learner's portfolio ...), run through the lib functions the pages call, with the SQL they send captured from
 * drizzle's logger (db/client.ts queryCounter.log), so the query-plan test and scripts/explain-lists.ts EXPLAIN what
 * the code really runs. People and cohorts are those of scripts/seed-large.ts (tag 'large').
 */
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { queryCounter, type Db } from '../../db/client';

export interface ListActors {
  assessor: { id: string; role: 'assessor' };
  coach: { id: string; role: 'coach' };
  /** Assigned every learner: the caseload whose page must not cost more as the centre grows. */
  headCoach: { id: string; role: 'coach' };
  learner: { id: string; role: 'learner' };
  /** A learner of cohort 1 (coach1's and assessor1's). */
  learnerId: string;
  cohortId: string;
  /** The whole-programme cohort (6,427 of 10,000 learners on EE2). */
  programmeId: string;
}

export async function largeActors(db: Db): Promise<ListActors> {
  const rows = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  const id = async (q: ReturnType<typeof sql>) => {
    const row = rows<{ id: string }>(await db.execute(q))[0];
    if (!row) throw new Error('largeActors: this database does not hold scripts/seed-large.ts data');
    return row.id;
  };
  const learnerId = await id(sql`select id from users where email = 'learner1@large.example'`);
  return {
    assessor: { id: await id(sql`select id from users where email = 'assessor1@large.example'`), role: 'assessor' },
    coach: { id: await id(sql`select id from users where email = 'coach1@large.example'`), role: 'coach' },
    headCoach: { id: await id(sql`select id from users where email = 'head.coach@large.example'`), role: 'coach' },
    learner: { id: learnerId, role: 'learner' },
    learnerId,
    cohortId: await id(sql`select id from cohorts where name = 'Cohort 01, spring intake'`),
    programmeId: await id(sql`select id from cohorts where name = 'Programme 2026 (all intakes)'`),
  };
}

export interface ListCase {
  name: string;
  run: (a: ListActors) => Promise<unknown>;
  /** A list of a member of staff's learners (not one learner's page): it must start from their own assignments. */
  staffList?: true;
}

/** Imported lazily: lib modules need the 'server-only' stub, which the caller installs first. */
export async function listCases(): Promise<ListCase[]> {
  const { assessorQueue } = await import('../../lib/dashboards/queue');
  const { coachDashboard } = await import('../../lib/dashboards/dashboard');
  const { cohortMatrix, matrixBatches, matrixHead } = await import('../../lib/dashboards/matrix');
  const { coachLearnerView } = await import('../../lib/dashboards/coach-learner');
  const { learnerHome } = await import('../../lib/dashboards/learner-home');
  const { assignedLearners, learnerPortfolio } = await import('../../lib/evidence/portfolio');
  const { listReportsForStaff } = await import('../../lib/reports/list');
  const { coachReviewQueue } = await import('../../lib/worksheets/review');
  return [
    { name: 'assessor queue (assessor1)', staffList: true, run: (a) => assessorQueue(a.assessor) },
    { name: 'assessor learner list (assessor1)', staffList: true, run: (a) => assignedLearners(a.assessor) },
    { name: 'reports list (assessor1)', staffList: true, run: (a) => listReportsForStaff(a.assessor) },
    { name: 'worksheet review queue (coach1)', staffList: true, run: (a) => coachReviewQueue(a.coach) },
    { name: 'coach dashboard (coach1, one cohort)', staffList: true, run: (a) => coachDashboard(a.coach) },
    {
      name: 'coach dashboard (head coach, every learner, least progress, page 40)',
      staffList: true,
      run: (a) => coachDashboard(a.headCoach, { sort: 'progress', page: 40 }),
    },
    {
      name: 'cohort matrix (coach1, cohort 1 x WRC)',
      staffList: true,
      run: (a) => cohortMatrix(a.coach, { cohortId: a.cohortId, moduleSlug: 'win-retain-customers' }),
    },
    {
      // A page deep in a cohort of thousands: the learners by keyset from the name index, then only their cells.
      // Not a staffList: the head coach has every learner, so the page starts from the name index and checks each
      // learner's assignment by key (either key of staff_assignments), stopping after one page.
      name: 'cohort matrix (head coach, whole programme x EE2, a page after "Learner M")',
      run: (a) =>
        cohortMatrix(a.headCoach, {
          cohortId: a.programmeId,
          moduleSlug: 'ee2-win-keep-customers',
          after: { name: 'M', id: '00000000-0000-0000-0000-000000000000' },
        }),
    },
    {
      name: 'cohort matrix CSV (head coach, whole programme x EE2, first two batches)',
      run: async (a) => {
        const head = await matrixHead(a.headCoach, { cohortId: a.programmeId, moduleSlug: 'ee2-win-keep-customers' });
        const batches = matrixBatches(a.headCoach, head, 500);
        await batches.next();
        await batches.next();
        await batches.return(undefined);
      },
    },
    { name: 'learner portfolio (assessor1, learner1)', run: (a) => learnerPortfolio(a.assessor, a.learnerId) },
    { name: 'coach learner view (coach1, learner1)', run: (a) => coachLearnerView(a.coach, a.learnerId) },
    { name: 'learner home (learner1)', run: (a) => learnerHome(a.learner) },
  ];
}

export interface Captured {
  query: string;
  params: unknown[];
}

/** Runs fn and returns the statements it sent, in order. */
export async function captureQueries(fn: () => Promise<unknown>): Promise<Captured[]> {
  const log: Captured[] = [];
  queryCounter.log = log;
  try {
    await fn();
  } finally {
    queryCounter.log = undefined;
  }
  return log;
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Total Time'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

export interface Explained {
  plan: PlanNode;
  planningMs?: number;
  executionMs?: number;
  text: string[];
}

/** EXPLAIN (FORMAT JSON) of one captured statement; with analyze, it is run too (read-only statements only). */
export async function explain(client: postgres.Sql, q: Captured, analyze = false): Promise<Explained> {
  const options = analyze ? 'analyze, buffers, format json' : 'format json';
  const [json] = await client.unsafe(`explain (${options}) ${q.query}`, q.params as postgres.ParameterOrJSON<never>[]);
  const out = (json as Record<string, [{ Plan: PlanNode; 'Planning Time'?: number; 'Execution Time'?: number }]>)[
    'QUERY PLAN'
  ][0];
  const text = await client.unsafe(
    `explain ${analyze ? '(analyze, buffers) ' : ''}${q.query}`,
    q.params as postgres.ParameterOrJSON<never>[],
  );
  return {
    plan: out.Plan,
    planningMs: out['Planning Time'],
    executionMs: out['Execution Time'],
    text: text.map((r) => String(r['QUERY PLAN'])),
  };
}

/** Every node of a plan, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/**
 * Tables a list must never read whole: they grow with the whole centre. The report tables are small in the seeded
 * centre (a few thousand rows at 10,000 learners), which is exactly when PostgreSQL likes to read them whole for a
 * list of ids; the assessor's lists must still read them by key from their own learners.
 */
const LARGE_TABLES = [
  'evidence',
  'evidence_criteria',
  'judgements',
  'audit_log',
  'learner_caseload',
  'learner_met_weeks',
  'report_drafts',
  'report_versions',
  'report_decisions',
];

/** The primary key a member of staff's assignments are read from (db/schema/core.ts). */
export const STAFF_KEY = 'staff_assignments_staff_id_staff_role_learner_id_pk';

const INDEX_SCANS = new Set(['Index Scan', 'Index Only Scan', 'Bitmap Index Scan']);

interface PlanDetail extends PlanNode {
  'Index Cond'?: string;
  'Parallel Aware'?: boolean;
}

/**
 * What is wrong with a plan for a per-user list, in words (empty when nothing): a sequential scan of a table that
 * grows with the whole centre, an index read whole (no index condition) on one, and staff_assignments read other
 * than by a condition on its leading columns (a parallel or unconditioned scan: the whole table or key).
 */
export function planProblems(plan: PlanNode): string[] {
  const problems: string[] = [];
  for (const node of planNodes(plan) as PlanDetail[]) {
    const type = node['Node Type'];
    const table =
      node['Relation Name'] ?? (node['Index Name']?.startsWith('staff_assignments') ? 'staff_assignments' : undefined);
    if (type === 'Seq Scan' && table && (LARGE_TABLES.includes(table) || table === 'staff_assignments'))
      problems.push(`sequential scan of ${table}`);
    if (INDEX_SCANS.has(type) && !node['Index Cond']) {
      const onLarge =
        node['Index Name'] &&
        (LARGE_TABLES.some((t) => node['Index Name']!.startsWith(`${t}_`)) || table === 'staff_assignments');
      if (onLarge) problems.push(`whole index ${node['Index Name']} read without a condition`);
    }
    if (table === 'staff_assignments' && node['Parallel Aware'])
      problems.push(`parallel scan of staff_assignments (${node['Index Name'] ?? type}): the whole table or key`);
  }
  return problems;
}

/** Whether the plan reads some member of staff's assignments from the staff-first key, by a condition on its staff id. */
export function readsOwnAssignments(plan: PlanNode): boolean {
  return (planNodes(plan) as PlanDetail[]).some(
    (n) => n['Index Name'] === STAFF_KEY && /staff_id = /.test(n['Index Cond'] ?? ''),
  );
}
