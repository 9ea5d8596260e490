import 'server-only';
import { getDb, type DbOrTx } from '@/db/client';
import type { Actor } from '@/lib/permissions';
import { loadCaseload } from './caseload';
import type { Caseload, CaseloadFilters, Trend } from './types';

export const TREND_WEEKS = 12;

/** Everything the coach's home page shows: the caseload and the progress chart, scoped and filtered alike. */
export async function coachDashboard(
  actor: Actor,
  filters: CaseloadFilters & { page?: number } = {},
  db: DbOrTx = getDb(),
  now = new Date(),
): Promise<{ caseload: Caseload; trend: Trend }> {
  return loadCaseload(actor, filters, db, now, TREND_WEEKS);
}
