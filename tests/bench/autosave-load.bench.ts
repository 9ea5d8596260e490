/**
 * Load: 100 learners autosaving at once for 30 s, plus coaches reading their dashboards, against the
 * production build. Prints p50/p95/p99 save latency, errors, and then checks that every learner's last
 * acknowledged save is what the database holds (0 lost updates). Target: p95 under 50 ms on this machine.
 *
 *   npm run build && tsx tests/bench/autosave-load.bench.ts            # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test tsx tests/bench/autosave-load.bench.ts
 *
 * Options (environment): LEARNERS=100 SECONDS=30 SAVE_EVERY_MS=1000 READERS=5 WORKERS=1 (WORKERS=2: two processes, PostgreSQL only)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../../db/client';
import { seedDemo } from '../../db/demo';
import { migrateDatabase } from '../../db/migrate';
import { staffAssignments, users, enrolments } from '../../db/schema';
import { hashPassword } from '../../lib/auth/password';
import { startAppServer } from '../helpers/app-server';
import { signInHttp } from '../helpers/http-session';
import { readWorksheet, saveWorksheet, WORKSHEET } from '../helpers/worksheet-client';

const LEARNERS = Number(process.env.LEARNERS ?? 100);
const SECONDS = Number(process.env.SECONDS ?? 30);
const SAVE_EVERY_MS = Number(process.env.SAVE_EVERY_MS ?? 1000);
const READERS = Number(process.env.READERS ?? 5);
/** Worker processes (scripts/cluster.mjs, PostgreSQL only); 1 = a single `next start`. */
const WORKERS = Number(process.env.WORKERS ?? 1);
const PORT = 3391;
const PASSWORD = 'bench-password-123';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU time (user + system) a process and its children (cluster workers) have used so far, from /proc (Linux), in ms. */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    let ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 per second)
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) ms += processCpuMs(Number(child));
    }
    return ms;
  } catch {
    return NaN;
  }
}

let dropBenchDatabase: (() => Promise<void>) | undefined;

