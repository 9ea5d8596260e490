// `npm run -s notifications -- work [--once]`: delivers the email outbox over SMTP (SMTP_URL, MAIL_FROM), with
// retries and back-off, and writes the daily reminders and digests. Run one (or several: they share the queue with
// FOR UPDATE SKIP LOCKED) beside the app servers on PostgreSQL, e.g. as a systemd service or a container with the
// app's environment. `--once` works off what is due and exits (for cron). `daily` writes today's reminders and
// digests only. The embedded database's server runs this loop itself (instrumentation-node.ts).
import '../tests/helpers/plain-node';

async function main() {
  const command = process.argv[2];
  if (command !== 'work' && command !== 'daily') {
    console.error('Usage: npm run -s notifications -- work [--once] | daily');
    process.exit(2);
  }
  const { getHandle } = await import('../db/client');
  const { migrateDatabase } = await import('../db/migrate');
  const { notificationWorker } = await import('../lib/notifications/worker');
  const handle = getHandle();
  const log = (line: string) => console.log(line);
  const worker = notificationWorker(handle, {
    log,
    leaseSeconds: process.env.NOTIFY_LEASE_SECONDS ? Number(process.env.NOTIFY_LEASE_SECONDS) : undefined,
    // One line per claim: an operator sees what is in flight (and the crash test knows when to kill).
    onClaim: (id) => console.log(`claimed ${id}`),
  });
  try {
    await migrateDatabase(handle, { ownerUrl: process.env.DATABASE_OWNER_URL || undefined });
    if (command === 'daily') {
      const r = await worker.round({ daily: true });
      console.log(`${r.reminders} reminders and ${r.digests} digests queued; ${r.sent} mails sent.`);
    } else if (process.argv.includes('--once')) {
      const total = { sent: 0, failed: 0 };
      for (let first = true; ; first = false) {
        const r = await worker.round({ daily: first });
        total.sent += r.sent;
        total.failed += r.failed;
        if (r.sent + r.failed < 100) break;
      }
      console.log(`${total.sent} mails sent, ${total.failed} failed (will retry).`);
    } else {
      for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => worker.stop());
      await worker.run();
    }
  } finally {
    await handle.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
