import Module from 'node:module';
import path from 'node:path';
const r = Module as any; const o = r._resolveFilename;
r._resolveFilename = function (req: string, ...rest: unknown[]) { if (req === 'server-only') return path.resolve('tests/helpers/server-only-stub.ts'); return o.call(this, req, ...rest); };
async function main() {
  const { openDatabase, setHandle } = await import('./db/client');
  const { sql } = await import('drizzle-orm');
  const { criterionStatuses } = await import('./lib/progress/status');
  const { lastActivity, worksheetsAwaitingReview } = await import('./lib/dashboards/activity');
  const { scopeCondition, scopedLearners } = await import('./lib/dashboards/scope');
  const { metOverTime } = await import('./lib/dashboards/trend');
  const { caseload } = await import('./lib/dashboards/caseload');
  const h = openDatabase(process.env.PG ? { databaseUrl: process.env.PG } : { pgliteDir: '.data/bench-large' }); setHandle(h); const db = h.db;
  const rows = (r: any) => Array.isArray(r) ? r : r.rows;
  const id = rows(await db.execute(sql`select id from users where email='head.coach@large.example'`))[0].id;
  const actor = { id, role: 'coach' as const };
  const t = async (label: string, fn: () => Promise<unknown>) => { for (let i=0;i<2;i++) await fn(); const t0 = performance.now(); for (let i=0;i<3;i++) await fn(); console.log(label, ((performance.now()-t0)/3).toFixed(1)); };
  const learners = await scopedLearners(db, actor);
  const ids = learners.map((l) => l.id);
  const scope = (c: any) => scopeCondition(db, actor, c);
  await t('scopedLearners', () => scopedLearners(db, actor));
  await t('criterionStatuses', () => criterionStatuses(db, ids));
  await t('lastActivity', () => lastActivity(db, scope));
  await t('worksheets', () => worksheetsAwaitingReview(db, scope));
  await t('trend', () => metOverTime(db, scope, { moduleSlugs: ['ee2-win-keep-customers','win-retain-customers','develop-customer-relationships','u306-customers-retention'], weeks: 12, now: new Date() }));
  await t('caseload', () => caseload(actor, {}, db));
  await h.close();
}
main();
