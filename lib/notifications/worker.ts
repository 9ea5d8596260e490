import type { DbHandle } from '@/db/client';
import { mailSettings, retentionYearsSetting } from '@/lib/env';
import { cleanAbandonedUploads } from '@/lib/captures/cleanup';
import { runRetention } from '@/lib/erasure/retention';
import { TIME_ZONE } from '@/lib/format';
import { sendDigests, sendReminders } from './daily';
import { deliverDue, type MailTransport } from './deliver';
import { smtpTransport } from './transport';

/**
 * The notification worker's loop, shared by the command (`npm run -s notifications -- work`, a process of its own
 * beside the app servers on PostgreSQL) and the embedded demo's server (instrumentation-node.ts: the embedded database
 * opens in one process only, so its poller runs inside the app). Each round: the daily reminders and digests (at most
 * every `dailyEveryMs`; their keys make repeats harmless) and the retention job's step (lib/erasure/retention.ts:
 * idempotent, one indexed read when nothing is due) and the removal of abandoned phone uploads
 * (lib/captures/cleanup.ts), then the outbox. With no SMTP_URL mail stays in the outbox.
 */

const DIGEST_HOUR = 7;
const ukHourNow = () =>
  Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(new Date()),
  );

export interface WorkerOptions {
  /** Between rounds when the outbox is empty. */
  pollMs?: number;
  dailyEveryMs?: number;
  leaseSeconds?: number;
  log?: (line: string) => void;
  onClaim?: (id: string) => void;
  /** Tests pass their own; default: nodemailer over SMTP_URL, or none. */
  transport?: MailTransport | null;
}

export interface Worker {
  /** One round: daily work if it is time, then every mail that is due. */
  round(opts?: { daily?: boolean }): Promise<{ sent: number; failed: number; reminders: number; digests: number }>;
  /** Rounds until stop() is called. */
  run(): Promise<void>;
  stop(): void;
}

export function notificationWorker(handle: DbHandle, opts: WorkerOptions = {}): Worker {
  const settings = mailSettings();
  const log = opts.log ?? (() => {});
  const transport =
    opts.transport !== undefined ? opts.transport : settings.SMTP_URL ? smtpTransport(settings.SMTP_URL) : null;
  const host = new URL(settings.portalUrl).hostname || 'criterion';
  let lastDaily = 0;
  let stopped = false;
  let wake: (() => void) | undefined;

  async function round({ daily }: { daily?: boolean } = {}) {
    let reminders = 0;
    let digests = 0;
    if (daily ?? Date.now() - lastDaily >= (opts.dailyEveryMs ?? 15 * 60_000)) {
      lastDaily = Date.now();
      reminders = await sendReminders(handle.db);
      // Digests go out with the first round from 07:00 UK time, one a day (their key names the day).
      if (ukHourNow() >= DIGEST_HOUR) digests = await sendDigests(handle.db);
      if (reminders || digests) log(`notifications: ${reminders} reminders, ${digests} digests queued`);
      const retention = await runRetention({ years: retentionYearsSetting() }, handle.db);
      if (retention.erased.length)
        log(`retention: the kept decisions of ${retention.erased.length} erased learner(s) erased`);
      const abandoned = await cleanAbandonedUploads(handle.db);
      if (abandoned) log(`captures: ${abandoned} unfinished phone upload(s) removed`);
    }
    const delivered = transport
      ? await deliverDue(handle, transport, {
          from: settings.MAIL_FROM,
          host,
          leaseSeconds: opts.leaseSeconds,
          onClaim: opts.onClaim,
        })
      : { sent: 0, failed: 0 };
    if (delivered.sent || delivered.failed)
      log(`notifications: ${delivered.sent} mails sent, ${delivered.failed} failed (will retry)`);
    return { ...delivered, reminders, digests };
  }

  return {
    round,
    async run() {
      if (!transport)
        log(
          'notifications: SMTP_URL is not set, so mail stays in the outbox (administrators read it at /admin/outbox)',
        );
      while (!stopped) {
        try {
          const r = await round();
          // A full batch means more may be waiting: go again at once.
          if (r.sent + r.failed >= 100) continue;
        } catch (e) {
          log(`notifications: round failed: ${e instanceof Error ? e.message : String(e)}`);
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, opts.pollMs ?? 5_000).unref?.();
        });
      }
    },
    stop() {
      stopped = true;
      wake?.();
    },
  };
}
