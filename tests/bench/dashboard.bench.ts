/**
 * Dashboards and per-user lists at several centre sizes (issue 19: "every page's cost depends on what it shows, not on
 * the size of the centre"). A plain script that prints figures; it never fails on slowness.
 *
 *   npx tsx tests/bench/dashboard.bench.ts --learners=1000,10000 --postgres=postgres://postgres@127.0.0.1:5432/bench
 *     [--runs=50] [--http-runs=20] [--no-http] [--port=4070] [--pglite [--pglite-dir=.data/bench-large]]
 *     [--only=<regular expression>]
 *
 * One PostgreSQL database per size, named after the one in --postgres (bench_1000, bench_10000 on the same server):
 * created, migrated and seeded with scripts/seed-large.ts (1,000 learners: about 20 s; 10,000: about 2 minutes) when
 * missing, reused when already seeded. `--postgres-<n>=<url>` uses a database of your own for size n instead (e.g. a
 * copy of one seeded earlier: `createdb -T <seeded> <copy>`; it is migrated, so never point it at one you must keep).
 *
 * For each case it prints p50 and p95 at every size side by side and the ratio of the largest size to the smallest.
 * The data functions the pages call (lib/) are timed in this process; then the pages themselves through HTTP: a
 * production server (`npm run build` first; NEXT_DIST_DIR is honoured) on each size's database, signed in, GET of
 * /coach, /coach/matrix and /assessor. `--pglite` adds the embedded database at 1,000 learners (data functions only), which
 * is also what runs when no --postgres is given. `--only=matrix` times only the cases whose name matches.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { arg } from '../helpers/plain-node';

const RUNS = Number(arg('runs') ?? 50);
const HTTP_RUNS = Number(arg('http-runs') ?? 20);
const WARMUP = 5;
const ONLY = arg('only') ? new RegExp(arg('only')!, 'i') : undefined;
const wanted = (what: string) => !ONLY || ONLY.test(what);

interface Stats {
  p50: number;
  p95: number;
  queries?: number;
  shown?: number;
}
/** case -> size -> figures, per target (PostgreSQL, PGlite). */
type Table = Map<string, Map<number, Stats>>;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

function record(table: Table, what: string, size: number, s: Stats) {
  if (!table.has(what)) table.set(what, new Map());
  table.get(what)!.set(size, s);
}

