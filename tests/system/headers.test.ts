import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { CRITERION_MODULE } from '../helpers/authz-setup';
import { signInHttp } from '../helpers/http-session';

/**
 * Response headers whatever the request says (issue #17): the production build served as it is in production,
 * with an https NEXTAUTH_URL, its headers read over plain http.
 * - a router prefetch of a page rendered per request gets the page's headers (the proxy used to skip it);
 * - HSTS on every kind of response: pages, the module pages built in advance, the API, the build's static files;
 * - the build's static files are never sniffed; a file download keeps its sandbox.
 */

const root = path.resolve(__dirname, '../..');
const dataDir = path.join(root, `.data/headers-${process.pid}`);
let app: AppServer;
let cookie: string;

beforeAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  // CI runs the system tests with DATABASE_URL set, and with it a server signs only with a configured key.
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  app = await startAppServer({
    RECORD_SIGNING_KEY: JSON.stringify(await exportJWK(privateKey)),
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

const get = (p: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${p}`, { headers: { cookie, ...headers }, redirect: 'manual' });

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

describe('responses whose headers are written at build time', () => {
  it('a module page built in advance sends HSTS with its hashed policy', async () => {
    const res = await get(`/modules/${CRITERION_MODULE}`);
    expect(res.status).toBe(200);
    const h = pageHeaders(res);
    expect(h.csp).toMatch(/script-src 'self'( 'sha256-[^']+')*(;|$)/);
    expect(h).toMatchObject({ frame: 'DENY', sniff: 'nosniff', hsts: expect.stringMatching(/^max-age=\d+/) });
  });

  it('the API sends HSTS and its no-document policy', async () => {
    const res = await get('/api/health');
    const h = pageHeaders(res);
    expect(h.csp).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect(h).toMatchObject({ sniff: 'nosniff', hsts: expect.stringMatching(/^max-age=\d+/) });
  });

  it("the build's static files are not sniffed and send HSTS", async () => {
    const html = await (await get(`/modules/${CRITERION_MODULE}`)).text();
    const script = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
    expect(script).toBeTruthy();
    const res = await get(script!);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });
});

describe('the public signing keys', () => {
  it('are a JWKS anyone may fetch, from any origin, with the security headers of every page', async () => {
    const res = await fetch(`${app.url}/.well-known/criterion-keys.json`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jwk-set+json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const h = pageHeaders(res);
    expect(h).toMatchObject({ sniff: 'nosniff', hsts: expect.stringMatching(/^max-age=\d+/) });
    const { keys } = (await res.json()) as { keys: Record<string, string>[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(k).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(k).not.toHaveProperty('d');
    }
  });
});

describe('a file download', () => {
  it("keeps its sandbox: the API's header rule does not take it away", async () => {
    const form = new FormData();
    form.set('kind', 'file');
    form.set('title', 'Feedback log');
    form.set('occurredOn', new Date().toISOString().slice(0, 10));
    form.set('criteria', '[]');
    form.set(
      'file',
      new File([fs.readFileSync(path.join(root, 'tests/fixtures/files/feedback-log.pdf'))], 'feedback-log.pdf', {
        type: 'application/pdf',
      }),
    );
    const created = await fetch(`${app.url}/api/evidence`, {
      method: 'POST',
      headers: { cookie, origin: app.url },
      body: form,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const page = await (await get(`/evidence/${id}`)).text();
    const href = page.match(/\/api\/files\/[0-9a-f-]{36}/)?.[0];
    expect(href).toBeTruthy();
    const res = await get(href!);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp.split(/;\s*/)).toEqual(expect.arrayContaining(["default-src 'none'", 'sandbox']));
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
  });
});
