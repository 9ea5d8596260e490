import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { PGliteThread } from './pglite-thread';
import * as schema from './schema';

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: data-access functions accept both. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs a script of several statements (migrations' trigger files). */
  execScript(sqlText: string): Promise<void>;
  /** Runs fn while holding a cluster-wide lock, so two app servers never migrate at once. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Counts statements sent, so tests can assert that a page's query count does not grow with data; while `log` is set,
 * also keeps each statement and its parameters (the query-plan test EXPLAINs what the code really runs).
 */
export const queryCounter: { count: number; log?: { query: string; params: unknown[] }[] } = { count: 0 };
const logger = {
  logQuery: (query: string, params: unknown[]) => {
    queryCounter.count++;
    queryCounter.log?.push({ query, params });
  },
};

export function pgliteHandle(client: PGlite | PGliteThread): DbHandle {
  return {
    db: drizzlePglite(client instanceof PGliteThread ? client.asPGlite() : client, { schema, logger }) as unknown as Db,
    kind: 'pglite',
    execScript: async (text) => void (await client.exec(text)),
    // PGlite allows one connection per data directory, so there is nobody to race with.
    withMigrationLock: (fn) => fn(),
    close: () => client.close(),
  };
}

export function postgresHandle(url: string, options: postgres.Options<Record<string, never>> = {}): DbHandle {
  const client = postgres(url, {
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    onnotice: () => {},
    // Fail fast while the server is down instead of queueing requests forever.
    connect_timeout: 5,
    ...options,
  });
  return {
    db: drizzlePostgres(client, { schema, logger }) as unknown as Db,
    kind: 'postgres',
    execScript: async (text) => void (await client.unsafe(text)),
    withMigrationLock: async (fn) => {
      const conn = await client.reserve();
      try {
        await conn`select pg_advisory_lock(4242001)`;
        return await fn();
      } finally {
        await conn`select pg_advisory_unlock(4242001)`.catch(() => {});
        conn.release();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

export function openDatabase(opts: { databaseUrl?: string; pgliteDir?: string }): DbHandle {
  if (opts.databaseUrl) return postgresHandle(opts.databaseUrl);
  const dir = path.resolve(/*turbopackIgnore: true*/ opts.pgliteDir ?? '.data/pglite');
  // PGlite does not create the parent of its data directory.
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  return pgliteHandle(new PGliteThread({ dataDir: dir }));
}

// Cached on globalThis so hot reload in development does not open the database twice
// (PGlite allows only one connection to its data directory).
const store = globalThis as unknown as { __criterionDb?: DbHandle };

/** The process-wide database. Opened lazily: `next build` loads route modules and must not open it. */
export function getHandle(): DbHandle {
  if (!store.__criterionDb) {
    store.__criterionDb = openDatabase({
      databaseUrl: process.env.DATABASE_URL || undefined,
      pgliteDir: process.env.PGLITE_DIR || undefined,
    });
  }
  return store.__criterionDb;
}

export function getDb(): Db {
  return getHandle().db;
}

/** Tests install their own isolated database here. */
export function setHandle(handle: DbHandle | undefined) {
  store.__criterionDb = handle;
}

/** A unique constraint refused the write (SQLSTATE 23505), on either driver, however deeply the error is wrapped. */
export function isUniqueViolation(e: unknown): boolean {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    if ((c as { code?: string }).code === '23505') return true;
  }
  return false;
}

/** Rows of a raw statement on either driver (postgres-js returns an array, PGlite an object with `rows`). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
