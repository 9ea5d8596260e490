import { describe, expect, it } from 'vitest';
import {
  API_CONTENT_SECURITY_POLICY,
  HSTS,
  contentSecurityPolicy,
  staticSecurityHeaders,
} from '@/lib/security-headers';

const opts = { dev: false, https: false };
const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('Content Security Policy', () => {
  it("on pages rendered per request allows scripts with this request's nonce and what they load, nothing inline else", () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123' }, opts);
    expect(directive(csp, 'script-src')).toBe(`script-src 'self' 'nonce-abc123' 'strict-dynamic'`);
    expect(directive(csp, 'script-src')).not.toContain('unsafe-inline');
    expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors 'none'`);
    expect(directive(csp, 'object-src')).toBe(`object-src 'none'`);
  });

  it('on pages built in advance allows exactly their inline scripts by hash, or none', () => {
    expect(directive(contentSecurityPolicy({ hashes: ['AAA=', 'BBB='] }, opts), 'script-src')).toBe(
      `script-src 'self' 'sha256-AAA=' 'sha256-BBB='`,
    );
    expect(directive(contentSecurityPolicy({ hashes: [] }, opts), 'script-src')).toBe(`script-src 'self'`);
  });

  it("lets the service worker and the capture page work: this site's worker, recorded blobs played back, mic and camera here only", () => {
    const csp = contentSecurityPolicy({ nonce: 'n' }, opts);
    // 'strict-dynamic' makes script-src ignore 'self', so the worker needs a directive of its own.
    expect(directive(csp, 'worker-src')).toBe(`worker-src 'self'`);
    expect(directive(csp, 'media-src')).toBe(`media-src 'self' blob:`);
    expect(staticSecurityHeaders()['Permissions-Policy']).toBe(
      'camera=(self), microphone=(self), geolocation=(), payment=()',
    );
  });

  it('adds eval only in development and upgrades requests only over https', () => {
    expect(contentSecurityPolicy({ nonce: 'n' }, { dev: true, https: false })).toContain(
      `'strict-dynamic' 'unsafe-eval'`,
    );
    expect(contentSecurityPolicy({ nonce: 'n' }, opts)).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy({ nonce: 'n' }, { dev: false, https: true })).toMatch(/; upgrade-insecure-requests$/);
  });

  it("sends HSTS on every page, whatever the portal's URL (browsers ignore it on a response not sent over https)", () => {
    expect(staticSecurityHeaders()['Strict-Transport-Security']).toBe(HSTS);
    expect(HSTS).toMatch(/^max-age=\d{8}; includeSubDomains$/);
    expect(staticSecurityHeaders()).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' });
  });
});

describe('the header rules written into the build (next.config.mjs)', () => {
  type Rule = { source: string; headers: { key: string; value: string }[] };
  const rule = async (source: string) => {
    // @ts-expect-error: the config is plain JavaScript, without type declarations
    const config = (await import('@/next.config.mjs')).default as { headers: () => Promise<Rule[]> };
    const found = (await config.headers()).find((r) => r.source === source);
    return Object.fromEntries((found?.headers ?? []).map((h) => [h.key, h.value]));
  };

  it('give every API response, file downloads included, the sandboxed policy and HSTS that lib/security-headers.ts defines', async () => {
    expect(await rule('/api/:path*')).toMatchObject({
      'Content-Security-Policy': API_CONTENT_SECURITY_POLICY,
      'Strict-Transport-Security': HSTS,
      'X-Content-Type-Options': 'nosniff',
    });
    expect(API_CONTENT_SECURITY_POLICY.split('; ')).toEqual(expect.arrayContaining(["default-src 'none'", 'sandbox']));
  });

  it("keep the build's static files from being sniffed into another type", async () => {
    expect(await rule('/_next/static/:path*')).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Strict-Transport-Security': HSTS,
    });
  });
});
