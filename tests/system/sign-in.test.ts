import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';

// The production server, trusting one proxy: 127.0.0.1. Requests this test sends from 127.0.0.1 play the proxy;
// requests from other loopback addresses (127.0.0.2, ...) are clients talking to the portal directly.
let app: AppServer;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-sign-in-'));

beforeAll(async () => {
  app = await startAppServer({
    DATABASE_URL: '',
    PGLITE_DIR: path.join(dataDir, 'pglite'),
    UPLOAD_DIR: path.join(dataDir, 'uploads'),
    DEMO_SEED: 'always',
    TRUSTED_PROXIES: '127.0.0.1',
  });
}, 180_000);

afterAll(async () => {
  await app?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request from a chosen local address (fetch cannot choose it). */
function send(from: string, method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<Reply> {
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
  const reply = await send(from, 'POST', '/api/auth/callback/credentials', {
    ...xff,
    'content-type': 'application/x-www-form-urlencoded',
    cookie: cookiesOf(csrf),
  }, new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString());
  if (/next-auth\.session-token=/.test(cookiesOf(reply))) return 'signed in';
  const error = new URL((JSON.parse(reply.body) as { url: string }).url, app.url).searchParams.get('error') ?? '';
  return /^Too many/.test(error) ? 'too many' : /do not match/.test(error) ? 'no match' : `unexpected: ${reply.status} ${error}`;
}

const unknownEmail = () => `nobody-${crypto.randomBytes(4).toString('hex')}@example.net`;

describe('per-address sign-in limit', () => {
  it('counts a direct client by its socket address, however it rotates X-Forwarded-For', async () => {
    const results = await Promise.all(
      Array.from({ length: 34 }, (_, i) => attempt('127.0.0.2', unknownEmail(), 'wrong', `198.18.${i}.1`)),
    );
    expect(results.filter((r) => r === 'no match')).toHaveLength(30);
    expect(results.filter((r) => r === 'too many')).toHaveLength(4);
  });

  it('behind a trusted proxy, counts the address the proxy saw: spoofing a victim\'s address does not lock the victim out', async () => {
    const victim = '203.0.113.50';
    const attacker = '198.51.100.66';
    // The attacker writes the victim's address; the proxy appends the attacker's real one.
    const results = await Promise.all(
      Array.from({ length: 34 }, () => attempt('127.0.0.1', unknownEmail(), 'wrong', `${victim}, ${attacker}`)),
    );
    expect(results.filter((r) => r === 'too many')).toHaveLength(4);
    expect(await attempt('127.0.0.1', 'learner@example.com', 'criterion-demo', victim)).toBe('signed in');
    // And the attacker, behind the same proxy, stays locked out whatever it writes.
    expect(await attempt('127.0.0.1', unknownEmail(), 'wrong', `10.1.2.3, ${attacker}`)).toBe('too many');
  });
});
