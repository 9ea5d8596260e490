import 'server-only';
import { and, desc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { emailOutbox } from '@/db/schema';
import { uuidSchema } from '@/lib/ids';
import { olderThan } from './keyset';
import { authorizeAdmin, type Actor } from '@/lib/permissions';

/**
 * The outbox as an administrator reads it (/admin/outbox): every mail the portal wrote, sent or waiting, with its text.
 * Without SMTP_URL (the embedded demo) this is where mail is read; with it, where a failing address shows.
 */

export type OutboxFilter = 'all' | 'waiting' | 'sent' | 'failed';
const OUTBOX_PAGE = 50;

const FILTER: Record<OutboxFilter, SQL | undefined> = {
  all: undefined,
  waiting: and(isNull(emailOutbox.sentAt), isNull(emailOutbox.failedAt)),
  sent: isNotNull(emailOutbox.sentAt),
  failed: isNotNull(emailOutbox.failedAt),
};

export async function listOutbox(
  actor: Actor,
  opts: { filter?: OutboxFilter; before?: string } = {},
  db: DbOrTx = getDb(),
) {
  authorizeAdmin(actor);
  const filter = FILTER[opts.filter ?? 'all'] ?? undefined;
  let cursor: { createdAt: Date; id: string } | undefined;
  if (opts.before && uuidSchema().safeParse(opts.before).success)
    [cursor] = await db
      .select({ createdAt: emailOutbox.createdAt, id: emailOutbox.id })
      .from(emailOutbox)
      .where(eq(emailOutbox.id, opts.before));
  const rows = await db
    .select()
    .from(emailOutbox)
    .where(and(filter, olderThan(emailOutbox.createdAt, emailOutbox.id, cursor)))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(OUTBOX_PAGE + 1);
  return { items: rows.slice(0, OUTBOX_PAGE), more: rows.length > OUTBOX_PAGE };
}

export function isOutboxFilter(v: unknown): v is OutboxFilter {
  return typeof v === 'string' && v in FILTER;
}
