#!/usr/bin/env node
// `npm start`: builds when there is no build or the tree changed since the last one (scripts/build-fingerprint.mjs),
// fills in the settings a local demo needs, then serves the portal.
import { spawnSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { staleBuildReason } from './build-fingerprint.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const dev = process.argv.includes('--dev');
const port = process.env.PORT || '3000';
const env = { ...process.env, PORT: port };

env.NEXTAUTH_URL ||= `http://localhost:${port}`;
if (!env.NEXTAUTH_SECRET) {
  if (env.DATABASE_URL) {
    console.error(
      'Criterion cannot start: NEXTAUTH_SECRET is not set.\n  Set it to the same random value on every app server, e.g. NEXTAUTH_SECRET=$(openssl rand -base64 32)',
    );
    process.exit(1);
  }
  // Embedded demo: a random secret kept beside the data, so sessions survive a restart.
  const file = path.join(root, '.data', 'auth-secret');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
  env.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}

if (Number(env.WEB_CONCURRENCY || 1) > 1 && !env.DATABASE_URL) {
  console.error(
    'Criterion cannot start several workers on the embedded database (it runs inside one process).\n  Set DATABASE_URL to a PostgreSQL server, or leave WEB_CONCURRENCY unset.',
  );
  process.exit(1);
}

const next = path.join(root, 'node_modules', '.bin', 'next');
if (!fs.existsSync(next)) {
  console.error('Dependencies are not installed. Run: npm ci');
  process.exit(1);
}

const stale = dev ? null : staleBuildReason(env.NEXT_DIST_DIR);
if (stale) {
  console.log(`${stale}: building Criterion (about a minute) ...`);
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// WEB_CONCURRENCY > 1: one worker per core on one port (scripts/cluster.mjs), for PostgreSQL deployments; otherwise
// one process (scripts/server.mjs). Both take the client's address from the socket, not from a header the client wrote.
const workers = Number(env.WEB_CONCURRENCY || 1);
const child = dev
  ? spawn(next, ['dev', '-p', port], { stdio: 'inherit', env })
  : workers > 1
    ? spawn(process.execPath, [path.join(root, 'scripts', 'cluster.mjs')], { stdio: 'inherit', env })
    : spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs')], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
