import fs from 'node:fs';
import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DbHandle } from './client';

const root = process.env.CRITERION_ROOT ?? process.cwd();
export const migrationsFolder = path.join(root, 'db/migrations');
const sqlFolder = path.join(root, 'db/sql');

/**
 * Applies drizzle's generated migrations, then the hand-written SQL in db/sql (triggers that make
 * records immutable). Those files are idempotent (CREATE OR REPLACE / DROP IF EXISTS), so they run
 * on every start and the database always carries the current rules.
 */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  await handle.withMigrationLock(async () => {
    if (handle.kind === 'pglite') {
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    } else {
      await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
    }
    const files = fs.existsSync(sqlFolder) ? fs.readdirSync(sqlFolder).filter((f) => f.endsWith('.sql')).sort() : [];
    for (const file of files) {
      await handle.execScript(fs.readFileSync(path.join(sqlFolder, file), 'utf8'));
    }
  });
}
