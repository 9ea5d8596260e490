import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { signInHttp } from '../helpers/http-session';
import { createPgCluster, type PgCluster } from '../helpers/pg-cluster';

// The production build against a private PostgreSQL cluster that this test stops and restarts.
let pg: PgCluster;
let app: AppServer;

beforeAll(async () => {
  pg = await createPgCluster();
  app = await startAppServer({ DATABASE_URL: pg.url, DEMO_SEED: 'always', DATABASE_POOL_MAX: '4' });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  pg?.destroy();
});

describe('database outage', () => {
  it('fails cleanly while PostgreSQL is down and recovers without restarting the app', async () => {
    const cookie = await signInHttp(app.url, 'learner@example.com', 'criterion-demo');
    const home = await fetch(`${app.url}/learner`, { headers: { cookie } });
    expect(home.status).toBe(200);

    pg.stop();
    const started = Date.now();
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable' });
    const page = await fetch(`${app.url}/learner`, { headers: { cookie } });
    expect(page.status).toBeGreaterThanOrEqual(500);
    expect(await page.text()).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/); // no stack traces or driver errors leak
    expect(Date.now() - started).toBeLessThan(20_000); // answers, does not hang

    pg.start();
    let recovered = false;
    for (let i = 0; i < 40 && !recovered; i++) {
      recovered = (await fetch(`${app.url}/api/health`)).ok;
      if (!recovered) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(true);
    const again = await fetch(`${app.url}/learner`, { headers: { cookie } });
    expect(again.status).toBe(200);
    expect(app.process.exitCode).toBeNull();
  }, 90_000);
});

describe('a server killed in the middle of saving', () => {
  it('leaves no half-written record: every evidence row that exists has all its criteria and its audit entry', async () => {
    const cookie = await signInHttp(app.url, 'learner@example.com', 'criterion-demo');
    const criteria = JSON.stringify([
      { id: 'ee2/pc/1', note: '' },
      { id: 'ee2/pc/2', note: '' },
      { id: 'wrc/pc/1', note: '' },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const post = (i: number) => {
      const form = new FormData();
      form.set('kind', 'account');
      form.set('title', `Account ${i}`);
      form.set('occurredOn', today);
      form.set('body', `What I did with customers, take ${i}.`);
      form.set('criteria', criteria);
      return fetch(`${app.url}/api/evidence`, { method: 'POST', headers: { cookie, origin: app.url }, body: form })
        .then((r) => r.status)
        .catch(() => 0);
    };
    // Keep saves flowing and kill the server (SIGKILL: no clean shutdown) once the first one has landed.
    let firstLanded: () => void;
    const landed = new Promise<void>((r) => (firstLanded = r));
    const inFlight: Promise<number>[] = [];
    let stop = false;
    const pump = (async () => {
      for (let i = 0; !stop && i < 400; i++) {
        inFlight.push(post(i).then((status) => (status === 201 && firstLanded(), status)));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await landed;
    await new Promise((r) => setTimeout(r, 50));
    app.process.kill('SIGKILL');
    stop = true;
    await pump;
    const statuses = await Promise.all(inFlight);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 0).length).toBeGreaterThan(0); // some were cut off mid-request

    app = await startAppServer({ DATABASE_URL: pg.url, DEMO_SEED: 'always', DATABASE_POOL_MAX: '4' });
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ id: string; mappings: number; audits: number }[]>`
        select e.id,
               (select count(*)::int from evidence_criteria c where c.evidence_id = e.id) as mappings,
               (select count(*)::int from audit_log a where a.subject_id = e.id::text) as audits
        from evidence e join users u on u.id = e.learner_id
        where u.email = 'learner@example.com'`;
      expect(rows.length).toBeGreaterThanOrEqual(statuses.filter((s) => s === 201).length);
      for (const row of rows) {
        expect(row.mappings, `evidence ${row.id} criteria`).toBe(3);
        expect(row.audits, `evidence ${row.id} audit`).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await sql.end();
    }
    // And the restarted server serves the learner's library.
    const cookieAgain = await signInHttp(app.url, 'learner@example.com', 'criterion-demo');
    expect((await fetch(`${app.url}/learner/evidence`, { headers: { cookie: cookieAgain } })).status).toBe(200);
  }, 120_000);
});
