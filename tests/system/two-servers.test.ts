import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { signInHttp } from '../helpers/http-session';
import { createPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { readWorksheet, saveWorksheet } from '../helpers/worksheet-client';

// Two production servers on one PostgreSQL: nothing a learner does may depend on which one answers.
let pg: PgCluster;
let a: AppServer;
let b: AppServer;

beforeAll(async () => {
  pg = await createPgCluster();
  const env = { DATABASE_URL: pg.url, DEMO_SEED: 'always', DATABASE_POOL_MAX: '4' };
  a = await startAppServer(env);
  b = await startAppServer(env);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  pg?.destroy();
});

describe('two app servers, one database', () => {
  it('a session from one server is valid on the other (stateless JWT sessions)', async () => {
    const cookie = await signInHttp(a.url, 'learner2@example.com', 'criterion-demo');
    expect((await fetch(`${b.url}/learner`, { headers: { cookie } })).status).toBe(200);
  });

  it('alternating saves lose nothing, and a stale save on the other server is refused with the newer text', async () => {
    const cookie = await signInHttp(a.url, 'learner@example.com', 'criterion-demo');
    let { version } = await readWorksheet(a.url, cookie);
    let last = '';
    for (let i = 1; i <= 20; i++) {
      const server = i % 2 ? a : b;
      last = `Contact point ${i}: answered the phone within three rings`;
      const saved = await saveWorksheet(server.url, cookie, version, last);
      expect(saved.status, `save ${i} on ${server.url}`).toBe(200);
      expect(saved.version).toBe(version + 1);
      version = saved.version!;
    }
    expect(await readWorksheet(b.url, cookie)).toEqual({ version, text: last });

    // A tab that last saved at an older version, now talking to the other server.
    const stale = await saveWorksheet(a.url, cookie, version - 3, 'old text from a stale tab');
    expect(stale.status).toBe(409);
    expect(stale.current?.version).toBe(version);
    expect(stale.current?.answers['contacts-review']).toBe(last);
    expect(await readWorksheet(a.url, cookie)).toEqual({ version, text: last });
  });

  it('two simultaneous saves of the same version: exactly one wins, the other is told', async () => {
    const cookie = await signInHttp(b.url, 'learner@example.com', 'criterion-demo');
    const { version } = await readWorksheet(a.url, cookie);
    const [x, y] = await Promise.all([
      saveWorksheet(a.url, cookie, version, 'written in tab X'),
      saveWorksheet(b.url, cookie, version, 'written in tab Y'),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const winner = x.status === 200 ? 'written in tab X' : 'written in tab Y';
    expect(await readWorksheet(b.url, cookie)).toEqual({ version: version + 1, text: winner });
  });
});
