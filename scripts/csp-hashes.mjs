#!/usr/bin/env node
// After `next build`: for every page built once (prerendered, never revalidated), the SHA-256 of each inline script
// in its HTML, so the proxy can send a Content Security Policy that allows exactly those scripts (no nonce is
// possible in a file built in advance). Writes <distDir>/csp-hashes.json: { "/modules/x": ["base64", ...] }.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, process.env.NEXT_DIST_DIR || '.next');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'prerender-manifest.json'), 'utf8'));
// A script element's text as the browser hashes it: everything between the tags, untouched.
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

const out = {};
for (const [route, info] of Object.entries(manifest.routes ?? {})) {
  if (info.initialRevalidateSeconds !== false) continue;
  const file = path.join(dist, 'server', 'app', `${route === '/' ? '/index' : route}.html`);
  if (!fs.existsSync(file)) continue;
  const html = fs.readFileSync(file, 'utf8');
  out[route] = [...new Set([...html.matchAll(INLINE_SCRIPT)].map((m) => crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')))];
}
fs.writeFileSync(path.join(dist, 'csp-hashes.json'), JSON.stringify(out));
console.log(`Content Security Policy hashes for ${Object.keys(out).length} pages built in advance.`);