/** Creates the database when missing; seeds it when it holds no learners; refuses one seeded with another size. */
async function prepare(url: string, learners: number, label: string) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  const admin = postgres(Object.assign(new URL(url), { pathname: '/postgres' }).toString(), {
    max: 1,
    onnotice: () => {},
  });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  await admin.end();
  const { postgresHandle } = await import('../../db/client');
  const { migrateDatabase } = await import('../../db/migrate');
  const { seedLarge } = await import('../../scripts/seed-large');
  const { sql } = await import('drizzle-orm');
  const handle = postgresHandle(url, { max: 4 });
  await migrateDatabase(handle);
  const rows = await handle.db.execute<{ n: string }>(
    sql`select count(*) as n from users where role = 'learner' and email like '%@large.example'`,
  );
  const have = Number((Array.isArray(rows) ? rows : (rows as unknown as { rows: { n: string }[] }).rows)[0]!.n);
  if (have === 0) {
    const t0 = Date.now();
    console.log(`${label}: seeding ${learners.toLocaleString('en-GB')} learners into ${name} ...`);
    await seedLarge(handle.db, {
      learners,
      cohorts: Math.round(learners / 25),
      coaches: Math.round(learners / 25),
      assessors: Math.round(learners / 50),
    });
    await handle.db.execute(sql`analyze`);
    console.log(`${label}: seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } else if (have !== learners) {
    await handle.close();
    throw new Error(
      `${name} holds ${have} learners, not ${learners}: drop it or name another with --postgres-${learners}=<url>`,
    );
  }
  return handle;
}

async function dataCases(label: string, size: number, table: Table) {
  const { getDb, queryCounter } = await import('../../db/client');
  const { coachDashboard } = await import('../../lib/dashboards/dashboard');
  const { cohortMatrix } = await import('../../lib/dashboards/matrix');
  const { assessorQueue } = await import('../../lib/dashboards/queue');
  const { assignedLearners, learnerPortfolio } = await import('../../lib/evidence/portfolio');
  const { coachReviewQueue } = await import('../../lib/worksheets/review');
  const { largeActors } = await import('../helpers/list-queries');
  const { sql } = await import('drizzle-orm');
  const db = getDb();
  const rows = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  const one = async <T>(q: ReturnType<typeof sql>) => rows<T>(await db.execute(q))[0]!;
  const ids = async (q: ReturnType<typeof sql>) => (await one<{ id: string }>(q)).id;
  const headCoach = {
    id: await ids(sql`select id from users where email = 'head.coach@large.example'`),
    role: 'coach' as const,
  };
  const programme = await ids(sql`select id from cohorts where name = 'Programme 2026 (all intakes)'`);
  const a = await largeActors(db);
  const middle = await middleOfProgramme(db, programme);
  const counts = await one<{ users: string; evidence: string; judgements: string; mappings: string }>(sql`select
    (select count(*) from users) as users, (select count(*) from evidence) as evidence,
    (select count(*) from judgements) as judgements, (select count(*) from evidence_criteria) as mappings`);
  console.log(
    `${label} ${size.toLocaleString('en-GB')}: ${counts.users} accounts, ${counts.evidence} evidence, ${counts.mappings} mappings, ${counts.judgements} judgements`,
  );

  const cases: {
    what: string;
    run: () => Promise<number>;
    runs?: number;
    warmup?: number;
    before?: () => Promise<unknown>;
  }[] = [
    // Figures are kept current by every write (lib/dashboards/progress-current.ts): there is no cache to empty. The
    // worst case now is right after a restart: nothing in the process is warm but the database.
    {
      what: 'Coach dashboard, head coach, least progress, page 40',
      run: async () => (await coachDashboard(headCoach, { sort: 'progress', page: 40 }, db)).caseload.rows.length,
    },
    {
      what: 'Coach dashboard, head coach, stuck, by name',
      run: async () => (await coachDashboard(headCoach, { status: 'stuck', sort: 'name' }, db)).caseload.rows.length,
    },
    {
      what: 'Coach dashboard, head coach (all learners)',
      run: async () => (await coachDashboard(headCoach, {}, db)).caseload.rows.length,
    },
    {
      what: 'Coach dashboard, head coach, cohort 1 + EE2 + stuck',
      run: async () =>
        (
          await coachDashboard(
            headCoach,
            { cohortId: a.cohortId, moduleSlug: 'ee2-win-keep-customers', status: 'stuck' },
            db,
          )
        ).caseload.rows.length,
    },
    {
      what: 'Coach dashboard, one cohort\u2019s coach',
      run: async () => (await coachDashboard(a.coach, {}, db)).caseload.counts.all,
    },
    {
      what: 'Cohort matrix, whole programme x EE2',
      run: async () =>
        (await cohortMatrix(headCoach, { cohortId: programme, moduleSlug: 'ee2-win-keep-customers' }, db)).learners
          .length,
    },
    {
      what: 'Cohort matrix, whole programme x EE2, a page in the middle',
      run: async () =>
        (
          await cohortMatrix(
            headCoach,
            { cohortId: programme, moduleSlug: 'ee2-win-keep-customers', after: middle.position },
            db,
          )
        ).learners.length,
    },
    {
      what: 'Cohort matrix, whole programme x EE2, going back to the middle',
      run: async () =>
        (
          await cohortMatrix(
            headCoach,
            { cohortId: programme, moduleSlug: 'ee2-win-keep-customers', before: middle.position },
            db,
          )
        ).learners.length,
    },
    {
      what: 'Cohort matrix, one cohort x WRC',
      run: async () =>
        (await cohortMatrix(a.coach, { cohortId: a.cohortId, moduleSlug: 'win-retain-customers' }, db)).learners.length,
    },
    {
      what: 'Assessor queue (one assessor\u2019s learners)',
      run: async () => (await assessorQueue(a.assessor, db)).learnerCount,
    },
    { what: 'Assessor\u2019s learner list', run: async () => (await assignedLearners(a.assessor, db)).length },
    {
      what: 'Coach\u2019s worksheet review list',
      run: async () => {
        const q = await coachReviewQueue(a.coach);
        return q.waiting.length + q.commented.length;
      },
    },
    {
      what: 'Learner portfolio (assessor, one learner)',
      run: async () => (await learnerPortfolio(a.assessor, a.learnerId, db)).modules.length,
    },
  ];
  for (const c of cases) {
    if (!wanted(c.what)) continue;
    let shown = 0;
    for (let i = 0; i < (c.warmup ?? WARMUP); i++) {
      await c.before?.();
      shown = await c.run();
    }
    await c.before?.();
    queryCounter.count = 0;
    await c.run();
    const queries = queryCounter.count;
    const samples: number[] = [];
    for (let i = 0; i < (c.runs ?? RUNS); i++) {
      await c.before?.();
      const t0 = performance.now();
      await c.run();
      samples.push(performance.now() - t0);
    }
    const s = stats(samples);
    record(table, c.what, size, { ...s, queries, shown });
    console.log(
      `  ${c.what.padEnd(52)} ${String(shown).padStart(6)} shown  ${String(queries).padStart(2)} queries  p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${s.p95.toFixed(1).padStart(7)} ms`,
    );
  }
  return { programme, cohortId: a.cohortId, middle };
}

/** The position of the programme's learner half-way down the EE2 matrix in name order (a page deep in the cohort). */
async function middleOfProgramme(db: import('../../db/client').Db, programme: string) {
  const { sql } = await import('drizzle-orm');
  const { rowsOf } = await import('../../db/client');
  const [row] = rowsOf<{ name: string; id: string; n: string }>(
    await db.execute(sql`with m as (
      select u.name, u.id from users u
      join cohort_members cm on cm.learner_id = u.id and cm.cohort_id = ${programme}
      join enrolments e on e.learner_id = u.id and e.module_slug = 'ee2-win-keep-customers'
      where u.role = 'learner' and u.active)
    select name, id, (select count(*) from m) as n from m order by name, id
    offset (select count(*) / 2 from m) limit 1`),
  );
  const position = { name: row!.name, id: row!.id };
  const { encodePosition } = await import('../../lib/dashboards/matrix').catch(() => ({ encodePosition: undefined }));
  const page = Math.floor(Number(row!.n) / 2 / 50) + 2;
  return { position, query: encodePosition ? `&after=${encodePosition(position)}&page=${page}` : '' };
}

async function httpCases(
  url: string,
  size: number,
  port: number | undefined,
  ids: { programme: string; middle: { query: string } },
  table: Table,
) {
  const { startAppServer } = await import('../helpers/app-server');
  const { signInHttp } = await import('../helpers/http-session');
  const app = await startAppServer({ DATABASE_URL: url, DEMO_SEED: 'never', DATABASE_POOL_MAX: '10' }, { port });
  try {
    const password = 'criterion-demo';
    const head = await signInHttp(app.url, 'head.coach@large.example', password);
    const coach = await signInHttp(app.url, 'coach1@large.example', password);
    const assessor = await signInHttp(app.url, 'assessor1@large.example', password);
    const pages: { what: string; path: string; cookie: string }[] = [
      { what: 'GET /coach, head coach', path: '/coach', cookie: head },
      { what: 'GET /coach, one cohort\u2019s coach', path: '/coach', cookie: coach },
      {
        what: 'GET /coach/matrix, head coach, whole programme x EE2',
        path: `/coach/matrix?cohort=${ids.programme}&module=ee2-win-keep-customers`,
        cookie: head,
      },
      {
        what: 'GET /coach/matrix, head coach, whole programme x EE2, a page in the middle',
        path: `/coach/matrix?cohort=${ids.programme}&module=ee2-win-keep-customers${ids.middle.query}`,
        cookie: head,
      },
      {
        what: 'GET /api/matrix/csv, head coach, whole programme x EE2 (whole file)',
        path: `/api/matrix/csv?cohort=${ids.programme}&module=ee2-win-keep-customers`,
        cookie: head,
      },
      { what: 'GET /coach/matrix, one cohort\u2019s coach', path: '/coach/matrix', cookie: coach },
      { what: 'GET /assessor, assessor', path: '/assessor', cookie: assessor },
    ];
    for (const p of pages) {
      if (!wanted(p.what)) continue;
      const get = async () => {
        const res = await fetch(`${app.url}${p.path}`, { headers: { cookie: p.cookie }, redirect: 'manual' });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${p.path}: HTTP ${res.status}`);
        return body.length;
      };
      let bytes = 0;
      for (let i = 0; i < 3; i++) bytes = await get();
      const samples: number[] = [];
      for (let i = 0; i < HTTP_RUNS; i++) {
        const t0 = performance.now();
        await get();
        samples.push(performance.now() - t0);
      }
      const s = stats(samples);
      record(table, p.what, size, { ...s, shown: Math.round(bytes / 1024) });
      console.log(
        `  ${p.what.padEnd(52)} ${String(Math.round(bytes / 1024)).padStart(5)} kB  p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${s.p95.toFixed(1).padStart(7)} ms`,
      );
    }
  } finally {
    await app.stop();
  }
}

