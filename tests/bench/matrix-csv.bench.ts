/**
 * Memory of the criteria matrix's CSV export (issue 19): the streamed file (lib/dashboards/matrix-csv.ts, keyset
 * batches of 500 learners read as the reader takes them) against the same file built in memory at once (every row,
 * then lib/csv's toCsv), for the head coach's whole-programme matrix on databases seeded by scripts/seed-large.ts.
 * A plain script that prints figures; it never fails on them.
 *
 *   NODE_OPTIONS=--expose-gc npx tsx tests/bench/matrix-csv.bench.ts \
 *     --postgres=postgres://postgres@127.0.0.1:5432/<1,000-learner db>,postgres://postgres@127.0.0.1:5432/<10,000>
 *
 * For each database: rows, bytes, time, and the peak of the live JavaScript heap above where it stood before (sampled
 * after every chunk, each time after a collection when --expose-gc is given: what the export holds, not its garbage).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { arg } from '../helpers/plain-node';

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;
const heap = () => process.memoryUsage().heapUsed;

async function measure(label: string, work: (sample: () => void) => Promise<{ rows: number; bytes: number }>) {
  gc?.();
  const base = heap();
  let peak = base;
  // Collected before each sample: what the export holds on to, not the garbage a batch leaves behind.
  const sample = () => {
    gc?.();
    peak = Math.max(peak, heap());
  };
  const t0 = performance.now();
  const { rows, bytes } = await work(sample);
  sample();
  const ms = performance.now() - t0;
  console.log(
    `  ${label.padEnd(34)} ${String(rows).padStart(6)} learners  ${(bytes / MB).toFixed(2).padStart(6)} MB  ${ms.toFixed(0).padStart(6)} ms  live heap peak +${((peak - base) / MB).toFixed(1)} MB`,
  );
  return { rows, bytes, ms, peak: (peak - base) / MB };
}

async function main() {
  const urls = (arg('postgres') ?? process.env.BENCH_DATABASE_URL ?? '').split(',').filter(Boolean);
  if (!urls.length) throw new Error('--postgres=<url>[,<url>] is required');
  const { postgresHandle, setHandle, rowsOf } = await import('../../db/client');
  const { migrateDatabase } = await import('../../db/migrate');
  const { matrixCsv } = await import('../../lib/dashboards/matrix-csv');
  const { matrixBatches, matrixHead } = await import('../../lib/dashboards/matrix');
  const { toCsv } = await import('../../lib/csv');
  const { STATUS_LABEL } = await import('../../lib/progress/labels');
  const { sql } = await import('drizzle-orm');
  console.log(
    `${new Date().toISOString()}  ${os.cpus().length} cores, Node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}${gc ? '' : '  (no --expose-gc: heap figures include garbage not yet collected)'}`,
  );
  const table: string[] = [];
  for (const url of urls) {
    const handle = postgresHandle(url, { max: 4 });
    await migrateDatabase(handle);
    setHandle(handle);
    const id = async (q: ReturnType<typeof sql>) => rowsOf<{ id: string }>(await handle.db.execute(q))[0]!.id;
    const headCoach = {
      id: await id(sql`select id from users where email = 'head.coach@large.example'`),
      role: 'coach' as const,
    };
    const input = {
      cohortId: await id(sql`select id from cohorts where name = 'Programme 2026 (all intakes)'`),
      moduleSlug: 'ee2-win-keep-customers',
    };
    const learners = rowsOf<{ n: string }>(
      await handle.db.execute(sql`select count(*) as n from users where role = 'learner'`),
    )[0]!.n;
    console.log(`${new URL(url).pathname.slice(1)}: ${learners} learners`);
    // Warm: loads content and stores any stale dashboard figures, so both runs read the same cache.
    await new Response((await matrixCsv(headCoach, input)).stream).arrayBuffer();

    const streamed = await measure('streamed (batches of 500)', async (sample) => {
      const reader = (await matrixCsv(headCoach, input)).stream.getReader();
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        for (const b of value) if (b === 10) lines += 1;
        sample();
      }
      return { rows: lines - 2, bytes };
    });
    const inMemory = await measure('built in memory (toCsv)', async (sample) => {
      const head = await matrixHead(headCoach, input);
      const rows: (string | number)[][] = [];
      const met = head.criteria.map(() => 0);
      for await (const batch of matrixBatches(headCoach, head, 500)) {
        for (const r of batch) {
          r.statuses.forEach((s, i) => (met[i] += s === 'met' ? 1 : 0));
          rows.push([r.name, ...r.statuses.map((s) => STATUS_LABEL[s]), `${r.met}/${head.criteria.length}`]);
        }
        sample();
      }
      const text = toCsv(
        ['Learner', ...head.criteria.map((c) => c.label), 'Criteria met'],
        [...rows, ['Learners who met it', ...met, '']],
      );
      sample();
      return { rows: rows.length, bytes: Buffer.byteLength(text) };
    });
    table.push(
      `| ${learners} | ${streamed.rows} | ${(streamed.bytes / MB).toFixed(2)} | ${streamed.ms.toFixed(0)} | ${streamed.peak.toFixed(1)} | ${inMemory.ms.toFixed(0)} | ${inMemory.peak.toFixed(1)} | ${streamed.bytes === inMemory.bytes ? 'yes' : 'NO'} |`,
    );
    setHandle(undefined);
    await handle.close();
  }
  console.log(
    '\n| learners in the centre | rows in the file | MB | streamed ms | streamed live heap peak MB | in memory ms | in memory live heap peak MB | same size |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |');
  for (const row of table) console.log(row);
  console.log(
    `\nLoad average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
