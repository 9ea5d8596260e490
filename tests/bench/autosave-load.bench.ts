/**
 * Load: 100 learners autosaving at once for 30 s, plus coaches reading their dashboards, against the
 * production build. Prints p50/p95/p99 save latency, errors, and then checks that every learner's last
 * acknowledged save is what the database holds (0 lost updates). Target: p95 under 50 ms on this machine.
 *
 *   npm run build && tsx tests/bench/autosave-load.bench.ts            # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test tsx tests/bench/autosave-load.bench.ts
 *
 * Options (environment): LEARNERS=100 SECONDS=30 WARMUP=5 SAVE_EVERY_MS=1000 READERS=5 READ_EVERY_MS=2000 WORKERS=1 (WORKERS=2: two processes, PostgreSQL only)
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import postgres from 'postgres';
import { openDatabase } from '../../db/client';
import { seedDemo } from '../../db/demo';
import { migrateDatabase } from '../../db/migrate';
import { staffAssignments, users, enrolments } from '../../db/schema';
import { hashPassword } from '../../lib/auth/password';
import { startAppServer } from '../helpers/app-server';
import { signInHttp } from '../helpers/http-session';
import { readWorksheet, WORKSHEET } from '../helpers/worksheet-client';

const LEARNERS = Number(process.env.LEARNERS ?? 100);
const SECONDS = Number(process.env.SECONDS ?? 30);
const SAVE_EVERY_MS = Number(process.env.SAVE_EVERY_MS ?? 1000);
const READERS = Number(process.env.READERS ?? 5);
const WARMUP = Number(process.env.WARMUP ?? 5);
const READ_EVERY_MS = Number(process.env.READ_EVERY_MS ?? 2000);
/** Worker processes (scripts/cluster.mjs, PostgreSQL only); 1 = a single `next start`. */
const WORKERS = Number(process.env.WORKERS ?? 1);
const PORT = 3391;
const PASSWORD = 'bench-password-123';

// monitorEventLoopDelay records the time between its timer's runs, so the resolution is subtracted to leave the delay.
const LOOP_RESOLUTION_MS = 5;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU time (user + system) in ms from the text of /proc/<pid>/stat (Linux): utime and stime, in 100ths of a second. */
function statCpuMs(stat: string): number {
  const fields = stat.split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time a process and its children (cluster workers) have used so far, in ms. */
function processCpuMs(pid: number | undefined): number {
  try {
    let ms = statCpuMs(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean))
        ms += processCpuMs(Number(child));
    }
    return ms;
  } catch {
    return NaN;
  }
}

/** CPU time of every PostgreSQL process on this machine (0 when the database runs elsewhere), in ms. */
function postgresCpuMs(): number {
  let ms = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.includes('(postgres)')) ms += statCpuMs(stat);
    } catch {
      // the process ended while we looked
    }
  }
  return ms;
}