function printTable(title: string, table: Table, sizes: number[], unit: string) {
  const n = (x: number) => x.toLocaleString('en-GB');
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  const head = [
    'case',
    ...sizes.flatMap((s) => [`${n(s)} ${unit}`, `${n(s)} p50`, `${n(s)} p95`]),
    ...(sizes.length > 1 ? [`p50 ${n(last)}/${n(first)}`, `p95 ${n(last)}/${n(first)}`] : []),
  ];
  console.log(`\n${title}\n`);
  console.log(`| ${head.join(' | ')} |`);
  console.log(
    `| --- | ${head
      .slice(1)
      .map(() => '---:')
      .join(' | ')} |`,
  );
  for (const [what, bySize] of table) {
    const cells = sizes.flatMap((s) => {
      const f = bySize.get(s);
      return f ? [String(f.shown ?? ''), f.p50.toFixed(1), f.p95.toFixed(1)] : ['', '', ''];
    });
    const a = bySize.get(first);
    const b = bySize.get(last);
    const ratios =
      sizes.length > 1 ? (a && b ? [(b.p50 / a.p50).toFixed(2), (b.p95 / a.p95).toFixed(2)] : ['', '']) : [];
    console.log(`| ${what} | ${[...cells, ...ratios].join(' | ')} |`);
  }
}

