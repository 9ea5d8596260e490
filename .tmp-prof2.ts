import Module from 'node:module';
import path from 'node:path';
const r = Module as any; const o = r._resolveFilename;
r._resolveFilename = function (req: string, ...rest: unknown[]) { if (req === 'server-only') return path.resolve('tests/helpers/server-only-stub.ts'); return o.call(this, req, ...rest); };
async function main() {
  const { openDatabase, setHandle } = await import('./db/client');
  const { sql } = await import('drizzle-orm');
  const h = openDatabase(process.env.PG ? { databaseUrl: process.env.PG } : { pgliteDir: '.data/bench-large' }); setHandle(h); const db = h.db;
  const rows = (r: any) => Array.isArray(r) ? r : r.rows;
  const ids: string[] = rows(await db.execute(sql`select learner_id from staff_assignments sa join users u on u.id = sa.staff_id where u.email = 'head.coach@large.example'`)).map((r: any) => r.learner_id);
  const arr = `{${ids.map((v) => `"${v}"`).join(',')}}`;
  const t = async (label: string, fn: () => Promise<unknown>) => { for (let i=0;i<2;i++) await fn(); const t0 = performance.now(); for (let i=0;i<3;i++) await fn(); console.log(label, ((performance.now()-t0)/3).toFixed(1)); };
  await t('q1 full', () => db.execute(sql`select distinct on (j.learner_id, j.criterion_id)
      j.learner_id, j.criterion_id, j.id, j.outcome, j.feedback, j.assessor_id, u.name as assessor_name,
      j.created_at, j.evidence_ids, j.activity_seq
    from judgements j join users u on u.id = j.assessor_id
    where j.learner_id = any(${arr}::uuid[])
    order by j.learner_id, j.criterion_id, j.activity_seq desc`));
  await t('q1 slim', () => db.execute(sql`select distinct on (j.learner_id, j.criterion_id)
      j.learner_id, j.criterion_id, j.outcome, j.activity_seq
    from judgements j 
    where j.learner_id = any(${arr}::uuid[])
    order by j.learner_id, j.criterion_id, j.activity_seq desc`));
  await t('q2', () => db.execute(sql`select ec.learner_id, ec.criterion_id, count(*) as n, max(greatest(ec.activity_seq, e.activity_seq)) as last_seq
    from evidence_criteria ec join evidence e on e.id = ec.evidence_id
    where ec.learner_id = any(${arr}::uuid[]) and e.superseded_by is null
    group by ec.learner_id, ec.criterion_id`));
  await t('q1 slim subquery scope', () => db.execute(sql`select distinct on (j.learner_id, j.criterion_id)
      j.learner_id, j.criterion_id, j.outcome, j.activity_seq
    from judgements j 
    where j.learner_id in (select learner_id from staff_assignments where staff_id = (select id from users where email = 'head.coach@large.example') and staff_role = 'coach')
    order by j.learner_id, j.criterion_id, j.activity_seq desc`));
  await h.close();
}
main();
