import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import { decideStatus, type ItemStatus, type LatestJudgement } from '@/lib/progress/status';
import type { CriterionStatus } from '@/lib/progress/types';

const ITEM_ID = /^[a-z0-9][a-z0-9./_-]*$/i;

// One shared object per status: moduleProgress reads only `status`, and a page of 1,000 learners has 100,000 items.
const SHARED: Record<CriterionStatus, ItemStatus> = {
  met: Object.freeze({ status: 'met', evidenceCount: 0 }) as ItemStatus,
  not_yet_met: Object.freeze({ status: 'not_yet_met', evidenceCount: 0 }) as ItemStatus,
  evidence_submitted: Object.freeze({ status: 'evidence_submitted', evidenceCount: 0 }) as ItemStatus,
  no_evidence: Object.freeze({ status: 'no_evidence', evidenceCount: 0 }) as ItemStatus,
};

/**
 * The status of each criterion for every learner in scope, for dashboards that show hundreds of learners at once.
 * The decision is lib/progress's decideStatus, applied to the same inputs criterionStatuses gives it (the newest
 * judgement's outcome and position; the number of current mapped pieces of evidence and their newest position),
 * fetched leaner: one grouped statement with no judgement text, so 1,000 learners cost one round trip of small
 * rows. tests/integration/dashboard-statuses.test.ts checks that it agrees with criterionStatuses item by item.
 *
 * Items with nothing recorded are absent from a learner's map (read them as no evidence, as moduleProgress does).
 */
export async function scopedStatuses(
  db: DbOrTx,
  scope: (column: SQL) => SQL,
  itemIds: string[],
): Promise<Map<string, Map<string, ItemStatus>>> {
  const out = new Map<string, Map<string, ItemStatus>>();
  if (!itemIds.length) return out;
  for (const id of itemIds)
    if (!ITEM_ID.test(id)) throw new Error(`scopedStatuses: malformed id ${JSON.stringify(id)}`);
  const items = `{${itemIds.map((id) => `"${id}"`).join(',')}}`;
  // The newest judgement wins: its position times two plus one bit for "met" keeps both in one max().
  const rows = rowsOf<{
    learner_id: string;
    criterion_id: string;
    j: string | number | null;
    n: string | number;
    last_seq: string | number | null;
  }>(
    await db.execute(sql`
    select learner_id, criterion_id, max(j) as j, sum(n) as n, max(last_seq) as last_seq from (
      select j.learner_id, j.criterion_id, j.activity_seq * 2 + (j.outcome = 'met')::int as j, 0 as n, null::bigint as last_seq
      from judgements j
      where ${scope(sql.raw('j.learner_id'))} and j.criterion_id = any(${items}::text[])
      union all
      select ec.learner_id, ec.criterion_id, null, 1, greatest(ec.activity_seq, e.activity_seq)
      from evidence_criteria ec join evidence e on e.id = ec.evidence_id
      where ${scope(sql.raw('ec.learner_id'))} and ec.criterion_id = any(${items}::text[]) and e.superseded_by is null
    ) t group by learner_id, criterion_id`),
  );
  for (const r of rows) {
    let latest: LatestJudgement | undefined;
    if (r.j !== null) {
      const j = Number(r.j);
      // Only outcome and position matter to the decision.
      latest = { outcome: j % 2 === 1 ? 'met' : 'not_yet_met', seq: Math.floor(j / 2) } as LatestJudgement;
    }
    const status = decideStatus(latest, Number(r.n), r.last_seq === null ? undefined : Number(r.last_seq));
    let mine = out.get(r.learner_id);
    if (!mine) out.set(r.learner_id, (mine = new Map()));
    mine.set(r.criterion_id, SHARED[status]);
  }
  return out;
}
