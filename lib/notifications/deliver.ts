import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbHandle, DbOrTx } from '@/db/client';
import { emailOutbox } from '@/db/schema';

/**
 * Delivering the outbox. Each mail is claimed with FOR UPDATE SKIP LOCKED, so any number of workers share the queue
 * and never take the same row, and its Message-ID is derived from its outbox id, so a mail that had to be sent again is
 * recognisably the same mail to the receiving server and the reader's mail program.
 *
 * On PostgreSQL the claim's transaction stays open while the mail is handed to SMTP, and the row is marked sent in that
 * same transaction: a worker killed before the commit leaves the row unsent and unlocked (the server ends the
 * transaction with the connection), so another worker sends it at once; nothing is lost, and a mail counts as sent only
 * once the SMTP server accepted it. The one remaining window, SMTP accepted but the commit never arrived, sends the same
 * Message-ID again.
 *
 * The embedded database has a single connection that every request shares: holding it through an SMTP conversation
 * would stall the portal. There a claim is a short transaction that takes a lease (lease_until); the mail is sent
 * outside it and marked sent after. A process that dies holding a lease leaves the row to be retried once the lease
 * has run out, with the same Message-ID.
 */

interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  headers: Record<string, string>;
}

/** What nodemailer's transporter offers; tests may pass any object that sends. */
export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>;
}

export interface DeliverOptions {
  from: string;
  /** The portal's host, for Message-IDs (`<outbox-id@host>`). */
  host: string;
  /** At most this many mails in one call. */
  limit?: number;
  /** Embedded database: how long a claim holds a row before another attempt may take it. */
  leaseSeconds?: number;
  /** Told each outbox id as it is claimed (the command logs it; tests kill the worker there). */
  onClaim?: (id: string) => void;
  now?: () => Date;
}

/** Attempts before a mail is given up (failed_at): about a day of retries, then an administrator sees it. */
export const MAX_ATTEMPTS = 10;

/** Wait before attempt n+1: 1 minute, doubling, at most 4 hours. */
export function backoffSeconds(attempts: number): number {
  return Math.min(60 * 2 ** Math.max(0, attempts - 1), 4 * 3600);
}

type OutboxRow = typeof emailOutbox.$inferSelect;

const due = () =>
  and(
    isNull(emailOutbox.sentAt),
    isNull(emailOutbox.failedAt),
    lte(emailOutbox.nextAttemptAt, sql`now()`),
    or(isNull(emailOutbox.leaseUntil), lte(emailOutbox.leaseUntil, sql`now()`)),
  );

const messageIdOf = (id: string, host: string) => `<${id}@${host}>`;

function messageOf(row: OutboxRow, opts: DeliverOptions): MailMessage {
  return {
    from: opts.from,
    to: row.toAddress,
    subject: row.subject,
    text: row.text,
    ...(row.html ? { html: row.html } : {}),
    messageId: messageIdOf(row.id, opts.host),
    // Out-of-office replies and auto-forwarders leave machine-written mail alone (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Criterion-Kind': row.kind },
  };
}

function failure(row: OutboxRow, error: unknown) {
  const attempts = row.attempts + 1;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  return attempts >= MAX_ATTEMPTS
    ? { attempts, lastError: message, failedAt: sql`now()`, leaseUntil: null }
    : {
        attempts,
        lastError: message,
        nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(attempts)})`,
        leaseUntil: null,
      };
}

type Outcome = 'sent' | 'failed' | 'none';

/** The next due mail no other worker holds, locked until the caller's transaction ends. */
async function claimNext(tx: DbOrTx): Promise<OutboxRow | undefined> {
  const [row] = await tx
    .select()
    .from(emailOutbox)
    .where(due())
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

async function deliverOneLocked(handle: DbHandle, transport: MailTransport, opts: DeliverOptions): Promise<Outcome> {
  return handle.db.transaction(async (tx) => {
    const row = await claimNext(tx);
    if (!row) return 'none';
    opts.onClaim?.(row.id);
    try {
      await transport.sendMail(messageOf(row, opts));
    } catch (e) {
      await tx.update(emailOutbox).set(failure(row, e)).where(eq(emailOutbox.id, row.id));
      return 'failed';
    }
    await tx
      .update(emailOutbox)
      .set({ sentAt: sql`now()`, attempts: row.attempts + 1, lastError: null })
      .where(eq(emailOutbox.id, row.id));
    return 'sent';
  });
}

async function deliverOneLeased(handle: DbHandle, transport: MailTransport, opts: DeliverOptions): Promise<Outcome> {
  const lease = opts.leaseSeconds ?? 120;
  const row = await handle.db.transaction(async (tx) => {
    const r = await claimNext(tx);
    if (!r) return undefined;
    await tx
      .update(emailOutbox)
      .set({ leaseUntil: sql`now() + make_interval(secs => ${lease})` })
      .where(eq(emailOutbox.id, r.id));
    return r;
  });
  if (!row) return 'none';
  opts.onClaim?.(row.id);
  try {
    await transport.sendMail(messageOf(row, opts));
  } catch (e) {
    await handle.db.update(emailOutbox).set(failure(row, e)).where(eq(emailOutbox.id, row.id));
    return 'failed';
  }
  await handle.db
    .update(emailOutbox)
    .set({ sentAt: sql`now()`, attempts: row.attempts + 1, lastError: null, leaseUntil: null })
    .where(and(eq(emailOutbox.id, row.id), isNull(emailOutbox.sentAt)));
  return 'sent';
}

/** Sends what is due, one mail at a time, until nothing is due or `limit` mails were tried. */
export async function deliverDue(
  handle: DbHandle,
  transport: MailTransport,
  opts: DeliverOptions,
): Promise<{ sent: number; failed: number }> {
  const one = handle.kind === 'postgres' ? deliverOneLocked : deliverOneLeased;
  const counts = { sent: 0, failed: 0 };
  for (let i = 0; i < (opts.limit ?? 100); i++) {
    const outcome = await one(handle, transport, opts);
    if (outcome === 'none') break;
    counts[outcome]++;
  }
  return counts;
}
