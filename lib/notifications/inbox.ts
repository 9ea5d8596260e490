import 'server-only';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { notificationPreferences, notifications, type NotificationKind, type NotificationMode } from '@/db/schema';
import { audit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import { uuidSchema } from '@/lib/ids';
import { olderThan } from './keyset';
import type { Actor } from '@/lib/permissions';
import { DEFAULT_MODE, KINDS, KIND_VALUES, MODE_VALUES } from './kinds';

/**
 * A user's own notifications and preferences. Every function here reads and writes only the actor's own rows (the
 * recipient is always `actor.id`, never an argument), so nobody can see or mark anyone else's.
 */

const PAGE_SIZE = 30;

/** The bell's figure: one index-only count over the unread partial index. */
export async function unreadCount(actor: Actor, db: DbOrTx = getDb()): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, actor.id), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  link: string;
  createdAt: Date;
  readAt: Date | null;
}

/** Newest first, a page at a time: `before` is the last id of the previous page (keyset on created_at, id). */
export async function listNotifications(
  actor: Actor,
  opts: { before?: string } = {},
  db: DbOrTx = getDb(),
): Promise<{ items: NotificationView[]; more: boolean }> {
  let cursor: { createdAt: Date; id: string } | undefined;
  if (opts.before && uuidSchema().safeParse(opts.before).success) {
    [cursor] = await db
      .select({ createdAt: notifications.createdAt, id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.id, opts.before), eq(notifications.recipientId, actor.id)));
  }
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(and(eq(notifications.recipientId, actor.id), olderThan(notifications.createdAt, notifications.id, cursor)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(PAGE_SIZE + 1);
  return { items: rows.slice(0, PAGE_SIZE), more: rows.length > PAGE_SIZE };
}

export const markReadSchema = z.object({ id: uuidSchema('That notification could not be found.') });

/** Marks one of the actor's notifications read; someone else's is "not found", as if it did not exist. */
export async function markRead(actor: Actor, input: { id: string }, db: DbOrTx = getDb()): Promise<void> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, input.id), eq(notifications.recipientId, actor.id)))
    .returning({ id: notifications.id });
  if (!rows.length) throw new NotFoundError('That notification could not be found.');
}

export async function markAllRead(actor: Actor, db: DbOrTx = getDb()): Promise<{ marked: number }> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.recipientId, actor.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { marked: rows.length };
}

export type Preferences = Record<NotificationKind, NotificationMode>;

export async function getPreferences(actor: Actor, db: DbOrTx = getDb()): Promise<Preferences> {
  const rows = await db
    .select({ kind: notificationPreferences.kind, mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, actor.id));
  const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
  return Object.fromEntries(KINDS.map(({ kind }) => [kind, chosen.get(kind) ?? DEFAULT_MODE])) as Preferences;
}

const modeField = z.enum(MODE_VALUES, { error: 'Choose how this reaches you.' });
/** Every kind must be answered: a form that leaves one out changes nothing, rather than half the settings. */
export const preferencesSchema = z.object(
  Object.fromEntries(KIND_VALUES.map((k) => [k, modeField])) as Record<NotificationKind, typeof modeField>,
);

export async function savePreferences(actor: Actor, input: Preferences, db: DbOrTx = getDb()): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getPreferences(actor, tx);
    const changed = KIND_VALUES.filter((k) => before[k] !== input[k]);
    if (!changed.length) return;
    await tx
      .insert(notificationPreferences)
      .values(changed.map((kind) => ({ userId: actor.id, kind, mode: input[kind] })))
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: { mode: sql`excluded.mode`, updatedAt: sql`now()` },
      });
    // A kind moved off the digest leaves nothing waiting for one.
    await tx.execute(sql`
      update notifications n set digest_pending = false
      where n.recipient_id = ${actor.id} and n.digest_pending
        and not exists (select 1 from notification_preferences p
                        where p.user_id = n.recipient_id and p.kind = n.kind and p.mode = 'digest')`);
    await audit(tx, {
      actorId: actor.id,
      action: 'notifications.preferences',
      subjectType: 'user',
      subjectId: actor.id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, input[k]])),
    });
  });
}
