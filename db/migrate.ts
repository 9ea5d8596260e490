import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { postgresHandle, rowsOf, type DbHandle } from './client';

const root = process.env.CRITERION_ROOT ?? process.cwd();
export const migrationsFolder = path.join(root, 'db/migrations');
const sqlFolder = path.join(root, 'db/sql');

export interface MigrateOptions {
  /**
   * DATABASE_OWNER_URL: a PostgreSQL role that owns the tables. Migrations and db/sql run through it, then the
   * app's role (the one `handle` signs in as) gets only the privileges it needs (db/sql/900_app_role.sql), so
   * the app cannot switch a rule off. Unset: the app's own role owns everything (and could).
   */
  ownerUrl?: string;
}

/**
 * Applies drizzle's generated migrations, then the hand-written SQL in db/sql (triggers that make
 * records immutable). Those files are idempotent (CREATE OR REPLACE / DROP IF EXISTS), so they run
 * on every start and the database always carries the current rules.
 */
export async function migrateDatabase(handle: DbHandle, opts: MigrateOptions = {}): Promise<void> {
  if (!opts.ownerUrl || handle.kind !== 'postgres') return applySchema(handle);
  const appRole = await roleOf(handle);
  // Two connections: withMigrationLock holds one for the lock while the work runs on the other.
  const owner = postgresHandle(opts.ownerUrl, { max: 2 });
  try {
    if (appRole === (await roleOf(owner))) return await applySchema(owner);
    await refuseAppOwnedTables(owner, appRole);
    await applySchema(owner, () => owner.db.execute(sql`select criterion_grant_app_role(${appRole})`).then(() => {}));
  } finally {
    await owner.close();
  }
}

async function applySchema(handle: DbHandle, after?: () => Promise<void>): Promise<void> {
  await handle.withMigrationLock(async () => {
    if (handle.kind === 'pglite') {
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    } else {
      await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
    }
    const files = fs.existsSync(sqlFolder)
      ? fs
          .readdirSync(sqlFolder)
          .filter((f) => f.endsWith('.sql'))
          .sort()
      : [];
    for (const file of files) {
      await handle.execScript(fs.readFileSync(path.join(sqlFolder, file), 'utf8'));
    }
    await after?.();
  });
}

async function roleOf(handle: DbHandle): Promise<string> {
  return rowsOf<{ role: string }>(await handle.db.execute(sql`select current_user as role`))[0]!.role;
}

/** A database first set up by the app's own role: its tables must change hands once before the split means anything. */
async function refuseAppOwnedTables(owner: DbHandle, appRole: string): Promise<void> {
  const owned = rowsOf<{ name: string }>(
    await owner.db.execute(sql`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'drizzle') and pg_get_userbyid(c.relowner) = ${appRole} limit 3`),
  );
  if (owned.length) {
    const ownerRole = await roleOf(owner);
    throw new Error(
      `the app's role "${appRole}" (DATABASE_URL) owns tables such as ${owned.map((o) => o.name).join(', ')}, so it could switch the database's rules off. ` +
        `Hand them to the owner role once, as a superuser: REASSIGN OWNED BY "${appRole}" TO "${ownerRole}";`,
    );
  }
}
