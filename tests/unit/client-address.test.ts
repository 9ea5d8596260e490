import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { clientAddress, normaliseAddress, parseTrustedProxies } from '@/lib/net/client-address.mjs';

const none = parseTrustedProxies(undefined);
const proxies = parseTrustedProxies('10.0.0.0/8, 192.168.1.5 fd00::/8,::1');

describe('client address', () => {
  it('spells each address one way: IPv4-mapped IPv6 becomes IPv4, brackets and zones go, non-addresses are null', () => {
    expect(normaliseAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normaliseAddress('::FFFF:10.1.2.3')).toBe('10.1.2.3');
    expect(normaliseAddress('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseAddress(' 198.51.100.1 ')).toBe('198.51.100.1');
    for (const bad of ['', 'unknown', '1.2.3', '1.2.3.4.5', '999.1.1.1', 'evil, 1.2.3.4', undefined])
      expect(normaliseAddress(bad)).toBeNull();
  });

  it('matches IPv4 and IPv6 ranges and single addresses, mapped or not', () => {
    expect(proxies.has('10.200.3.4')).toBe(true);
    expect(proxies.has('::ffff:10.200.3.4')).toBe(true);
    expect(proxies.has('11.0.0.1')).toBe(false);
    expect(proxies.has('192.168.1.5')).toBe(true);
    expect(proxies.has('192.168.1.6')).toBe(false);
    expect(proxies.has('fd12:3456::1')).toBe(true);
    expect(proxies.has('fe80::1')).toBe(false);
    expect(proxies.has('::1')).toBe(true);
    expect(proxies.has('not an address')).toBe(false);
    expect(parseTrustedProxies('::ffff:172.16.0.0/108').has('172.16.9.9')).toBe(true);
    expect(parseTrustedProxies('::ffff:172.16.0.0/108').has('172.32.0.1')).toBe(false);
  });

  it('refuses a malformed TRUSTED_PROXIES entry, naming it', () => {
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'proxy.internal', '10.0.0.1/8/1', '10.0.0.0/x', '10.0.0.0/']) {
      expect(() => parseTrustedProxies(bad)).toThrow(bad);
    }
    expect(() => parseEnv({ NEXTAUTH_SECRET: 'x'.repeat(32), TRUSTED_PROXIES: '10.0.0.0/8, localhost' })).toThrow(
      /TRUSTED_PROXIES: "localhost" is not an IP address or CIDR range/,
    );
    expect(parseEnv({ NEXTAUTH_SECRET: 'x'.repeat(32), TRUSTED_PROXIES: '10.0.0.0/8 ::1' }).TRUSTED_PROXIES).toBe(
      '10.0.0.0/8 ::1',
    );
  });

  it('without trusted proxies, is the socket peer whatever X-Forwarded-For says', () => {
    expect(clientAddress({ remoteAddress: '::ffff:203.0.113.7', forwardedFor: '1.1.1.1', trusted: none })).toBe(
      '203.0.113.7',
    );
    expect(clientAddress({ remoteAddress: '10.0.0.1', forwardedFor: '1.1.1.1', trusted: none })).toBe('10.0.0.1');
    expect(clientAddress({ remoteAddress: undefined, forwardedFor: '1.1.1.1', trusted: none })).toBe('unknown');
  });

  it('behind trusted proxies, is the right-most hop that is not one of them', () => {
    // Client wrote "1.1.1.1, 2.2.2.2"; the edge proxy appended the real peer 203.0.113.7; an inner proxy 10.0.0.2.
    const forwardedFor = '1.1.1.1, 2.2.2.2, 203.0.113.7, 10.0.0.2';
    expect(clientAddress({ remoteAddress: '::ffff:10.0.0.3', forwardedFor, trusted: proxies })).toBe('203.0.113.7');
    expect(clientAddress({ remoteAddress: '::1', forwardedFor: ['1.1.1.1', '2001:db8::5'], trusted: proxies })).toBe(
      '2001:db8::5',
    );
    // An untrusted peer's header is ignored entirely.
    expect(clientAddress({ remoteAddress: '198.51.100.9', forwardedFor, trusted: proxies })).toBe('198.51.100.9');
    // A trusted proxy that sent no header, or only trusted hops: the left-most address reached.
    expect(clientAddress({ remoteAddress: '10.0.0.3', forwardedFor: undefined, trusted: proxies })).toBe('10.0.0.3');
    expect(clientAddress({ remoteAddress: '10.0.0.3', forwardedFor: '10.0.0.9, 192.168.1.5', trusted: proxies })).toBe(
      '10.0.0.9',
    );
    // Garbage where a proxy would have written an address: trust stops at the last address known.
    expect(clientAddress({ remoteAddress: '10.0.0.3', forwardedFor: '1.1.1.1, bogus', trusted: proxies })).toBe(
      '10.0.0.3',
    );
  });
});
