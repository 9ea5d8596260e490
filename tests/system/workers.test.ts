import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { signInHttp } from '../helpers/http-session';
import { createPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { readWorksheet, saveWorksheet } from '../helpers/worksheet-client';

// `npm start` with WEB_CONCURRENCY=2 (scripts/cluster.mjs): two worker processes on one port and one PostgreSQL.
let pg: PgCluster;
let app: AppServer;

const root = path.resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The worker processes the cluster's primary has started (Linux /proc). */
function workerPids(pid: number): number[] {
  return fs
    .readdirSync(`/proc/${pid}/task`)
    .flatMap((task) =>
      fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
}

function healthOnNewConnection(): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get(`${app.url}/api/health`, { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  pg = await createPgCluster();
  app = await startAppServer({ DATABASE_URL: pg.url, DEMO_SEED: 'always', DATABASE_POOL_MAX: '4' }, { workers: 2 });
}, 180_000);

afterAll(async () => {
  await app?.stop();
  pg?.destroy();
});

describe('several workers on one port', () => {
  it('runs two workers that serve sign-in and saves, losing nothing', async () => {
    expect(workerPids(app.process.pid!)).toHaveLength(2);
    const cookie = await signInHttp(app.url, 'learner@example.com', 'criterion-demo');
    let { version } = await readWorksheet(app.url, cookie);
    // Saves arrive on whichever worker the kernel hands the connection to; each must see the last.
    for (let i = 1; i <= 12; i++) {
      const saved = await saveWorksheet(app.url, cookie, version, `answer ${i}`);
      expect(saved.status, `save ${i}`).toBe(200);
      version = saved.version!;
    }
    expect(await readWorksheet(app.url, cookie)).toEqual({ version, text: 'answer 12' });
  });

  it('replaces a worker that dies, and keeps answering meanwhile', async () => {
    const [victim] = workerPids(app.process.pid!);
    process.kill(victim!, 'SIGKILL');
    await sleep(100);
    // A new connection (a kept-alive one to the dead worker is reset, as with any server that dies).
    expect(await healthOnNewConnection()).toBe(200);
    let pids: number[] = [];
    for (let i = 0; i < 120 && !(pids.length === 2 && !pids.includes(victim!)); i++) {
      await sleep(250);
      pids = workerPids(app.process.pid!);
    }
    expect(pids).toHaveLength(2);
    expect(pids).not.toContain(victim);
    expect(app.output()).toContain(`worker ${victim} stopped (SIGKILL); starting another`);
  });

  it('refuses several workers on the embedded database, saying what to do', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, WEB_CONCURRENCY: '2' };
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/start.mjs')], {
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Set DATABASE_URL to a PostgreSQL server, or leave WEB_CONCURRENCY unset.');
  });
});
