/**
 * Response headers for every page: a Content Security Policy, plus framing, sniffing, referrer and transport rules.
 * Scripts are allowed one of two ways, both as strict as each other about inline script:
 * - a page rendered per request: its scripts must carry this request's nonce (Next.js adds it to its own scripts
 *   when it sees the policy on the request), and scripts they load are trusted ('strict-dynamic');
 * - a page built once (the module pages): the exact inline scripts it was built with, by SHA-256 hash
 *   (scripts/csp-hashes.ts writes them into the build's headers), plus this site's own script files.
 */
export function contentSecurityPolicy(
  scripts: { nonce: string } | { hashes: readonly string[] },
  opts: { dev: boolean; https: boolean },
): string {
  const allowed =
    'nonce' in scripts ? [`'nonce-${scripts.nonce}'`, `'strict-dynamic'`] : scripts.hashes.map((h) => `'sha256-${h}'`);
  const directives = [
    `default-src 'self'`,
    ['script-src', `'self'`, ...allowed, ...(opts.dev ? [`'unsafe-eval'`] : [])].join(' '),
    // Inline style attributes (progress bar widths) are allowed; style elements cannot run script.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    // The capture page plays back a voice note or video before it is saved, from the blob it recorded.
    `media-src 'self' blob:`,
    // The service worker (public/sw.js): named on its own, since 'strict-dynamic' makes script-src ignore 'self'.
    `worker-src 'self'`,
    `manifest-src 'self'`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ];
  if (opts.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/**
 * HSTS goes on every response, whatever NEXTAUTH_URL says: the module pages, the API and the build's static files
 * get their headers at build time, when the URL the portal will be served at is not known, and a browser ignores
 * the header on a response that did not come over https (RFC 6797, section 8.1), so over http it does nothing.
 * Keep in step with next.config.mjs (tests/unit/security-headers.test.ts compares them).
 */
export const HSTS = 'max-age=63072000; includeSubDomains';

export function staticSecurityHeaders(): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    // The capture page records voice notes and videos on this site only; no frame or other origin may.
    'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Strict-Transport-Security': HSTS,
  };
}

/**
 * The policy of every API response, file downloads included: data, never a document, so nothing in it may load,
 * run or be framed, and a file opened anyway is sandboxed (no script, no same-origin access). Keep in step with
 * next.config.mjs, whose header rule for /api replaces a route's own.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * Cross-site request check for state-changing route handlers. Browsers send Origin on cross-site POST/PUT/DELETE
 * and Sec-Fetch-Site everywhere modern; either one saying "another site" is refused.
 */
export function isCrossSite(req: Request): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.get('origin');
  // No Origin at all is not a browser's cross-site write (browsers always send it there). An empty or "null" Origin
  // does come from browsers (sandboxed frames, opaque redirects), and names no site of ours.
  if (origin === null) return false;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