async function main() {
  const { openDatabase, setHandle } = await import('../../db/client');
  const sizes = (arg('learners') ?? '1000,10000')
    .split(',')
    .map(Number)
    .sort((x, y) => x - y);
  const base = arg('postgres') ?? process.env.BENCH_DATABASE_URL;
  const http = !process.argv.includes('--no-http');
  const port = arg('port') ? Number(arg('port')) : undefined;
  const data: Table = new Map();
  const pages: Table = new Map();
  const started = new Date();
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ');
  console.log(
    `${started.toISOString()}  ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, load average ${load()}`,
  );

  if (base) {
    for (const size of sizes) {
      const own = arg(`postgres-${size}`);
      const url =
        own ??
        (() => {
          const u = new URL(base);
          u.pathname = `/${u.pathname.slice(1) || 'bench'}_${size}`;
          return u.toString();
        })();
      const handle = await prepare(url, size, 'PostgreSQL');
      setHandle(handle);
      const ids = await dataCases('PostgreSQL', size, data);
      setHandle(undefined);
      await handle.close();
      if (http) await httpCases(url, size, port, ids, pages);
    }
    printTable(
      `PostgreSQL, data functions (lib/), ${RUNS} runs after ${WARMUP} warm-up (empty cache: 10 runs after 1); "shown": rows the function returns`,
      data,
      sizes,
      'shown',
    );
    if (http)
      printTable(
        `PostgreSQL, pages through HTTP (production server, signed in), ${HTTP_RUNS} runs after 3 warm-up; page size in kB`,
        pages,
        sizes,
        'kB',
      );
  }

  // The embedded database too when asked, or when no PostgreSQL is named (`npm run bench`).
  if (process.argv.includes('--pglite') || !base) {
    const pglite: Table = new Map();
    const handle = openDatabase({ pgliteDir: arg('pglite-dir') ?? '.data/bench-large' });
    setHandle(handle);
    const { migrateDatabase } = await import('../../db/migrate');
    const { seedLarge } = await import('../../scripts/seed-large');
    const { sql } = await import('drizzle-orm');
    await migrateDatabase(handle);
    const found = await handle.db.execute<{ id: string }>(
      sql`select id from users where email = 'head.coach@large.example'`,
    );
    if (!(Array.isArray(found) ? found : (found as unknown as { rows: unknown[] }).rows).length) {
      console.log('PGlite: seeding 1,000 learners ...');
      await seedLarge(handle.db, { learners: 1000, cohorts: 40, coaches: 40, assessors: 20 });
      await handle.db.execute(sql`analyze`);
    }
    await dataCases('PGlite', 1000, pglite);
    setHandle(undefined);
    await handle.close();
    printTable('PGlite, data functions (lib/)', pglite, [1000], 'shown');
  }
  console.log(
    `\nLoad average at the end: ${load()} (started ${started.toISOString()}, ${((Date.now() - started.getTime()) / 60000).toFixed(1)} min)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
