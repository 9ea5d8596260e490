import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pgliteHandle, rowsOf, type DbHandle } from '@/db/client';
import { emailOutbox } from '@/db/schema';
import { queueEmail } from '@/lib/notifications/notify';
import { useTestDatabase } from '../helpers/db';
import { withDatabase } from '../helpers/global-setup';
import { startSmtp } from '../helpers/smtp';

/**
 * A worker killed in the middle of delivering loses no mail and sends none twice. The worker is the real command
 * (`scripts/notifications.ts work`) in a child process, on this run's database (PostgreSQL when DATABASE_URL is set,
 * otherwise an embedded database in a folder: it opens in one process at a time, so the test opens it only while no
 * worker runs). The SMTP server in this process receives the first mail and never answers it; the worker is killed
 * with SIGKILL while it waits, then a second worker runs, and every mail must have arrived exactly once.
 */
const testDb = useTestDatabase();
const root = path.resolve(__dirname, '../..');
const HOST = 'crash.criterion.test';
const LEASE_SECONDS = 2;

interface Shared {
  env: Record<string, string>;
  /** Runs fn on the database; on the embedded one, only while no worker has it open. */
  withDb<T>(fn: (h: DbHandle) => Promise<T>): Promise<T>;
  cleanup(): void;
}

async function sharedDatabase(): Promise<Shared> {
  const url = process.env.DATABASE_URL;
  if (url && inject('pgTemplate')) {
    const h = testDb.handle();
    const [{ name }] = rowsOf<{ name: string }>(await h.db.execute(sql`select current_database() as name`)) as [
      { name: string },
    ];
    return { env: { DATABASE_URL: withDatabase(url, name) }, withDb: (fn) => fn(h), cleanup: () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-crash-'));
  const dataDir = path.join(dir, 'pglite');
  const seed = new PGlite({ dataDir, loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate')!)]) });
  await seed.waitReady;
  await seed.close();
  return {
    env: { PGLITE_DIR: dataDir },
    withDb: async (fn) => {
      const h = pgliteHandle(new PGlite({ dataDir }));
      try {
        return await fn(h);
      } finally {
        await h.close();
      }
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function worker(shared: Shared, smtpUrl: string, args: string[]): { child: ChildProcess; output: () => string } {
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: undefined,
    PGLITE_DIR: undefined,
    ...shared.env,
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'Criterion <portal@crash.criterion.test>',
    NEXTAUTH_URL: `https://${HOST}`,
    NOTIFY_LEASE_SECONDS: String(LEASE_SECONDS),
  };
  let out = '';
  // Node itself with tsx's loader (not the tsx command, which runs the script in a child of its own): the process
  // killed below is the worker.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/notifications.ts', ...args], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.on('exit', resolve),
  );

describe('a worker killed mid-delivery', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let shared: Shared;
  beforeAll(async () => {
    // The server holds the first mail it is given (received, never answered): the worker is killed meanwhile.
    smtp = await startSmtp({ hold: () => smtp.held.length === 0 });
    shared = await sharedDatabase();
  });
  afterAll(async () => {
    await smtp.close();
    shared.cleanup();
  });

  it('neither loses a mail nor sends one twice', async () => {
    const ids = await shared.withDb(async (h) => {
      const out: string[] = [];
      for (const n of [1, 2, 3]) {
        const row = await queueEmail(h.db, {
          to: `person${n}@example.org`,
          subject: `Mail ${n}`,
          text: `Body ${n}`,
          kind: 'witness_link',
        });
        out.push(row!.id);
      }
      return out;
    });

    const first = worker(shared, smtp.url, ['work']);
    const heldId = await Promise.race([
      smtp.nextHeld(),
      exited(first.child).then((code) => {
        throw new Error(`the worker exited (${code}) before delivering:\n${first.output()}`);
      }),
    ]);
    // The worker has claimed the mail and is waiting for the SMTP server's answer: kill it there.
    expect(first.output()).toMatch(/^claimed [0-9a-f-]{36}$/m);
    const postgres = Boolean(shared.env.DATABASE_URL);
    if (postgres) {
      // Another worker meanwhile skips the claimed mail (FOR UPDATE SKIP LOCKED) and sends the others.
      const beside = worker(shared, smtp.url, ['work', '--once']);
      expect(await exited(beside.child), beside.output()).toBe(0);
      expect(beside.output()).toContain('2 mails sent, 0 failed');
      expect(smtp.received.map((m) => m.messageId)).not.toContain(heldId);
    }
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(smtp.received).toHaveLength(postgres ? 2 : 0);

    const state = await shared.withDb(async (h) => h.db.select().from(emailOutbox));
    // The mail in flight does not count as sent: no "sent" is committed without the server's answer.
    expect(state.find((r) => heldId === `<${r.id}@${HOST}>`)?.sentAt).toBeNull();

    // The embedded database's claim is a lease: the next worker may take the mail once it has run out.
    if (!postgres) await new Promise((r) => setTimeout(r, (LEASE_SECONDS + 0.5) * 1000));
    const second = worker(shared, smtp.url, ['work', '--once']);
    const code = await exited(second.child);
    expect(code, second.output()).toBe(0);
    expect(second.output()).toContain(`${postgres ? 1 : 3} mails sent, 0 failed`);

    const after = await shared.withDb(async (h) => h.db.select().from(emailOutbox));
    expect(after.every((r) => r.sentAt !== null)).toBe(true);
    const expected = ids.map((id) => `<${id}@${HOST}>`).sort();
    // Each mail arrived exactly once, the one in flight at the crash included.
    expect(smtp.received.map((m) => m.messageId).sort()).toEqual(expected);
    expect(smtp.held).toEqual([heldId]);
    expect(expected).toContain(heldId);
  }, 180_000);
});
