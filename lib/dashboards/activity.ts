import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { learnerActivity } from '@/db/schema';

/**
 * When each learner last did something themselves: saved or edited evidence, mapped it, replied to feedback,
 * saved or handed in a worksheet, saved or submitted their report. Staff actions (an assessor's observation
 * record, a judgement) are not the learner's activity. Triggers keep it in learner_activity (migration 0006), so
 * this is one indexed read for any number of learners; `scope` is a condition on the learner id (see scope.ts).
 */
export async function lastActivity(db: DbOrTx, scope: (column: SQL) => SQL): Promise<Map<string, Date>> {
  const rows = await db
    .select({ learnerId: learnerActivity.learnerId, at: learnerActivity.lastActivity })
    .from(learnerActivity)
    .where(scope(sql.raw('"learner_activity"."learner_id"')));
  return new Map(rows.flatMap((r) => (r.at ? [[r.learnerId, r.at] as const] : [])));
}

/**
 * Latest hand-ins of each worksheet with no coach comment yet, per learner: the same rule as the coach's review
 * list (lib/worksheets/review.ts), counted here for many learners in one statement.
 */
export async function worksheetsAwaitingReview(
  db: DbOrTx,
  scope: (column: SQL) => SQL,
): Promise<Map<string, { count: number; oldest: string }>> {
  const rows = rowsOf<{ learner_id: string; n: string | number; oldest: string }>(
    await db.execute(sql`
    select s.learner_id, count(*) as n, (array_agg(s.id order by s.submitted_at))[1] as oldest
    from worksheet_submissions s
    where ${scope(sql.raw('s.learner_id'))}
      and not exists (select 1 from worksheet_submissions s2 where s2.learner_id = s.learner_id and s2.module_slug = s.module_slug and s2.number > s.number)
      and not exists (select 1 from worksheet_comments c where c.submission_id = s.id)
    group by s.learner_id`),
  );
  return new Map(rows.map((r) => [r.learner_id, { count: Number(r.n), oldest: r.oldest }]));
}
