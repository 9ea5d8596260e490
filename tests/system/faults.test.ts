import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { signInHttp } from '../helpers/http-session';
import { createPgCluster, type PgCluster } from '../helpers/pg-cluster';

// The production build against a private PostgreSQL cluster that this test stops and restarts.
let pg: PgCluster;
let app: AppServer;

beforeAll(async () => {
  pg = createPgCluster(55432);
  app = await startAppServer(3311, { DATABASE_URL: pg.url, DEMO_SEED: 'always', DATABASE_POOL_MAX: '4' });
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
