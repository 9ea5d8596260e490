import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './free-port';

export interface AppServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

const root = path.resolve(__dirname, '../..');

/**
 * Starts the production build (scripts/server.mjs, as `npm start` does) with the given settings and waits until it is healthy.
 * `port` defaults to a free one; `workers` > 1 starts scripts/cluster.mjs instead: that many worker processes
 * on the one port (PostgreSQL only).
 */
export async function startAppServer(
  env: Record<string, string>,
  opts: { workers?: number; port?: number } = {},
): Promise<AppServer> {
  const port = opts.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  // A server left running on a pinned port would be tested instead of ours.
  if (
    await fetch(`${url}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is already in use`);
  let log = '';
  // APP_SERVER_NODE_OPTIONS lets a benchmark profile the server (e.g. --cpu-prof).
  const nodeArgs = (process.env.APP_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const workers = opts.workers ?? 1;
  const command = [path.join(root, workers > 1 ? 'scripts/cluster.mjs' : 'scripts/server.mjs')];
  const child = spawn(process.execPath, [...nodeArgs, ...command], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: 'system-test-secret-system-test-secret-0123',
      PORT: String(port),
      ...(workers > 1 ? { WEB_CONCURRENCY: String(workers) } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server on ${port} exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app server on ${port} did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    process: child,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
