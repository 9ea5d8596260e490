import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * When each learner last did something themselves: saved or edited evidence, mapped it, replied to feedback,
 * saved or handed in a worksheet, saved or submitted their report. Staff actions (an assessor's observation
 * record, a judgement) are not the learner's activity. One statement for any number of learners;
 * `scope` is a condition on the learner id (see scope.ts) written as `learner_id`.
 */
export async function lastActivity(db: DbOrTx, scope: (column: SQL) => SQL, opts: { evidence?: boolean } = {}): Promise<Map<string, Date>> {
  const c = (table: string) => scope(sql.raw(`${table}.learner_id`));
  // The caseload gets the evidence part from the scan it makes anyway (progress-cache.ts): opts.evidence = false.
  const evidencePart = opts.evidence === false ? sql`` : sql`
      select e.learner_id, max(greatest(e.created_at, e.updated_at)) as at from evidence e
        where ${c('e')} and e.author_id = e.learner_id group by e.learner_id
      union all
      select ec.learner_id, max(ec.created_at) from evidence_criteria ec where ${c('ec')} group by ec.learner_id
      union all`;
  const rows = rowsOf<{ learner_id: string; at: string | Date }>(await db.execute(sql`
    select learner_id, max(at) as at from (${evidencePart}
      select jr.learner_id, max(jr.created_at) as at from judgement_responses jr where ${c('jr')} and jr.author_id = jr.learner_id group by jr.learner_id
      union all
      select wa.learner_id, max(wa.updated_at) from worksheet_answers wa where ${c('wa')} group by wa.learner_id
      union all
      select ws.learner_id, max(ws.submitted_at) from worksheet_submissions ws where ${c('ws')} group by ws.learner_id
      union all
      select rd.learner_id, max(rd.updated_at) from report_drafts rd where ${c('rd')} group by rd.learner_id
      union all
      select rv.learner_id, max(rv.submitted_at) from report_versions rv where ${c('rv')} group by rv.learner_id
    ) t group by learner_id`));
  return new Map(rows.map((r) => [r.learner_id, new Date(r.at)]));
}

/**
 * Latest hand-ins of each worksheet with no coach comment yet, per learner: the same rule as the coach's review
 * list (lib/worksheets/review.ts), counted here for many learners in one statement.
 */
export async function worksheetsAwaitingReview(db: DbOrTx, scope: (column: SQL) => SQL): Promise<Map<string, { count: number; oldest: string }>> {
  const rows = rowsOf<{ learner_id: string; n: string | number; oldest: string }>(await db.execute(sql`
    select s.learner_id, count(*) as n, (array_agg(s.id order by s.submitted_at))[1] as oldest
    from worksheet_submissions s
    where ${scope(sql.raw('s.learner_id'))}
      and not exists (select 1 from worksheet_submissions s2 where s2.learner_id = s.learner_id and s2.module_slug = s.module_slug and s2.number > s.number)
      and not exists (select 1 from worksheet_comments c where c.submission_id = s.id)
    group by s.learner_id`));
  return new Map(rows.map((r) => [r.learner_id, { count: Number(r.n), oldest: r.oldest }]));
}
