#!/usr/bin/env node
// What a production build was made from: a SHA-256 over every source, content and configuration file and the
// lockfile. `npm run build` stores it beside the build; `npm start` rebuilds when the tree no longer matches it, so
// someone who pulls a new version and runs the README's command gets the new portal, not yesterday's build.
//   node scripts/build-fingerprint.mjs write   (the last step of `npm run build`)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const FOLDERS = ['app', 'components', 'content', 'db', 'lib', 'public', 'scripts'];
const FILES = [
  'package-lock.json',
  'next.config.mjs',
  'postcss.config.mjs',
  'proxy.ts',
  'instrumentation.ts',
  'instrumentation-node.ts',
];
const FILE_NAME = 'criterion-fingerprint';

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** The fingerprint of the tree as it is now. */
export function currentFingerprint(root = projectRoot) {
  const hash = crypto.createHash('sha256');
  const files = [
    ...FOLDERS.filter((d) => fs.existsSync(path.join(root, d))).flatMap((d) => [...walk(path.join(root, d))]),
    ...FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)),
  ];
  for (const file of files) {
    // The name and the content both count: a renamed page is a different build.
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const fingerprintFile = (distDir, root) => path.join(root, distDir || '.next', FILE_NAME);

/** Why the build in distDir cannot be served as it is, or null when it matches the tree. */
export function staleBuildReason(distDir, root = projectRoot) {
  if (!fs.existsSync(path.join(root, distDir || '.next', 'BUILD_ID'))) return 'No production build yet';
  let stored = '';
  try {
    stored = fs.readFileSync(fingerprintFile(distDir, root), 'utf8').trim();
  } catch {
    return 'The production build does not say what it was built from';
  }
  return stored === currentFingerprint(root)
    ? null
    : 'The sources, content or dependencies changed since the last build';
}

export function writeFingerprint(distDir, root = projectRoot) {
  fs.writeFileSync(fingerprintFile(distDir, root), `${currentFingerprint(root)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  if (process.argv[2] !== 'write') {
    console.error('usage: node scripts/build-fingerprint.mjs write');
    process.exit(2);
  }
  writeFingerprint(process.env.NEXT_DIST_DIR);
}
