import { count } from 'drizzle-orm';
import { demoBanner, seedDemo } from './demo';
import type { DbHandle } from './client';
import { migrateDatabase } from './migrate';
import { users } from './schema';

/**
 * Brings the database to the current schema and, on the embedded database's first start, seeds the
 * demo cohort. Demo accounts never appear on a real server unless asked for (DEMO_SEED=always or
 * `npm run db:seed`).
 */
export async function setupDatabase(
  handle: DbHandle,
  opts: { demoSeed: 'auto' | 'never' | 'always'; publicUrl: string; ownerUrl?: string; log?: (line: string) => void },
): Promise<void> {
  await migrateDatabase(handle, { ownerUrl: opts.ownerUrl });
  const wantDemo = opts.demoSeed === 'always' || (opts.demoSeed === 'auto' && handle.kind === 'pglite');
  if (!wantDemo) return;
  const [{ n }] = await handle.db.select({ n: count() }).from(users);
  if (n === 0) await seedDemo(handle.db);
  (opts.log ?? console.log)(demoBanner(opts.publicUrl));
}
