// First-load JavaScript per route, read from a production build's manifests: the scripts every page loads
// (`rootMainFiles`) plus the chunks of the route's layouts, boundaries and page (its client reference manifest),
// each gzipped as a server would send it. `node scripts/js-budget.mjs [distDir]` prints the table and exits 1 when a
// route is over the budget; tests/system/js-budget.test.ts runs the same check as part of `npm test`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import zlib from 'node:zlib';

/** DESIGN.md's target: first-load JavaScript per page under 150 kB gzipped (1 kB = 1,000 bytes, as Next prints it). */
export const BUDGET_BYTES = 150_000;

function manifestsUnder(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...manifestsUnder(p));
    else if (entry.name === 'page_client-reference-manifest.js') found.push(p);
  }
  return found;
}

/** Reads one `page_client-reference-manifest.js` (a script that assigns `globalThis.__RSC_MANIFEST[route]`). */
function readClientManifest(file) {
  const sandbox = vm.createContext({});
  vm.runInContext(fs.readFileSync(file, 'utf8'), sandbox);
  const [route, manifest] = Object.entries(sandbox.__RSC_MANIFEST ?? {})[0] ?? [];
  if (!route || !manifest?.entryJSFiles)
    throw new Error(`${file}: not a client reference manifest this script can read`);
  return { route, files: Object.values(manifest.entryJSFiles).flat() };
}

/** Every page route with its first-load scripts and their gzipped size in bytes, largest first. */
export function measureRoutes(distDir) {
  const buildManifest = path.join(distDir, 'build-manifest.json');
  if (!fs.existsSync(buildManifest)) throw new Error(`No production build in ${distDir}: run npm run build first`);
  const rootFiles = JSON.parse(fs.readFileSync(buildManifest, 'utf8')).rootMainFiles ?? [];
  if (rootFiles.length === 0) throw new Error(`${buildManifest} lists no rootMainFiles`);
  const gzipped = new Map();
  const sizeOf = (file) => {
    if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(fs.readFileSync(path.join(distDir, file))).length);
    return gzipped.get(file);
  };
  const routes = manifestsUnder(path.join(distDir, 'server', 'app'))
    .map(readClientManifest)
    .filter(({ route }) => !route.startsWith('/_'))
    .map(({ route, files }) => {
      const scripts = [...new Set([...rootFiles, ...files])];
      // Route groups such as `(app)` are not part of the address.
      const address = route.replace(/\/page$/, '').replace(/\/\([^/)]+\)/g, '') || '/';
      return { route: address, scripts: scripts.length, bytes: scripts.reduce((n, f) => n + sizeOf(f), 0) };
    });
  if (routes.length === 0) throw new Error(`No page manifests under ${distDir}/server/app`);
  return routes.sort((a, b) => b.bytes - a.bytes);
}

export function formatTable(routes) {
  const kb = (n) => (n / 1000).toFixed(1);
  const width = Math.max(...routes.map((r) => r.route.length));
  return [
    `${'route'.padEnd(width)}  first-load JS (kB gzipped)  scripts`,
    ...routes.map(
      (r) =>
        `${r.route.padEnd(width)}  ${kb(r.bytes).padStart(26)}  ${String(r.scripts).padStart(7)}${r.bytes > BUDGET_BYTES ? '  over budget' : ''}`,
    ),
    `budget: ${kb(BUDGET_BYTES)} kB per route`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const routes = measureRoutes(process.argv[2] ?? process.env.NEXT_DIST_DIR ?? '.next');
  console.log(formatTable(routes));
  process.exit(routes.some((r) => r.bytes > BUDGET_BYTES) ? 1 : 0);
}
