/**
 * Drawing a quality-assurance sample for a large centre (issue 20: "drawing a sample for a 10,000-learner centre takes
 * under 2 s"). A plain script that prints figures; it never fails on slowness.
 *
 *   npx tsx tests/bench/qa-draw.bench.ts [--learners=1000] [--runs=5] [--engine=database|node] [--cases=every,cohort] [--pglite-dir=.data/bench-qa] [--postgres=postgres://...]
 *
 * Seeds the provider of scripts/seed-large.ts once (kept for later runs), adds an IQA for the cohort holding every
 * learner ("Programme 2026 (all intakes)", the worst case) and for an ordinary cohort of about 25, with the default
 * plan, then times lib/qa/draw.ts's drawQaSample, the function an IQA's request calls (authorization, candidates,
 * history, the sampler, snapshots, the inserts and the audit row), for the last 30 days and for the whole record. Each draw runs in a transaction that is rolled back,
 * so every run draws from the same data.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { arg } from '../helpers/plain-node';

const RUNS = Number(arg('runs') ?? 5);
const LEARNERS = Number(arg('learners') ?? 1000);

class Rollback extends Error {}

/**
 * CPU milliseconds a PostgreSQL backend has used, when the server runs on this machine (/proc), else null. On a shared
 * machine the wall time of a draw swings with the load; the CPU it costs the database does much less.
 */
function backendCpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

async function main() {
  const { openDatabase, setHandle } = await import('../../db/client');
  const { migrateDatabase } = await import('../../db/migrate');
  const { seedLarge } = await import('../../scripts/seed-large');
  const { drawQaSample } = await import('../../lib/qa/draw');
  const { insertPlanVersion, loadCurrentPlan, performDraw } = await import('../../lib/qa/store');
  // 'database' (the default, what drawQaSample does) or 'node' (the pure sampler, the reference: the earlier figures).
  const engine = arg('engine') === 'node' ? 'node' : 'database';
  const { DEFAULT_PLAN_RULES } = await import('../../lib/qa/rules');
  const { iqaCohorts, users } = await import('../../db/schema');
  const { sql } = await import('drizzle-orm');

  const pgUrl = arg('postgres') ?? process.env.BENCH_DATABASE_URL;
  const target = pgUrl
    ? { label: 'PostgreSQL', databaseUrl: pgUrl }
    : { label: 'PGlite', pgliteDir: arg('pglite-dir') ?? '.data/bench-qa' };
  const handle = openDatabase(target);
  setHandle(handle);
  const db = handle.db;
  await migrateDatabase(handle);
  const rows = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  const one = async <T>(q: ReturnType<typeof sql>) => rows<T>(await db.execute(q))[0];

  if (!(await one<{ id: string }>(sql`select id from users where email = 'head.coach@large.example'`))) {
    console.log(`${target.label}: seeding the large provider with ${LEARNERS} learners (a minute or more) ...`);
    const t0 = performance.now();
    await seedLarge(db, {
      learners: LEARNERS,
      cohorts: Math.max(1, Math.round(LEARNERS / 25)),
      coaches: Math.max(1, Math.round(LEARNERS / 25)),
      assessors: Math.max(1, Math.round(LEARNERS / 50)),
      log: () => {},
    });
    await db.execute(sql`analyze`);
    console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await db
    .insert(users)
    .values({ email: 'iqa@large.example', name: 'Ingrid Quality (IQA)', role: 'assessor' })
    .onConflictDoNothing();
  const iqa = {
    id: (await one<{ id: string }>(sql`select id from users where email = 'iqa@large.example'`))!.id,
    role: 'assessor' as const,
  };
  // The worst case (one cohort holding every learner of the centre) and an ordinary cohort of about 25.
  const cohortIds: Record<string, string> = {};
  for (const name of ['Programme 2026 (all intakes)', 'Cohort 01, spring intake']) {
    const cohortId = (await one<{ id: string }>(sql`select id from cohorts where name = ${name}`))!.id;
    cohortIds[name] = cohortId;
    await db.insert(iqaCohorts).values({ iqaId: iqa.id, cohortId }).onConflictDoNothing();
    if (!(await loadCurrentPlan(db, cohortId))) {
      await db.transaction((tx) =>
        insertPlanVersion(tx, { cohortId, name: 'Bench plan', rules: DEFAULT_PLAN_RULES, createdBy: iqa.id }),
      );
    }
  }
  const counts = (await one<{ learners: number | string; judgements: number | string; signoffs: number | string }>(sql`
    select (select count(*) from users where role = 'learner') as learners,
      (select count(*) from judgements) as judgements,
      (select count(*) from report_decisions where outcome = 'signed_off') as signoffs`))!;
  console.log(
    `${target.label} (${engine} engine): ${counts.learners} learners, ${counts.judgements} judgements, ${counts.signoffs} sign-offs in the database.`,
  );

  const now = Date.now();
  const cases = [
    ['every learner, last 30 days', cohortIds['Programme 2026 (all intakes)']!, 30],
    ['every learner, whole record', cohortIds['Programme 2026 (all intakes)']!, 400],
    ['one cohort, last 30 days', cohortIds['Cohort 01, spring intake']!, 30],
    ['one cohort, whole record', cohortIds['Cohort 01, spring intake']!, 400],
  ] as const;
  const only = arg('cases');
  for (const [label, cohortId, days] of cases.filter(([l]) => !only || only.split(',').some((o) => l.includes(o)))) {
    const input = {
      cohortId,
      from: new Date(now - days * 86_400_000).toISOString(),
      to: new Date(now + 60_000).toISOString(),
      seed: 'bench',
    };
    const times: number[] = [];
    const cpu: number[] = [];
    const nodeCpu: number[] = [];
    let summary = '';
    let phases = '';
    for (let run = 0; run < RUNS + 1; run++) {
      const t0 = performance.now();
      await db
        .transaction(async (tx) => {
          const pid = Number(
            (rows<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`))[0] ?? {}).pid,
          );
          const cpu0 = pgUrl ? backendCpuMs(pid) : null;
          const node0 = process.cpuUsage();
          const out =
            engine === 'database'
              ? await drawQaSample(iqa, input, tx)
              : await performDraw(
                  tx,
                  { ...input, iqaId: iqa.id, from: new Date(input.from), to: new Date(input.to) },
                  'node',
                );
          summary = `${out.candidateCount} candidates, ${out.items.length} drawn (${out.items.filter((i) => i.kind === 'sign_off').length} sign-offs)`;
          phases = Object.entries(out.timings)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ');
          const cpu1 = cpu0 === null ? null : backendCpuMs(pid);
          const node1 = process.cpuUsage(node0);
          if (run > 0) nodeCpu.push((node1.user + node1.system) / 1000);
          if (run > 0 && cpu0 !== null && cpu1 !== null) cpu.push(cpu1 - cpu0);
          throw new Rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        });
      // The first run warms caches and is not counted.
      if (run > 0) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    nodeCpu.sort((a, b) => a - b);
    // Nearest rank: with few runs p95 is the slowest run.
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
    console.log(
      `  ${label.padEnd(28)} ${summary.padEnd(46)} p50 ${at(50).toFixed(0)} ms, p95 ${at(95).toFixed(0)} ms` +
        (cpu.length ? `, database CPU p50 ${cpu[Math.ceil(cpu.length / 2) - 1]!.toFixed(0)} ms` : '') +
        `, Node CPU p50 ${nodeCpu[Math.ceil(nodeCpu.length / 2) - 1]!.toFixed(0)} ms` +
        ` (${RUNS} runs; last run, ms: ${phases})`,
    );
  }
  await handle.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