// The load generator shares the machine with the server it measures, so it uses node:http on kept-alive
// connections (a third of fetch's CPU per request): its own delays would otherwise count as the server's latency.
// Each simulated learner and reader has its own connection, as each person has their own browser; a shared pool
// would send most requests down a few connections and so to one worker.
const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: 1 });
const sharedAgent = newAgent();
function request(
  url: string,
  method: string,
  cookie: string,
  body?: string,
  agent = sharedAgent,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request(
      {
        agent,
        method,
        hostname: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        headers: {
          cookie,
          origin: u.origin,
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One autosave as the worksheet page sends it (tests/helpers/worksheet-client.ts does the same with fetch). */
async function autosave(base: string, cookie: string, version: number, text: string, agent: http.Agent) {
  const res = await request(
    `${base}/api/worksheets/${WORKSHEET}`,
    'PUT',
    cookie,
    JSON.stringify({ version, answers: { 'contacts-review': text } }),
    agent,
  );
  return { status: res.status, version: (JSON.parse(res.text) as { version?: number }).version };
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
    dropBenchDatabase = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const handle = openDatabase({ databaseUrl: url, pgliteDir: env.PGLITE_DIR });
  await migrateDatabase(handle);
  await seedDemo(handle.db);
  const hash = await hashPassword(PASSWORD);
  const rows = Array.from({ length: LEARNERS }, (_, i) => ({
    email: `load.learner.${i}@bench.example`,
    name: `Load Learner ${i}`,
    role: 'learner' as const,
    passwordHash: hash,
  }));
  const inserted = await handle.db.insert(users).values(rows).returning({ id: users.id });
  const [coach] = await handle.db
    .insert(users)
    .values({ email: 'load.coach@bench.example', name: 'Load Coach', role: 'coach', passwordHash: hash })
    .returning({ id: users.id });
  await handle.db
    .insert(staffAssignments)
    .values(inserted.map((l) => ({ learnerId: l.id, staffId: coach!.id, staffRole: 'coach' as const })));
  await handle.db.insert(enrolments).values(inserted.map((l) => ({ learnerId: l.id, moduleSlug: WORKSHEET })));
  await handle.close();
  return { ...env, DEMO_SEED: 'never' };
}

async function main() {
  const env = await prepareDatabase();
  const server = await startAppServer(env, { workers: WORKERS, port: PORT });
  try {
    const base = server.url;
    console.log(`Signing in ${LEARNERS} learners ...`);
    const cookies: string[] = [];
    for (let i = 0; i < LEARNERS; i += 10) {
      cookies.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(10, LEARNERS - i) }, (_, j) =>
            signInHttp(base, `load.learner.${i + j}@bench.example`, PASSWORD),
          ),
        )),
      );
    }
    const coachCookie = await signInHttp(base, 'load.coach@bench.example', PASSWORD);

    const latencies: number[] = [];
    const timeline: [number, number][] = [];
    const readLatencies: number[] = [];
    let errors = 0;
    let conflicts = 0;
    const lastAcked: string[] = new Array(LEARNERS).fill('');
    // The first WARMUP seconds are not measured: each worker loads a route's code and compiles it hot on its
    // first requests, which is start-up cost, not what a learner meets on a running server.
    let measureFrom = Infinity;
    let deadline = 0;

    const learner = async (i: number) => {
      const browser = newAgent();
      let version = (await readWorksheet(base, cookies[i]!)).version;
      let text = '';
      // Each learner's page saves on its own clock, once every SAVE_EVERY_MS from a random start, and never two saves
      // at once (the editor waits for the reply). Sleeping a fixed time after each reply instead would line the
      // learners up after any slow moment and turn their saves into bursts that no real class produces.
      let due = performance.now() + Math.random() * SAVE_EVERY_MS;
      await sleep(due - performance.now());
      while (Date.now() < deadline) {
        text += ` word${Math.floor(Math.random() * 1000)}`;
        try {
          // Timed from when the save was due: a save held back because the one before was still waiting counts that
          // wait too, so a slow moment is not hidden by the saves it delayed (coordinated omission).
          const sentAt = performance.now();
          const r = await autosave(base, cookies[i]!, version, text, browser);
          const ms = performance.now() - Math.min(due, sentAt);
          if (due >= measureFrom) {
            latencies.push(ms);
            timeline.push([due, ms]);
          }
          if (r.status === 200) {
            version = r.version!;
            lastAcked[i] = text;
          } else if (r.status === 409) conflicts++;
          else errors++;
        } catch {
          errors++;
        }
        due += SAVE_EVERY_MS;
        await sleep(Math.max(0, due - performance.now()));
      }
    };
    const reader = async () => {
      const browser = newAgent();
      let due = performance.now() + Math.random() * READ_EVERY_MS;
      await sleep(due - performance.now());
      while (Date.now() < deadline) {
        const started = performance.now();
        try {
          const res = await request(`${base}/coach`, 'GET', coachCookie, undefined, browser);
          if (res.status !== 200) errors++;
        } catch {
          errors++;
        }
        if (started >= measureFrom) readLatencies.push(performance.now() - started);
        due += READ_EVERY_MS;
        await sleep(Math.max(0, due - performance.now()));
      }
    };

    // The dashboard on its own first (nothing else asking): how long one render holds the server.
    const alone: number[] = [];
    let dashboardBytes = 0;
    for (let i = 0; i < Number(process.env.DASHBOARD_SAMPLES ?? 15); i++) {
      const started = performance.now();
      dashboardBytes = Buffer.byteLength((await request(`${base}/coach`, 'GET', coachCookie)).text);
      if (i >= 5) alone.push(performance.now() - started);
    }

    console.log(
      `Running ${LEARNERS} learners saving every ${SAVE_EVERY_MS} ms and ${READERS} dashboard readers for ${WARMUP} s (warm-up, not measured) + ${SECONDS} s ...`,
    );
    let serverCpuBefore = processCpuMs(server.process.pid);
    let benchCpuBefore = process.cpuUsage();
    let postgresCpuBefore = postgresCpuMs();
    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    loopDelay.enable();
    let wallBefore = 0;
    measureFrom = performance.now() + WARMUP * 1000;
    deadline = Date.now() + (WARMUP + SECONDS) * 1000;
    setTimeout(() => {
      wallBefore = performance.now();
      serverCpuBefore = processCpuMs(server.process.pid);
      postgresCpuBefore = postgresCpuMs();
      benchCpuBefore = process.cpuUsage();
      loopDelay.reset();
    }, WARMUP * 1000);
    await Promise.all([
      ...Array.from({ length: LEARNERS }, (_, i) => learner(i)),
      ...Array.from({ length: READERS }, reader),
    ]);

    const wall = performance.now() - wallBefore;
    loopDelay.disable();
    const buckets = new Map<number, number[]>();
    for (const [at, ms] of timeline) {
      const b = Math.max(0, Math.floor((at - measureFrom) / 5000));
      buckets.set(b, [...(buckets.get(b) ?? []), ms]);
    }
    const timelineLine = [...buckets]
      .sort((a, b) => a[0] - b[0])
      .map(
        ([b, v]) =>
          `${b * 5}s ${pct(
            v.sort((x, y) => x - y),
            95,
          ).toFixed(0)}`,
      )
      .join(', ');
    const serverCpu = processCpuMs(server.process.pid) - serverCpuBefore;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const postgresCpu = postgresCpuMs() - postgresCpuBefore;
    let lost = 0;
    for (let i = 0; i < LEARNERS; i++) {
      const stored = await readWorksheet(base, cookies[i]!);
      if (stored.text !== lastAcked[i]) lost++;
    }
    const s = [...latencies].sort((x, y) => x - y);
    const r = [...readLatencies].sort((x, y) => x - y);
    const db = env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)';
    console.log(
      [
        '',
        `Autosave load: ${LEARNERS} learners x ${SECONDS} s on ${db}, ${WORKERS} app server process${WORKERS > 1 ? 'es' : ''}, ${os.cpus().length} cores`,
        `  saves:      ${s.length} (${(s.length / SECONDS).toFixed(0)}/s)  p50 ${pct(s, 50).toFixed(1)} ms  p95 ${pct(s, 95).toFixed(1)} ms  p99 ${pct(s, 99).toFixed(1)} ms  max ${s.at(-1)?.toFixed(1)} ms`,
        `  dashboard:  ${r.length} reads  p50 ${pct(r, 50).toFixed(1)} ms  p95 ${pct(r, 95).toFixed(1)} ms  (alone, before the run: p50 ${pct(
          [...alone].sort((x, y) => x - y),
          50,
        ).toFixed(1)} ms, ${(dashboardBytes / 1024).toFixed(0)} kB)`,
        `  CPU:        app server ${((serverCpu / wall) * 100).toFixed(0)}% of one core (${(serverCpu / Math.max(1, s.length + r.length)).toFixed(2)} ms per request), ` +
          `PostgreSQL ${((postgresCpu / wall) * 100).toFixed(0)}%, this load generator ${(((benchCpu.user + benchCpu.system) / 1000 / wall) * 100).toFixed(0)}%, machine load average ${os.loadavg()[0].toFixed(1)}`,
        `  p95 per 5 s: ${timelineLine}`,
        `  load generator's own event-loop delay: p99 ${Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS).toFixed(1)} ms, max ${Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS).toFixed(1)} ms (time a response waited for this process before it was timed)`,
        `  errors:     ${errors}   conflicts: ${conflicts}   lost updates: ${lost}`,
        `  target:     p95 < 50 ms, 0 errors, 0 lost updates -> ${pct(s, 95) < 50 && errors === 0 && lost === 0 ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
  } finally {
    await server.stop();
    await dropBenchDatabase?.();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
