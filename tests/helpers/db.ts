import fs from 'node:fs';
import crypto from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { PGliteThread } from '@/db/pglite-thread';
import { pgliteHandle, postgresHandle, setHandle, type DbHandle } from '@/db/client';
import { withDatabase } from './global-setup';

/**
 * Gives this test file its own migrated database (PGlite, or PostgreSQL when DATABASE_URL is set)
 * and installs it as the app's database. Call at the top of a test file.
 */
export function useTestDatabase(): { handle: () => DbHandle } {
  let handle: DbHandle | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const template = inject('pgTemplate');
    const url = process.env.DATABASE_URL;
    if (template && url) {
      const name = `criterion_t_${process.ppid}_${crypto.randomBytes(4).toString('hex')}`;
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      handle = postgresHandle(withDatabase(url, name), { max: 4 });
      dropDatabase = async () => {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      };
    } else {
      const file = inject('pgliteTemplate')!;
      // On its own thread, as the app runs it (db/pglite-thread.ts).
      handle = pgliteHandle(new PGliteThread({ dump: fs.readFileSync(file) }));
    }
    setHandle(handle);
  });

  afterAll(async () => {
    setHandle(undefined);
    await handle?.close();
    await dropDatabase?.();
  });

  return {
    handle: () => {
      if (!handle) throw new Error('useTestDatabase: database not ready (use it inside tests or hooks)');
      return handle;
    },
  };
}

/**
 * A second migrated database beside the one useTestDatabase installs, not installed as the app's: a test passes it
 * explicitly where it plays another Criterion (an import from one centre into another). Closed after the file.
 */
export function useSecondDatabase(): { handle: () => DbHandle } {
  let handle: DbHandle | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const template = inject('pgTemplate');
    const url = process.env.DATABASE_URL;
    if (template && url) {
      const name = `criterion_t2_${process.ppid}_${crypto.randomBytes(4).toString('hex')}`;
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      handle = postgresHandle(withDatabase(url, name), { max: 2 });
      drop = async () => {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      };
    } else {
      handle = pgliteHandle(new PGliteThread({ dump: fs.readFileSync(inject('pgliteTemplate')!) }));
    }
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });
  return {
    handle: () => {
      if (!handle) throw new Error('useSecondDatabase: database not ready');
      return handle;
    },
  };
}
