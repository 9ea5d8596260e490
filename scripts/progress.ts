// `npm run -s progress -- rebuild`: recomputes every learner's caseload figures (learner_caseload, learner_met_weeks,
// learner_progress_cache) from their records, a batch of learners per short transaction, while the site keeps
// serving. `npm run -s progress -- catch-up` recomputes only those behind (queued by the triggers, or counted over
// other content); the server does that itself at start-up. Neither is needed in normal running: every write that
// changes a learner's figures recomputes them in its own transaction.
import '../tests/helpers/plain-node';

async function main() {
  const command = process.argv[2];
  if (command !== 'rebuild' && command !== 'catch-up') {
    console.error('Usage: npm run -s progress -- rebuild | catch-up [--batch=200]');
    process.exit(2);
  }
  const batchArg = process.argv.find((a) => a.startsWith('--batch='));
  const batch = batchArg ? Number(batchArg.slice('--batch='.length)) : 200;
  if (!Number.isInteger(batch) || batch < 1 || batch > 5000)
    throw new Error('--batch must be a whole number from 1 to 5000');
  const { getHandle } = await import('../db/client');
  const { migrateDatabase } = await import('../db/migrate');
  const { catchUp, queueEveryLearner } = await import('../lib/dashboards/progress-current');
  const handle = getHandle();
  try {
    await migrateDatabase(handle, { ownerUrl: process.env.DATABASE_OWNER_URL || undefined });
    if (command === 'rebuild') await queueEveryLearner(handle.db);
    const t0 = Date.now();
    let shown = 0;
    const done = await catchUp(handle.db, {
      batch,
      onBatch: (n) => {
        if (n - shown >= 1000) {
          console.log(`  ${n} learners ...`);
          shown = n;
        }
      },
    });
    console.log(`Caseload figures recomputed for ${done} learners in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  } finally {
    await handle.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
