// After `next build`: security headers for the pages built once (the module and item pages), written into the
// build's routes manifest so that `next start` sends them without running proxy.ts for these pages (the proxy's
// per-request cost was most of what serving such a page costs: tests/bench/module-page.bench.ts).
// Each page gets a Content Security Policy naming the SHA-256 of each of its inline scripts (a page built in
// advance cannot carry a per-request nonce); any other address under /modules/ gets a policy allowing no inline
// script at all. HSTS is sent whatever the portal's URL (lib/security-headers.ts says why).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicy, staticSecurityHeaders } from '../lib/security-headers';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, process.env.NEXT_DIST_DIR || '.next');
// A script element's text as the browser hashes it: everything between the tags, untouched.
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
/** The addresses proxy.ts leaves to this file (keep in step with its matcher). */
const BUILT_PAGE_SOURCES = ['/modules/:slug', '/modules/:slug/items/:id+'];

interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
  regex?: string;
}

function rule(source: string, hashes: string[]): HeaderRule {
  const opts = { dev: false, https: false };
  const headers = { ...staticSecurityHeaders(), 'Content-Security-Policy': contentSecurityPolicy({ hashes }, opts) };
  return { source, headers: Object.entries(headers).map(([key, value]) => ({ key, value })) };
}

function main() {
  const prerender = JSON.parse(fs.readFileSync(path.join(dist, 'prerender-manifest.json'), 'utf8')) as {
    routes: Record<string, { initialRevalidateSeconds: number | false }>;
  };
  const pages: HeaderRule[] = [];
  for (const [route, info] of Object.entries(prerender.routes)) {
    if (info.initialRevalidateSeconds !== false || !route.startsWith('/modules/')) continue;
    const html = fs.readFileSync(path.join(dist, 'server', 'app', `${route}.html`), 'utf8');
    const hashes = [
      ...new Set(
        [...html.matchAll(INLINE_SCRIPT)].map((m) =>
          crypto.createHash('sha256').update(m[1]!, 'utf8').digest('base64'),
        ),
      ),
    ];
    pages.push(rule(route, hashes));
  }
  if (!pages.length) throw new Error(`no module pages found in ${dist}: run this after next build`);
  const file = path.join(dist, 'routes-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { headers: HeaderRule[] };
  // Rebuilt from scratch on every run; a later rule's header replaces an earlier one's, so each page's own comes last.
  manifest.headers = [
    ...manifest.headers.filter((h) => !h.source.startsWith('/modules/')),
    ...BUILT_PAGE_SOURCES.map((source) => rule(source, [])),
    ...pages,
  ];
  fs.writeFileSync(file, JSON.stringify(manifest));
  console.log(`Security headers with script hashes for ${pages.length} module and item pages built in advance.`);
}

main();
