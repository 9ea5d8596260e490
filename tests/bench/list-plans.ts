/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement the per-user lists send (tests/helpers/list-queries.ts), on a
 * PostgreSQL database seeded by scripts/seed-large.ts. Prints each statement's execution time, the indexes it reads
 * and any sequential scan; `--plans` prints the full plans too. Read-only: it runs each list once (which may store
 * dashboard figures in learner_progress_cache) and EXPLAINs only its SELECTs.
 *
 *   npx tsx tests/bench/list-plans.ts --postgres=postgres://postgres@127.0.0.1:5432/<db> [--plans] [--runs=3]
 */
import postgres from 'postgres';
import { arg } from '../helpers/plain-node';

async function main() {
  const url = arg('postgres') ?? process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('--postgres=<url> is required');
  const runs = Number(arg('runs') ?? 3);
  const { postgresHandle, setHandle } = await import('../../db/client');
  const { captureQueries, explain, largeActors, listCases, planNodes, planProblems } =
    await import('../helpers/list-queries');
  const handle = postgresHandle(url, { max: 4 });
  setHandle(handle);
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const actors = await largeActors(handle.db);
  let total = 0;
  for (const c of await listCases()) {
    await c.run(actors); // warm: fills the figures cache, loads content
    const queries = await captureQueries(() => c.run(actors));
    console.log(`\n== ${c.name}: ${queries.length} statements`);
    let caseMs = 0;
    for (const [i, q] of queries.entries()) {
      if (!/^\s*(select|with)\b/i.test(q.query)) continue;
      const times: number[] = [];
      let last;
      for (let r = 0; r < runs; r++) {
        last = await explain(client, q, true);
        times.push(last.executionMs ?? 0);
      }
      const best = Math.min(...times);
      caseMs += best;
      const nodes = planNodes(last!.plan);
      const indexes = [...new Set(nodes.filter((n) => n['Index Name']).map((n) => n['Index Name']))];
      const seq = [...new Set(nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']))];
      const problems = planProblems(last!.plan);
      console.log(`  #${i + 1} ${best.toFixed(2).padStart(8)} ms  ${q.query.replace(/\s+/g, ' ').slice(0, 90)}`);
      console.log(
        `      indexes: ${indexes.join(', ') || '-'}${seq.length ? `; seq scans: ${seq.join(', ')}` : ''}${problems.length ? `  <-- ${problems.join('; ')}` : ''}`,
      );
      if (process.argv.includes('--plans')) console.log(last!.text.map((l) => `      ${l}`).join('\n'));
    }
    console.log(`  sum of best execution times: ${caseMs.toFixed(1)} ms`);
    total += caseMs;
  }
  console.log(`\nall lists: ${total.toFixed(1)} ms`);
  setHandle(undefined);
  await handle.close();
  await client.end();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
