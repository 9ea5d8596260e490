/**
 * The retention job (issue 22, data protection), on the configured database (DATABASE_URL, or the embedded PGLITE_DIR:
 * stop the app first). Run it from cron, e.g. daily: it erases the assessment decisions of learners erased more than
 * RETENTION_YEARS (default 6) ago, one learner per transaction, and is safe to run again (a learner done is not due).
 * The notifications worker runs the same step with its daily work (lib/notifications/worker.ts).
 *
 *   npm run -s retention -- run              erase what is due; print each learner and what went
 *   npm run -s retention -- run --dry-run    only list who is due
 */
import { getHandle } from '../db/client';
import { retentionYearsSetting } from '../lib/env';
import { runRetention } from '../lib/erasure/retention';
import { formatDate } from '../lib/format';

const USAGE = `usage: npm run -s retention -- run [--dry-run]
  erases the assessment decisions kept for learners erased more than RETENTION_YEARS ago (default 6)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'run' || rest.some((a) => a !== '--dry-run')) {
    process.stderr.write(`${USAGE}\n`);
    return command === '--help' || command === 'help' ? 0 : 2;
  }
  const dryRun = rest.includes('--dry-run');
  const years = retentionYearsSetting();
  const run = await runRetention({ years, dryRun }, getHandle().db);
  if (!run.due.length) {
    process.stdout.write(`Nothing due: no erased learner's decisions are older than ${years} years.\n`);
    return 0;
  }
  for (const d of run.due) {
    const done = run.erased.find((e) => e.learnerId === d.learnerId);
    const what = done
      ? Object.entries(done.counts)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')
      : dryRun
        ? 'due'
        : 'already done';
    process.stdout.write(`${d.pseudonym} (${d.learnerId}), erased ${formatDate(d.erasedAt)}: ${what}\n`);
  }
  process.stdout.write(
    dryRun
      ? `${run.due.length} learner(s) due; nothing erased (dry run).\n`
      : `${run.erased.length} learner(s)' decisions erased (kept ${years} years after their erasure).\n`,
  );
  return 0;
}

void main(process.argv.slice(2))
  .catch((e: unknown) => {
    process.stderr.write(`retention: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  })
  .then(async (code) => {
    if (process.argv[2] === 'run') await getHandle().close();
    process.exit(code);
  });
