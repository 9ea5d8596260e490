import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionKey, callAction, readActionManifest } from '../helpers/action-client';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { signInHttp } from '../helpers/http-session';
import { createPgCluster, type PgCluster } from '../helpers/pg-cluster';

// The production server, trusting one proxy: 127.0.0.1. Requests this test sends from 127.0.0.1 play the proxy;
// requests from other loopback addresses (127.0.0.2, ...) are clients talking to the portal directly. PostgreSQL, so
// the test can read which address each attempt was counted against, and set up earlier failures without paying for
// thirty password checks.
let pg: PgCluster;
let db: postgres.Sql;
let app: AppServer;
const root = path.resolve(__dirname, '../..');
const SECRET = 'system-test-secret-system-test-secret-0123'; // tests/helpers/app-server.ts

beforeAll(async () => {
  pg = await createPgCluster();
  db = postgres(pg.url, { max: 1, onnotice: () => {} });
  app = await startAppServer({
    DATABASE_URL: pg.url,
    DEMO_SEED: 'always',
    DATABASE_POOL_MAX: '4',
    TRUSTED_PROXIES: '127.0.0.1',
  });
}, 180_000);

afterAll(async () => {
  await db?.end();
  await app?.stop();
  pg?.destroy();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request from a chosen local address (fetch cannot choose it). */
function send(
  from: string,
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(pathname, app.url);
    const req = http.request(
      { host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method, headers, localAddress: from },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const cookiesOf = (reply: Reply) => (reply.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');

/** Signs in as the form does and says how it went: 'signed in', 'no match' or 'too many'. */
async function attempt(from: string, email: string, password: string, forwardedFor?: string) {
  const xff: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  const csrf = await send(from, 'GET', '/api/auth/csrf', xff);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const reply = await send(
    from,
    'POST',
    '/api/auth/callback/credentials',
    {
      ...xff,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookiesOf(csrf),
    },
    new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
  );
  if (/next-auth\.session-token=/.test(cookiesOf(reply))) return 'signed in';
  const error = new URL((JSON.parse(reply.body) as { url: string }).url, app.url).searchParams.get('error') ?? '';
  return /^Too many/.test(error)
    ? 'too many'
    : /do not match/.test(error)
      ? 'no match'
      : `unexpected: ${reply.status} ${error}`;
}

const unknownEmail = () => `nobody-${crypto.randomBytes(4).toString('hex')}@example.net`;

/** Failures already counted against an address (an earlier attack, say), one short of the limit of 30. */
async function failuresSoFar(ip: string, n = 29) {
  await db`insert into sign_in_attempts (email_key, ip, success) select 'earlier-' || g || '@example.net', ${ip}, false from generate_series(1, ${n}) g`;
}
const countedAgainst = async (emails: string[]) =>
  (await db<{ ip: string }[]>`select ip from sign_in_attempts where email_key in ${db(emails)}`).map((r) => r.ip);

describe('per-address sign-in limit', () => {
  it('counts a direct client by its socket address, however it rotates X-Forwarded-For', async () => {
    await failuresSoFar('127.0.0.2');
    const emails = [unknownEmail(), unknownEmail(), unknownEmail()];
    const results = [];
    for (const [i, email] of emails.entries())
      results.push(await attempt('127.0.0.2', email, 'wrong', `198.18.${i}.1`));
    expect(results).toEqual(['no match', 'too many', 'too many']);
    expect(await countedAgainst(emails)).toEqual(['127.0.0.2']);
  });

  it('behind a trusted proxy, counts the address the proxy saw: spoofing a victim\u2019s address does not lock the victim out', async () => {
    const victim = '203.0.113.50';
    const attacker = '198.51.100.66';
    await failuresSoFar(victim);
    // The attacker writes the victim's address; the proxy appends the attacker's real one.
    const emails = [unknownEmail(), unknownEmail()];
    for (const email of emails)
      expect(await attempt('127.0.0.1', email, 'wrong', `${victim}, ${attacker}`)).toBe('no match');
    expect(await countedAgainst(emails)).toEqual([attacker, attacker]);
    expect(await attempt('127.0.0.1', 'learner@example.com', 'criterion-demo', victim)).toBe('signed in');
  });
});

describe('sessions', () => {
  const DEMO = 'criterion-demo';
  const actions = () => readActionManifest(root, process.env.NEXT_DIST_DIR || '.next');
  const act = async (cookie: string, file: string, name: string, at: string, args: unknown) => {
    const ref = actions().get(actionKey(file, name));
    if (!ref) throw new Error(`${name} is not in the build`);
    return callAction({ baseUrl: app.url, pagePath: at, actionId: ref.id, args: [args], cookie });
  };
  const ACCOUNT = 'app/(app)/account/actions.ts';
  const ADMIN = 'app/(app)/admin/actions.ts';
  const page = (cookie: string, url: string) => fetch(`${app.url}${url}`, { headers: { cookie }, redirect: 'manual' });
  const where = async (cookie: string, url: string) => {
    const res = await page(cookie, url);
    return res.status === 200 ? 200 : new URL(res.headers.get('location') ?? '', app.url).pathname;
  };
  /** What /api/auth/session says for this cookie, and whether it clears the cookie. */
  const session = async (cookie: string) => {
    const res = await fetch(`${app.url}/api/auth/session`, { headers: { cookie } });
    const cleared = res.headers
      .getSetCookie()
      .some((c) => /session-token=;/.test(c) || /session-token=[^;]*;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c));
    return { body: (await res.json()) as Record<string, unknown>, cleared };
  };
  const userId = async (cookie: string) =>
    ((await (await fetch(`${app.url}/api/me`, { headers: { cookie } })).json()) as { id: string }).id;

  it('sign out everywhere ends a copied cookie: pages send it to sign in, /api/auth/session answers {} and clears it', async () => {
    const mine = await signInHttp(app.url, 'learner@example.com', DEMO);
    const copied = await signInHttp(app.url, 'learner@example.com', DEMO);
    expect(await where(copied, '/learner')).toBe(200);
    expect(
      (await act(mine, ACCOUNT, 'endAllSessionsAction', '/account', { confirm: 'everywhere' })).result,
    ).toMatchObject({ ok: true });
    expect(await where(copied, '/learner')).toBe('/signin');
    expect(await where(mine, '/learner')).toBe('/signin');
    expect(await session(copied)).toEqual({ body: {}, cleared: true });
  });

  it('an admin\u2019s reset ends the holder\u2019s sessions; the new password must be changed first; changing it ends the others', async () => {
    const admin = await signInHttp(app.url, 'admin@example.com', DEMO);
    const old = await signInHttp(app.url, 'learner2@example.com', DEMO);
    const id = await userId(old);
    expect(
      (
        await act(admin, ADMIN, 'resetPasswordAction', '/admin/accounts/new', {
          userId: id,
          password: 'temporary pass phrase 42',
        })
      ).result,
    ).toMatchObject({ ok: true });
    expect(await where(old, '/learner')).toBe('/signin');
    expect((await session(old)).body).toEqual({});

    const temp = await signInHttp(app.url, 'learner2@example.com', 'temporary pass phrase 42');
    const other = await signInHttp(app.url, 'learner2@example.com', 'temporary pass phrase 42');
    expect(await where(temp, '/learner')).toBe('/account');
    expect(await where(temp, '/learner/evidence')).toBe('/account');
    expect(await where(temp, '/account')).toBe(200);
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie: temp } })).status).toBe(403);

    const changed = await act(temp, ACCOUNT, 'changePasswordAction', '/account', {
      current: 'temporary pass phrase 42',
      next: 'violet tram under 9 bridges',
      confirm: 'violet tram under 9 bridges',
    });
    expect(changed.result).toMatchObject({ ok: true });
    // This browser carries on with the cookie the change re-issued; the other session has ended.
    const fresh = await signInHttp(app.url, 'learner2@example.com', 'violet tram under 9 bridges');
    expect(await where(fresh, '/learner')).toBe(200);
    expect(await where(other, '/learner')).toBe('/signin');
    expect(await where(temp, '/learner')).toBe('/signin');
  });

  it('the session endpoint answers nothing for a disabled account, and does not renew its cookie', async () => {
    const admin = await signInHttp(app.url, 'admin@example.com', DEMO);
    const coach = await signInHttp(app.url, 'coach@example.com', DEMO);
    expect((await session(coach)).body).toMatchObject({ user: { name: 'Tom Evans' } });
    expect(
      (
        await act(admin, ADMIN, 'setActiveAction', '/admin/accounts/new', {
          userId: await userId(coach),
          active: 'false',
        })
      ).result,
    ).toMatchObject({ ok: true });
    expect(await session(coach)).toEqual({ body: {}, cleared: true });
  });

  it('a session ends 12 hours after sign-in, however recently the cookie was renewed', async () => {
    const assessor = await signInHttp(app.url, 'assessor@example.com', DEMO);
    const id = await userId(assessor);
    const forged = async (hoursAgo: number) =>
      `next-auth.session-token=${await encode({
        secret: SECRET,
        token: {
          uid: id,
          sid: crypto.randomUUID(),
          role: 'assessor',
          name: 'Priya Shah',
          email: 'assessor@example.com',
          sv: 0,
          sat: Math.floor(Date.now() / 1000) - hoursAgo * 3600,
        },
      })}`;
    expect(await where(await forged(11), '/assessor')).toBe(200);
    expect(await where(await forged(13), '/assessor')).toBe('/signin');
    expect(await session(await forged(13))).toEqual({ body: {}, cleared: true });
  });

  it('"Sign out" ends that session for good: a copy of its cookie is refused, the account\u2019s other sessions go on', async () => {
    const mine = await signInHttp(app.url, 'assessor@example.com', DEMO);
    const copied = mine;
    const laptop = await signInHttp(app.url, 'assessor@example.com', DEMO);
    // What the header's Sign out button does: next-auth's sign-out, with its CSRF token.
    const csrf = await fetch(`${app.url}/api/auth/csrf`, { headers: { cookie: mine } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const out = await fetch(`${app.url}/api/auth/signout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${mine}; ${csrfCookie}` },
      body: new URLSearchParams({ csrfToken, json: 'true' }),
      redirect: 'manual',
    });
    expect(out.status).toBeLessThan(400);
    expect(await where(copied, '/assessor')).toBe('/signin');
    expect(await session(copied)).toEqual({ body: {}, cleared: true });
    expect(await where(laptop, '/assessor')).toBe(200);
  });
});
