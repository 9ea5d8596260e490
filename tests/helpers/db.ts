import fs from 'node:fs';
import crypto from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { PGliteThread } from '@/db/pglite-thread';
import { pgliteHandle, postgresHandle, setHandle, type DbHandle } from '@/db/client';
import { withDatabase } from './global-setup';

/** A fresh migrated database from the run's template: PostgreSQL when DATABASE_URL is set, else PGlite. */
async function openFromTemplate(
  prefix: string,
  max: number,
): Promise<{ handle: DbHandle; drop?: () => Promise<void> }> {
  const template = inject('pgTemplate');
  const url = process.env.DATABASE_URL;
  if (template && url) {
    const name = `${prefix}_${process.ppid}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    return {
      handle: postgresHandle(withDatabase(url, name), { max }),
      drop: async () => {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  // On its own thread, as the app runs it (db/pglite-thread.ts).
  return { handle: pgliteHandle(new PGliteThread({ dump: fs.readFileSync(inject('pgliteTemplate')!) })) };
}

/**
 * Gives this test file its own migrated database (PGlite, or PostgreSQL when DATABASE_URL is set)
 * and installs it as the app's database. Call at the top of a test file.
 */
export function useTestDatabase(): { handle: () => DbHandle } {
  let opened: Awaited<ReturnType<typeof openFromTemplate>> | undefined;
  beforeAll(async () => {
    opened = await openFromTemplate('criterion_t', 4);
    setHandle(opened.handle);
  });
  afterAll(async () => {
    setHandle(undefined);
    await opened?.handle.close();
    await opened?.drop?.();
  });
  return {
    handle: () => {
      if (!opened) throw new Error('useTestDatabase: database not ready (use it inside tests or hooks)');
      return opened.handle;
    },
  };
}

/**
 * A second migrated database beside the one useTestDatabase installs, not installed as the app's: a test passes it
 * explicitly where it plays another Criterion (an import from one centre into another). Closed after the file.
 */
export function useSecondDatabase(): { handle: () => DbHandle } {
  let opened: Awaited<ReturnType<typeof openFromTemplate>> | undefined;
  beforeAll(async () => {
    opened = await openFromTemplate('criterion_t2', 2);
  });
  afterAll(async () => {
    await opened?.handle.close();
    await opened?.drop?.();
  });
  return {
    handle: () => {
      if (!opened) throw new Error('useSecondDatabase: database not ready');
      return opened.handle;
    },
  };
}
