#!/usr/bin/env node
// Serves the production build from WEB_CONCURRENCY worker processes sharing one port (node:cluster), so one
// machine's cores all serve requests: Node runs a process's JavaScript on one core, and a long page render in one
// worker no longer holds up the autosaves another is answering. Started by `npm start` when WEB_CONCURRENCY > 1;
// needs DATABASE_URL (the embedded database lives inside one process). Each worker is a Next.js custom server
// (next({ dev: false }).getRequestHandler()), so proxy.ts, instrumentation and every route behave as under `next start`.
import cluster from 'node:cluster';
import http from 'node:http';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const workers = Number(process.env.WEB_CONCURRENCY);
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;

if (!Number.isInteger(workers) || workers < 1) {
  console.error(`WEB_CONCURRENCY must be a whole number of workers (got ${JSON.stringify(process.env.WEB_CONCURRENCY)}).`);
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
  console.log(`> Criterion: ${workers} workers on http://${hostname ?? 'localhost'}:${port}`);
} else {
  process.env.NODE_ENV = 'production';
  const next = (await import('next')).default;
  const app = next({ dev: false, dir: root, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => void handle(req, res));
  server.listen(port, hostname);
  process.on('SIGTERM', () => {
    // Finish the requests in flight, close idle keep-alive connections, and do not wait on anything for long.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