async function prepareDatabase(): Promise<Record<string, string>> {
  const pgUrl = process.env.BENCH_DATABASE_URL;
  let env: Record<string, string>;
  let url: string | undefined;
  if (pgUrl) {
    const name = `criterion_bench_${process.pid}`;
    const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    dropBenchDatabase = async () => {
      const a = postgres(pgUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    env = { DATABASE_URL: url };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-bench-'));
    env = { PGLITE_DIR: path.join(dir, 'pglite') };
  }
  const handle = openDatabase({ databaseUrl: url, pgliteDir: env.PGLITE_DIR });
  await migrateDatabase(handle);
  await seedDemo(handle.db);
  const hash = await hashPassword(PASSWORD);
  const rows = Array.from({ length: LEARNERS }, (_, i) => ({
    email: `load.learner.${i}@bench.example`, name: `Load Learner ${i}`, role: 'learner' as const, passwordHash: hash,
  }));
  const inserted = await handle.db.insert(users).values(rows).returning({ id: users.id });
  const [coach] = await handle.db.insert(users).values({ email: 'load.coach@bench.example', name: 'Load Coach', role: 'coach', passwordHash: hash }).returning({ id: users.id });
  await handle.db.insert(staffAssignments).values(inserted.map((l) => ({ learnerId: l.id, staffId: coach!.id, staffRole: 'coach' as const })));
  await handle.db.insert(enrolments).values(inserted.map((l) => ({ learnerId: l.id, moduleSlug: WORKSHEET })));
  await handle.close();
  return { ...env, DEMO_SEED: 'never' };
}

async function main() {
  const env = await prepareDatabase();
  const server = await startAppServer(PORT, env, { workers: WORKERS });
  try {
    const base = server.url;
    console.log(`Signing in ${LEARNERS} learners ...`);
    const cookies: string[] = [];
    for (let i = 0; i < LEARNERS; i += 10) {
      cookies.push(...(await Promise.all(Array.from({ length: Math.min(10, LEARNERS - i) }, (_, j) => signInHttp(base, `load.learner.${i + j}@bench.example`, PASSWORD)))));
    }
    const coachCookie = await signInHttp(base, 'load.coach@bench.example', PASSWORD);

    const latencies: number[] = [];
    const readLatencies: number[] = [];
    let errors = 0;
    let conflicts = 0;
    const lastAcked: string[] = new Array(LEARNERS).fill('');
    const deadline = Date.now() + SECONDS * 1000;

    const learner = async (i: number) => {
      let version = (await readWorksheet(base, cookies[i]!)).version;
      let text = '';
      await sleep(Math.random() * SAVE_EVERY_MS); // learners do not all type in step
      while (Date.now() < deadline) {
        text += ` word${Math.floor(Math.random() * 1000)}`;
        try {
          const r = await saveWorksheet(base, cookies[i]!, version, text);
          latencies.push(r.ms);
          if (r.status === 200) {
            version = r.version!;
            lastAcked[i] = text;
          } else if (r.status === 409) conflicts++;
          else errors++;
        } catch {
          errors++;
        }
        await sleep(SAVE_EVERY_MS);
      }
    };
    const reader = async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        try {
          const res = await fetch(`${base}/coach`, { headers: { cookie: coachCookie } });
          await res.arrayBuffer();
          if (!res.ok) errors++;
        } catch {
          errors++;
        }
        readLatencies.push(performance.now() - started);
        await sleep(2000);
      }
    };

    // The dashboard on its own first (nothing else asking): how long one render holds the server.
    const alone: number[] = [];
    for (let i = 0; i < Number(process.env.DASHBOARD_SAMPLES ?? 15); i++) {
      const started = performance.now();
      await (await fetch(`${base}/coach`, { headers: { cookie: coachCookie } })).arrayBuffer();
      if (i >= 5) alone.push(performance.now() - started);
    }

    console.log(`Running ${LEARNERS} learners saving every ${SAVE_EVERY_MS} ms and ${READERS} dashboard readers for ${SECONDS} s ...`);
    const serverCpuBefore = processCpuMs(server.process.pid);
    const benchCpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await Promise.all([...Array.from({ length: LEARNERS }, (_, i) => learner(i)), ...Array.from({ length: READERS }, reader)]);

    const wall = performance.now() - wallBefore;
    const serverCpu = processCpuMs(server.process.pid) - serverCpuBefore;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    let lost = 0;
    for (let i = 0; i < LEARNERS; i++) {
      const stored = await readWorksheet(base, cookies[i]!);
      if (stored.text !== lastAcked[i]) lost++;
    }
    const s = [...latencies].sort((x, y) => x - y);
    const r = [...readLatencies].sort((x, y) => x - y);
    const db = env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)';
    console.log([
      '',
      `Autosave load: ${LEARNERS} learners x ${SECONDS} s on ${db}, ${WORKERS} app server process${WORKERS > 1 ? 'es' : ''}, ${os.cpus().length} cores`,
      `  saves:      ${s.length} (${(s.length / SECONDS).toFixed(0)}/s)  p50 ${pct(s, 50).toFixed(1)} ms  p95 ${pct(s, 95).toFixed(1)} ms  p99 ${pct(s, 99).toFixed(1)} ms  max ${s.at(-1)?.toFixed(1)} ms`,
      `  dashboard:  ${r.length} reads  p50 ${pct(r, 50).toFixed(1)} ms  p95 ${pct(r, 95).toFixed(1)} ms  (alone, before the run: p50 ${pct([...alone].sort((x, y) => x - y), 50).toFixed(1)} ms)`,
      `  CPU:        app server ${(serverCpu / wall * 100).toFixed(0)}% of one core (${(serverCpu / Math.max(1, s.length + r.length)).toFixed(2)} ms per request), `
        + `this load generator ${(((benchCpu.user + benchCpu.system) / 1000) / wall * 100).toFixed(0)}%, machine load average ${os.loadavg()[0].toFixed(1)}`,
      `  errors:     ${errors}   conflicts: ${conflicts}   lost updates: ${lost}`,
      `  target:     p95 < 50 ms, 0 errors, 0 lost updates -> ${pct(s, 95) < 50 && errors === 0 && lost === 0 ? 'met' : 'NOT met'}`,
      '',
    ].join('\n'));
  } finally {
    await server.stop();
    await dropBenchDatabase?.();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
