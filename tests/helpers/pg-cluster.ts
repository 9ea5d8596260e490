import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

/**
 * A private PostgreSQL cluster for tests that stop and restart the server: the machine's shared
 * cluster must stay up for everything else. Uses Debian's PostgreSQL binaries; as root it runs them
 * as the postgres user (initdb refuses to run as root).
 */
export interface PgCluster {
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort() : [];
  const v = versions.at(-1);
  if (!v)
    throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql. Run: apt-get install -y postgresql');
  return path.join(base, v, 'bin');
}

/**
 * Initialises a cluster in a temporary folder and starts it on a free port. If the port is taken in the moment
 * between choosing and starting (another run on this machine), it tries another; the error shows the server's log.
 */
export async function createPgCluster(): Promise<PgCluster> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' });
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const logFile = path.join(dir, 'log');
  let port = 0;
  const ctl = (action: 'start' | 'stop') => {
    try {
      if (action === 'start')
        run('pg_ctl', [
          '-D',
          data,
          '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
          '-l',
          logFile,
          '-w',
          'start',
        ]);
      else run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch (error) {
      const log = fs.existsSync(logFile)
        ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n')
        : '(no log)';
      throw new Error(
        `pg_ctl ${action} failed (port ${port}): ${(error as Error).message}\nlast lines of ${logFile}:\n${log}`,
      );
    }
  };
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      ctl('start');
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => void ctl('start'),
    stop: () => void ctl('stop'),
    destroy: () => {
      try {
        ctl('stop');
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
