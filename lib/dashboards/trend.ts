import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { TrendPoint } from './types';

const WEEK = 7 * 86_400_000;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * How many criteria were met at the end of each of the last `weeks` weeks, for the learners in scope.
 * lib/progress decides that a criterion is met when its newest judgement says met; this replays that same
 * rule through the judgement history (each "met" judgement counts until a newer judgement of the criterion
 * replaces it), so the last point equals today's figure from lib/progress. Judgements are append-only,
 * so the history is exact. One statement: +1 when a met judgement is made, -1 when it is replaced.
 */
export async function metOverTime(db: DbOrTx, scope: (column: SQL) => SQL, opts: { moduleSlugs: string[]; weeks: number; now: Date }): Promise<TrendPoint[]> {
  const end = opts.now.getTime();
  const start = new Date(end - opts.weeks * WEEK);
  const modules = `{${opts.moduleSlugs.map((s) => `"${s.replace(/[^a-z0-9-]/gi, '')}"`).join(',')}}`;
  const rows = rowsOf<{ bucket: number; delta: string | number }>(await db.execute(sql`
    with j as (
      select j.outcome, j.created_at,
        lead(j.created_at) over (partition by j.learner_id, j.criterion_id order by j.activity_seq) as replaced_at
      from judgements j
      join enrolments en on en.learner_id = j.learner_id and en.module_slug = j.module_slug
      join users u on u.id = j.learner_id and u.active and u.role = 'learner'
      where ${scope(sql.raw('j.learner_id'))} and j.module_slug = any(${modules}::text[])
    ), events as (
      select created_at as at, 1 as delta from j where outcome = 'met'
      union all
      select replaced_at, -1 from j where outcome = 'met' and replaced_at is not null
    )
    select greatest(-1, floor(extract(epoch from (at - ${start.toISOString()}::timestamptz)) / 604800))::int as bucket, sum(delta) as delta
    from events group by 1 order by 1`));
  const deltas = new Map(rows.map((r) => [Number(r.bucket), Number(r.delta)]));
  let running = deltas.get(-1) ?? 0;
  const points: TrendPoint[] = [];
  // Buckets past the last week (a judgement made after `now`) are left out: the chart ends now.
  for (let k = 0; k < opts.weeks; k++) {
    running += deltas.get(k) ?? 0;
    points.push({ weekEnding: new Date(start.getTime() + (k + 1) * WEEK).toISOString(), met: running });
  }
  return points;
}
