import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { signInHttp } from '../helpers/http-session';

/**
 * Response headers whatever the request says (issue #17): the production build served as it is in production,
 * with an https NEXTAUTH_URL, its headers read over plain http. A router prefetch of a page rendered per request
 * gets the page's headers (the proxy used to skip it).
 */

const root = path.resolve(__dirname, '../..');
const dataDir = path.join(root, `.data/headers-${process.pid}`);
let app: AppServer;
let cookie: string;

beforeAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  app = await startAppServer({
    NEXTAUTH_URL: 'https://criterion.example',
    PGLITE_DIR: path.join(dataDir, 'pglite'),
    UPLOAD_DIR: path.join(dataDir, 'uploads'),
    DEMO_SEED: 'always',
  });
  cookie = await signInHttp(app.url, 'learner@example.com', 'criterion-demo');
}, 180_000);

afterAll(async () => {
  await app?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${app.url}${p}`, { headers: { cookie, ...headers }, redirect: 'manual' });

function pageHeaders(res: Response) {
  return {
    csp: res.headers.get('content-security-policy') ?? '',
    frame: res.headers.get('x-frame-options'),
    sniff: res.headers.get('x-content-type-options'),
    hsts: res.headers.get('strict-transport-security'),
  };
}

describe('a page rendered per request', () => {
  it.each([
    ['an ordinary request', {}],
    ['a router prefetch (Next-Router-Prefetch, RSC)', { 'next-router-prefetch': '1', rsc: '1' }],
    ['a prefetch announced with Purpose: prefetch', { purpose: 'prefetch' }],
    ['a prefetch announced with Sec-Purpose: prefetch', { 'sec-purpose': 'prefetch' }],
  ])('gets its security headers on %s', async (_label, headers) => {
    const res = await get('/learner', headers);
    // A prefetch without Next's cache-busting parameter is redirected to the address carrying it: still a page's answer.
    expect([200, 307]).toContain(res.status);
    const h = pageHeaders(res);
    expect(h.csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(h.csp).toContain("frame-ancestors 'none'");
    expect(h.csp).toContain('upgrade-insecure-requests');
    expect(h).toMatchObject({ frame: 'DENY', sniff: 'nosniff', hsts: expect.stringMatching(/^max-age=\d+/) });
  });
});
