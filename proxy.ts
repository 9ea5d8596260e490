import fs from 'node:fs';
import path from 'node:path';
import { NextResponse, type NextRequest } from 'next/server';
import { refuseBadActionRequest } from '@/lib/action-request';
import { contentSecurityPolicy, staticSecurityHeaders } from '@/lib/security-headers';

let builtPages: Map<string, string[]> | undefined;

/**
 * Pages built once at build time (the module pages) and the hashes of their inline scripts, written by
 * scripts/csp-hashes.mjs after `next build`. Such a page cannot carry a per-request nonce, so its policy names
 * its exact scripts instead. Read once per process; none in development, where every page renders per request.
 */
function inlineScriptHashes(pathname: string): string[] | undefined {
  if (!builtPages) {
    builtPages = new Map();
    const file = path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'csp-hashes.json');
    if (process.env.NODE_ENV === 'production') {
      if (fs.existsSync(file)) builtPages = new Map(Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[]>));
      else console.warn(`${file} is missing, so module pages cannot run their scripts: build with \`npm run build\`, not \`next build\` alone.`);
    }
  }
  return builtPages.get(pathname);
}

// Security headers only. Permissions are never decided here: every page, action and handler checks them itself.
export async function proxy(request: NextRequest) {
  // Server action bodies Next would answer with a 500 or decode lossily (lib/action-request.ts).
  const refused = await refuseBadActionRequest(request);
  if (refused) return refused;
  const https = (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
  const opts = { dev: process.env.NODE_ENV === 'development', https };
  const hashes = inlineScriptHashes(request.nextUrl.pathname);
  let response: NextResponse;
  let csp: string;
  if (hashes) {
    csp = contentSecurityPolicy({ hashes }, opts);
    response = NextResponse.next();
  } else {
    const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
    csp = contentSecurityPolicy({ nonce }, opts);
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('Content-Security-Policy', csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set('Content-Security-Policy', csp);
  for (const [k, v] of Object.entries(staticSecurityHeaders({ https }))) response.headers.set(k, v);
  return response;
}

export const config = {
  matcher: [
    {
      // API routes are left out: they carry their own headers (next.config.mjs), and the proxy would
      // buffer (and cut at 10 MB) every upload body.
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
