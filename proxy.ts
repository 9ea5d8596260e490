import { NextResponse, type NextRequest } from 'next/server';
import { refuseBadActionRequest } from '@/lib/action-request';
import { movedPagePath } from '@/lib/moved-pages';
import { refuseMalformedCasePath } from '@/lib/standards/case-errors';
import { contentSecurityPolicy, staticSecurityHeaders } from '@/lib/security-headers';

// Security headers, and the permanent redirects of pages that moved (lib/moved-pages.ts). Permissions are never
// decided here: every page, action and handler checks them itself.
export async function proxy(request: NextRequest) {
  // Server action bodies Next would answer with a 500 or decode lossily (lib/action-request.ts).
  const refused = await refuseBadActionRequest(request);
  if (refused) return refused;
  const malformed = refuseMalformedCasePath(request.nextUrl.pathname);
  if (malformed) return malformed;
  const moved = movedPagePath(request.nextUrl.pathname);
  if (moved) {
    const url = request.nextUrl.clone();
    url.pathname = moved;
    const response = NextResponse.redirect(url, 308);
    for (const [k, v] of Object.entries(staticSecurityHeaders())) response.headers.set(k, v);
    return response;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const https = (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
  const csp = contentSecurityPolicy({ nonce }, { dev: process.env.NODE_ENV === 'development', https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  for (const [k, v] of Object.entries(staticSecurityHeaders())) response.headers.set(k, v);
  return response;
}

export const config = {
  matcher: [
    {
      // Every page rendered per request, whatever its request headers say (a router prefetch included: its answer
      // is a page too). Left out: API routes, which carry their own headers (next.config.mjs) and whose upload
      // bodies the proxy would buffer (and cut at 10 MB); and the module and item pages (/modules/<slug>,
      // /modules/<slug>/items/...), built once at build time with their headers written by scripts/csp-hashes.ts
      // (running the proxy was most of what serving one cost). The catalogue, /modules itself, is rendered per
      // request and stays here.
      source: '/((?!api/|_next/static|_next/image|favicon.ico|modules/[^/]+$|modules/[^/]+/items/).*)',
    },
    // A server action can be posted to any page, a built one included, so its checks (lib/action-request.ts) run on
    // every page address (not the API's route handlers, which are never actions) for the two kinds of request Next
    // runs as an action. (Next reads this object at build time: literals only.)
    { source: '/((?!api/|_next/static|_next/image|favicon.ico).*)', has: [{ type: 'header', key: 'next-action' }] },
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      has: [{ type: 'header', key: 'content-type', value: 'multipart/form-data.*' }],
    },
  ],
};
