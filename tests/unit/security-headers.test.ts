import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, staticSecurityHeaders } from '@/lib/security-headers';

const opts = { dev: false, https: false };
const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('Content Security Policy', () => {
  it('on pages rendered per request allows scripts with this request\'s nonce and what they load, nothing inline else', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123' }, opts);
    expect(directive(csp, 'script-src')).toBe(`script-src 'self' 'nonce-abc123' 'strict-dynamic'`);
    expect(directive(csp, 'script-src')).not.toContain('unsafe-inline');
    expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors 'none'`);
    expect(directive(csp, 'object-src')).toBe(`object-src 'none'`);
  });

  it('on pages built in advance allows exactly their inline scripts by hash, or none', () => {
    expect(directive(contentSecurityPolicy({ hashes: ['AAA=', 'BBB='] }, opts), 'script-src')).toBe(`script-src 'self' 'sha256-AAA=' 'sha256-BBB='`);
    expect(directive(contentSecurityPolicy({ hashes: [] }, opts), 'script-src')).toBe(`script-src 'self'`);
  });

  it('adds eval only in development and upgrades requests only over https', () => {
    expect(contentSecurityPolicy({ nonce: 'n' }, { dev: true, https: false })).toContain(`'strict-dynamic' 'unsafe-eval'`);
    expect(contentSecurityPolicy({ nonce: 'n' }, opts)).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy({ nonce: 'n' }, { dev: false, https: true })).toMatch(/; upgrade-insecure-requests$/);
  });

  it('sends HSTS only over https', () => {
    expect(staticSecurityHeaders({ https: true })['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
    expect(staticSecurityHeaders({ https: false })).not.toHaveProperty('Strict-Transport-Security');
    expect(staticSecurityHeaders({ https: false })).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' });
  });
});
