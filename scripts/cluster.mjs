#!/usr/bin/env node
// Serves the production build from WEB_CONCURRENCY worker processes sharing one port (node:cluster), so one
// machine's cores all serve requests: Node runs a process's JavaScript on one core, and a long page render in one
// worker no longer holds up the autosaves another is answering. Started by `npm start` when WEB_CONCURRENCY > 1;
// needs DATABASE_URL (the embedded database lives inside one process). Each worker is the custom server of
// scripts/server.mjs, which also decides each request's client address.
import cluster from 'node:cluster';
import { serve } from './server.mjs';

const workers = Number(process.env.WEB_CONCURRENCY);
const port = Number(process.env.PORT || 3000);

if (!Number.isInteger(workers) || workers < 1) {
  console.error(
    `WEB_CONCURRENCY must be a whole number of workers (got ${JSON.stringify(process.env.WEB_CONCURRENCY)}).`,
  );
  process.exit(1);
}
if (!process.env.DATABASE_URL) {
  console.error('Several workers need PostgreSQL: set DATABASE_URL (the embedded database runs inside one process).');
  process.exit(1);
}

if (cluster.isPrimary) {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that dies is replaced; requests in flight on it fail, the others carry on.
    console.error(`worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
  console.log(`> Criterion: ${workers} workers on http://localhost:${port}`);
} else {
  await serve();
}
