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
  // Every criterion's wording as this build serves it, dated the first time it is served: a reworded criterion then
  // shows learners and assessors the date it changed (lib/evidence/wording.ts). Before the first request, so no page
  // flags a change without its date.
  try {
    const { recordWordings } = await import('./lib/evidence/wording');
    const added = await recordWordings(getHandle().db);
    if (added) console.log(`Recorded ${added} new criterion wordings.`);
  } catch (err) {
    console.warn('Could not record criterion wordings:', err instanceof Error ? err.message : err);
  }
  // Caseload figures of learners whose records changed outside the app (a restore of an older dump, a hand-made fix)
  // or that were counted over other content (a release that added criteria): in batches in the background, so
  // start-up is not held up; pages meanwhile show the figures as last computed.
  void import('./lib/dashboards/progress-current')
    .then(({ catchUp }) => catchUp(getHandle().db))
    .then((n) => {
      if (n) console.log(`Caseload figures recomputed for ${n} learners.`);
    })
    .catch((err: unknown) =>
      console.warn('Could not recompute caseload figures:', err instanceof Error ? err.message : err),
    );
  // Notifications: with the embedded database (one process holds it) the server runs the notification worker itself:
  // today's reminders before the first request, then the outbox and the daily round in the background. On PostgreSQL
  // the worker is a process of its own (`npm run -s notifications -- work`), so app servers never send mail.
  if (!e.DATABASE_URL) {
    const { notificationWorker } = await import('./lib/notifications/worker');
    const worker = notificationWorker(getHandle(), { log: (line) => console.log(line) });
    await worker
      .round({ daily: true })
      .catch((err: unknown) => console.warn('Notifications:', err instanceof Error ? err.message : err));
    void worker.run();
  }
}
