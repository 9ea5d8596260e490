import { getHandle } from './db/client';
import { setupDatabase } from './db/setup';
import { env, EnvError } from './lib/env';

/**
 * Validate the configuration, bring the database to the current schema (awaited, before any request is
 * served) and seed the demo cohort on the embedded database's first start. Any failure stops the process
 * with a message that says what to fix.
 */
export async function startServer(): Promise<void> {
  try {
    env();
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(`\n${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const e = env();
  try {
    await setupDatabase(getHandle(), {
      demoSeed: e.DEMO_SEED,
      publicUrl: e.NEXTAUTH_URL ?? 'http://localhost:3000',
      ownerUrl: e.DATABASE_OWNER_URL,
    });
  } catch (err) {
    const where = e.DATABASE_URL ? 'the PostgreSQL server in DATABASE_URL' : `the embedded database in ${e.PGLITE_DIR}`;
    console.error(`\nCriterion cannot start: could not prepare ${where}.\n  ${(err as Error).message}\n`);
    process.exit(1);
  }
  // Dashboard figures for learners whose records changed while no server was computing them (a release with new
  // criteria, a restore): in the background, so start-up is not held up; a dashboard opened meanwhile computes its own.
  void import('./lib/dashboards/progress-cache')
    .then(({ refreshStaleFigures }) => refreshStaleFigures(getHandle().db))
    .then((n) => {
      if (n) console.log(`Dashboard figures refreshed for ${n} learners.`);
    })
    .catch((err: unknown) =>
      console.warn('Could not refresh dashboard figures:', err instanceof Error ? err.message : err),
    );
}
