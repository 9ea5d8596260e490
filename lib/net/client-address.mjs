// The address a request came from, for per-address limits. Plain JavaScript because scripts/server.mjs (run by
// node itself, not bundled) decides it for every request; lib/env.ts validates TRUSTED_PROXIES with the same parser.
import net from 'node:net';

/** The header scripts/server.mjs sets from the socket (any value a client sent under this name is deleted first). */
export const CLIENT_ADDRESS_HEADER = 'x-criterion-client-ip';

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * One spelling per address: IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack socket reports) becomes plain IPv4,
 * brackets and a zone (`[fe80::1%eth0]`) go. Returns null for anything that is not an IP address.
 * @param {string | undefined | null} value
 * @returns {string | null}
 */
export function normaliseAddress(value) {
  if (typeof value !== 'string') return null;
  let a = value
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  const mapped = MAPPED_V4.exec(a);
  if (mapped) a = mapped[1];
  return net.isIP(a) ? a.toLowerCase() : null;
}

/**
 * Parses TRUSTED_PROXIES: addresses or CIDR ranges separated by commas or spaces, IPv4 or IPv6.
 * Throws an Error naming the first entry that is neither.
 * @param {string | undefined} value
 * @returns {{ has(address: string): boolean; size: number }}
 */
export function parseTrustedProxies(value) {
  const list = new net.BlockList();
  const entries = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    const [addressPart, prefixPart, extra] = entry.split('/');
    const address = normaliseAddress(addressPart);
    const family = address && net.isIP(address) === 4 ? 'ipv4' : 'ipv6';
    const max = family === 'ipv4' ? 32 : 128;
    let prefix = prefixPart === undefined ? max : /^\d{1,3}$/.test(prefixPart) ? Number(prefixPart) : NaN;
    // An IPv4-mapped range (::ffff:10.0.0.0/104) is the IPv4 range it maps.
    if (address && family === 'ipv4' && MAPPED_V4.test(addressPart.trim()) && prefixPart !== undefined) prefix -= 96;
    if (!address || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      throw new Error(`"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 192.168.1.10, fd00::/8)`);
    }
    list.addSubnet(address, prefix, family);
  }
  return {
    has: (address) => {
      const a = normaliseAddress(address);
      return a !== null && list.check(a, net.isIP(a) === 4 ? 'ipv4' : 'ipv6');
    },
    size: entries.length,
  };
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the right-most
 * X-Forwarded-For hop that is not a trusted proxy. Hops to the left of it were written by the client and prove
 * nothing. If every hop is trusted (or one is not an address), the left-most address reached is the answer.
 * @param {{ remoteAddress: string | undefined; forwardedFor: string | string[] | undefined; trusted: { has(address: string): boolean } }} request
 * @returns {string}
 */
export function clientAddress({ remoteAddress, forwardedFor, trusted }) {
  let current = normaliseAddress(remoteAddress) ?? 'unknown';
  if (!trusted.has(current)) return current;
  const hops = [forwardedFor ?? []]
    .flat()
    .join(',')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    if (!hop) return current;
    current = hop;
    if (!trusted.has(hop)) return hop;
  }
  return current;
}
