import 'server-only';
import type { SQL } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import type { Actor } from '@/lib/permissions';
import { caseload } from './caseload';
import { scopeCondition } from './scope';
import { metOverTime } from './trend';
import type { Caseload, CaseloadFilters, Trend } from './types';

export const TREND_WEEKS = 12;

/** Everything the coach's home page shows: the caseload and the progress chart, scoped and filtered alike. */
export async function coachDashboard(actor: Actor, filters: CaseloadFilters = {}, db: DbOrTx = getDb(), now = new Date()): Promise<{ caseload: Caseload; trend: Trend }> {
  const load = await caseload(actor, filters, db, now);
  const slugs = load.filters.moduleSlug ? [load.filters.moduleSlug] : load.modules.map((m) => m.slug);
  const points = load.counts.all
    ? await metOverTime(db, (column: SQL) => scopeCondition(db, actor, column, load.filters.cohortId), { moduleSlugs: slugs, weeks: TREND_WEEKS, now })
    : [];
  return { caseload: load, trend: { points, total: load.overall.total, metNow: load.overall.met } };
}
