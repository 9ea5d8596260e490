import 'server-only';
import { getDb, type DbOrTx } from '@/db/client';
import type { Actor } from '@/lib/permissions';
import { loadCaseload } from './caseload';
import { metByWeek } from './trend';
import type { Caseload, CaseloadFilters, Trend } from './types';

export const TREND_WEEKS = 12;

/** Everything the coach's home page shows: the caseload and the progress chart, scoped and filtered alike. */
export async function coachDashboard(
  actor: Actor,
  filters: CaseloadFilters = {},
  db: DbOrTx = getDb(),
  now = new Date(),
): Promise<{ caseload: Caseload; trend: Trend }> {
  const { caseload, figures, shown } = await loadCaseload(actor, filters, db, now);
  const points = caseload.counts.all ? metByWeek(figures, shown, TREND_WEEKS, now) : [];
  return { caseload, trend: { points, total: caseload.overall.total, metNow: caseload.overall.met } };
}
