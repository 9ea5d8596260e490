import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import { enrolments } from '@/db/schema';
import { assessableItems, getItem } from '@/lib/content';
import { documentOrder } from '@/lib/evidence/criteria';
import { assertAccess, type Actor } from '@/lib/permissions';
import { formatNumber } from '@/lib/format';
import { criterionStatuses } from '@/lib/progress/status';
import { listReportsForStaff } from '@/lib/reports/list';
import { criterionLabel } from './labels';
import { links } from './links';
import { scopeCondition, scopedLearners } from './scope';

interface QueueItem {
  kind: 'evidence' | 'report';
  learnerId: string;
  learnerName: string;
  /** Waiting since (ISO): the oldest submission in the item. */
  since: string;
  href: string;
  /** evidence: criteria awaiting judgement; report: 1. */
  count: number;
  /** evidence: the criteria ("EE2 PC 3"), in document order; report: "Version 2, 3,412 words". */
  details: string[];
}

export interface AssessorQueue {
  items: QueueItem[];
  criteriaWaiting: number;
  learnersWaiting: number;
  reportsWaiting: number;
  learnerCount: number;
}

/**
 * When each criterion's waiting began: the earliest current evidence (saved, edited or mapped) that is newer than
 * the criterion's newest judgement. Whether it is waiting at all is lib/progress's answer; this only dates it.
 */
async function waitingSince(db: DbOrTx, scope: (column: SQL) => SQL): Promise<Map<string, Date>> {
  const rows = rowsOf<{ learner_id: string; criterion_id: string; since: string | Date }>(
    await db.execute(sql`
    select ec.learner_id, ec.criterion_id,
      min(case when ec.activity_seq > coalesce(lj.seq, 0) then ec.created_at else e.updated_at end) as since
    from evidence_criteria ec
    join evidence e on e.id = ec.evidence_id and e.superseded_by is null
    left join lateral (
      select max(j.activity_seq) as seq from judgements j where j.learner_id = ec.learner_id and j.criterion_id = ec.criterion_id
    ) lj on true
    where ${scope(sql.raw('ec.learner_id'))} and greatest(ec.activity_seq, e.activity_seq) > coalesce(lj.seq, 0)
    group by ec.learner_id, ec.criterion_id`),
  );
  return new Map(rows.map((r) => [`${r.learner_id}|${r.criterion_id}`, new Date(r.since)]));
}

/**
 * What waits for an assessor across the learners assigned to them: criteria with evidence awaiting judgement
 * (one item per learner) and reports awaiting a decision, oldest first. Constant number of queries.
 */
export async function assessorQueue(actor: Actor, db: DbOrTx = getDb()): Promise<AssessorQueue> {
  assertAccess(actor, 'home.assessor', 'Only an assessor has an assessment queue.');
  const scope = (column: SQL) => scopeCondition(db, actor, column);
  const learners = await scopedLearners(db, actor);
  const ids = learners.map((l) => l.id);
  if (!ids.length) return { items: [], criteriaWaiting: 0, learnersWaiting: 0, reportsWaiting: 0, learnerCount: 0 };
  const [enrolled, statuses, since, reports] = await Promise.all([
    db
      .select({ learnerId: enrolments.learnerId, moduleSlug: enrolments.moduleSlug })
      .from(enrolments)
      .where(scopeCondition(db, actor, enrolments.learnerId)),
    criterionStatuses(db, ids),
    waitingSince(db, scope),
    listReportsForStaff(actor),
  ]);
  const enrolledOn = new Map<string, Set<string>>();
  for (const e of enrolled) enrolledOn.set(e.learnerId, (enrolledOn.get(e.learnerId) ?? new Set()).add(e.moduleSlug));

  const items: QueueItem[] = [];
  let criteriaWaiting = 0;
  for (const l of learners) {
    const mine = statuses.get(l.id);
    const waiting: string[] = [];
    for (const slug of enrolledOn.get(l.id) ?? []) {
      for (const item of assessableItems(slug))
        if (mine?.get(item.id)?.status === 'evidence_submitted') waiting.push(item.id);
    }
    if (!waiting.length) continue;
    waiting.sort((a, b) => documentOrder(a) - documentOrder(b));
    criteriaWaiting += waiting.length;
    const oldest = waiting
      .map((id) => since.get(`${l.id}|${id}`))
      .filter((d): d is Date => Boolean(d))
      .sort((a, b) => a.getTime() - b.getTime())[0];
    items.push({
      kind: 'evidence',
      learnerId: l.id,
      learnerName: l.name,
      since: (oldest ?? new Date()).toISOString(),
      href: links.learner(l.id),
      count: waiting.length,
      details: waiting.map((id) => criterionLabel(getItem(id)!)),
    });
  }
  const waitingReports = reports.filter((r) => r.status === 'submitted' && r.latest);
  for (const r of waitingReports) {
    items.push({
      kind: 'report',
      learnerId: r.learnerId,
      learnerName: r.name,
      since: r.latest!.submittedAt,
      href: links.assessorReport(r.learnerId),
      count: 1,
      details: [`Version ${r.latest!.number}, ${formatNumber(r.latest!.countedWords)} words counted`],
    });
  }
  items.sort((a, b) => a.since.localeCompare(b.since) || a.learnerName.localeCompare(b.learnerName));
  return {
    items,
    criteriaWaiting,
    learnersWaiting: items.filter((i) => i.kind === 'evidence').length,
    reportsWaiting: waitingReports.length,
    learnerCount: learners.length,
  };
}
