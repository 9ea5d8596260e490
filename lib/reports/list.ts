import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { enrolments, users } from '@/db/schema';
import { assertAccess, learnerScope, type Actor } from '@/lib/permissions';
import { reportStates } from './repo';
import type { ReportStatus, VersionSummary } from './types';
import { REPORT_MODULE_SLUG } from './unit';

export interface StaffReportRow {
  learnerId: string;
  name: string;
  status: ReportStatus;
  latest: VersionSummary | null;
}

const ORDER: Record<ReportStatus, number> = {
  submitted: 0,
  referred: 1,
  draft: 2,
  not_started: 3,
  awaiting_countersignature: 4,
  signed_off: 5,
};

/**
 * The reports of the learners this member of staff works with (an administrator sees every learner
 * on the unit). Awaiting a decision first, oldest submission first: the assessor's queue order.
 */
export async function listReportsForStaff(actor: Actor): Promise<StaffReportRow[]> {
  assertAccess(actor, 'reports.view');
  const db = getDb();
  const learners = await db
    .selectDistinct({ id: users.id, name: users.name })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.learnerId))
    .where(
      and(
        eq(enrolments.moduleSlug, REPORT_MODULE_SLUG),
        eq(users.role, 'learner'),
        learnerScope(actor, 'report.view', enrolments.learnerId),
      ),
    )
    .orderBy(asc(users.name));
  // Their drafts and versions read from the same scope, not a list of ids: from the assessor's own assignments.
  const states = await reportStates(
    db,
    learners.map((l) => l.id),
    (column) => learnerScope(actor, 'report.view', column),
  );
  const rows = learners.map((l): StaffReportRow => {
    const s = states.get(l.id)!;
    let status: ReportStatus = s.draftWords ? 'draft' : 'not_started';
    if (s.signedOff) status = s.awaitingCountersignature ? 'awaiting_countersignature' : 'signed_off';
    else if (s.latest && !s.latest.decision) status = 'submitted';
    else if (s.latest?.decision?.outcome === 'referred') status = 'referred';
    return { learnerId: l.id, name: l.name, status, latest: s.latest };
  });
  return rows.sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] ||
      (a.status === 'submitted' ? a.latest!.submittedAt.localeCompare(b.latest!.submittedAt) : 0) ||
      a.name.localeCompare(b.name),
  );
}
