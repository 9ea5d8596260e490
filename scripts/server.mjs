#!/usr/bin/env node
// Serves the production build: a Next.js custom server (next({ dev: false }).getRequestHandler() behind node:http), so
// proxy.ts, instrumentation and every route behave as under `next start`. Used for one process (`npm start`) and by
// each worker of scripts/cluster.mjs. Why not `next start`: route handlers cannot see the socket, and Next only fills
// in X-Forwarded-For when the client did not send one, so the client would choose the address that sign-in
// throttling counts against. Here every request carries the address decided from the socket (lib/net/client-address.mjs).
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustedProxies } from '../lib/net/client-address.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export async function serve() {
  const port = Number(process.env.PORT || 3000);
  let trusted;
  try {
    trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  } catch (e) {
    console.error(`Criterion cannot start: invalid configuration\n  TRUSTED_PROXIES: ${e.message}`);
    process.exit(1);
  }
  process.env.NODE_ENV = 'production';
  const next = (await import('next')).default;
  const app = next({ dev: false, dir: root, hostname: 'localhost', port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    // Node folds every spelling of a header name into one lower-case key, so this removes any the client sent.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress({
      remoteAddress: req.socket.remoteAddress,
      forwardedFor: req.headers['x-forwarded-for'],
      trusted,
    });
    void handle(req, res);
  });
  // Every interface, as `next start` does. Not $HOSTNAME: a container sets it to its own name, which would shut out
  // localhost (and a health check run inside the container).
  await new Promise((resolve) => server.listen(port, resolve));
  process.on('SIGTERM', () => {
    // Finish the requests in flight, close idle keep-alive connections, and do not wait on anything for long.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await serve();
  console.log(`> Criterion on http://localhost:${process.env.PORT || 3000}`);
}
