import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { emailOutbox, notificationPreferences, notifications, users, type NotificationKind } from '@/db/schema';
import { mailSettings } from '@/lib/env';
import { DEFAULT_MODE } from './kinds';

/**
 * Writing notifications. Both functions take the transaction of the change that causes them: the in-app row and the
 * mail commit with the change or not at all, so a judgement that rolls back tells nobody, and one that commits always
 * reaches its learner (the worker, lib/notifications/worker.ts, delivers the mail afterwards, with retries).
 */

export interface NotifyInput {
  recipientId: string;
  kind: NotificationKind;
  /** One line, read in the list and as the mail's subject ("Your assessor judged 1.2: met"). */
  title: string;
  /** A path in the portal the notification opens. */
  link: string;
  /** More words for the mail, if any (feedback is not copied: the link opens it behind sign-in). */
  body?: string;
  /** For reminders: the same key for the same recipient is written once, however often the daily run goes. */
  dedupeKey?: string;
}

const TITLE_MAX = 200;
const oneLine = (s: string, max: number) => {
  const line = s.replace(/[\r\n\t]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/**
 * Tells one user about a change, inside its transaction: an in-app notification always, and by their preference for
 * this kind a mail now (the outbox) or a line in tomorrow's digest. Nobody is told about a disabled account's work.
 * Returns the notification's id, or null when nothing was written (a disabled account, or a reminder already sent).
 */
export async function notify(tx: DbOrTx, input: NotifyInput): Promise<{ id: string } | null> {
  if (!input.link.startsWith('/') || input.link.startsWith('//'))
    throw new Error(`notify: link must be a path: ${input.link}`);
  const [recipient] = await tx
    .select({ email: users.email, active: users.active, mode: notificationPreferences.mode })
    .from(users)
    .leftJoin(
      notificationPreferences,
      and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.kind, input.kind)),
    )
    .where(eq(users.id, input.recipientId));
  if (!recipient?.active) return null;
  const mode = recipient.mode ?? DEFAULT_MODE;
  const title = oneLine(input.title, TITLE_MAX);
  const [row] = await tx
    .insert(notifications)
    .values({
      recipientId: input.recipientId,
      kind: input.kind,
      title,
      link: input.link,
      dedupeKey: input.dedupeKey ?? null,
      digestPending: mode === 'digest',
    })
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  if (!row) return null;
  // An address no mail server would take (an account imported with a placeholder) must not undo the change: the
  // notification is in the app, and the mail is left out.
  if (mode === 'email' && emailSchema.shape.to.safeParse(recipient.email).success) {
    const { portalUrl } = mailSettings();
    await queueEmail(tx, {
      to: recipient.email,
      recipientId: input.recipientId,
      subject: title,
      text: mailText(portalUrl, title, input.body, input.link),
      kind: input.kind,
      deliveryKey: `notification:${row.id}`,
    });
  }
  return row;
}

function mailText(portalUrl: string, title: string, body: string | undefined, link: string): string {
  return [
    title,
    ...(body ? ['', body.trim()] : []),
    '',
    `Open it in Criterion: ${new URL(link, portalUrl).href}`,
    '',
    `-- \nYou receive this because of your notification settings: ${new URL('/account/notifications', portalUrl).href}`,
  ].join('\n');
}

export interface QueuedEmail {
  to: string;
  subject: string;
  text: string;
  /** A notification kind, 'digest', or what the sender names (e.g. 'witness_link'): the administrator's outbox shows it. */
  kind: string;
  html?: string;
  /** The account it is for, if the person has one. */
  recipientId?: string | null;
  /** Queueing twice with the same key queues once. Default: a new key (every call is a new mail). */
  deliveryKey?: string;
}

const emailSchema = z.object({
  to: z
    .string()
    .trim()
    .toLowerCase()
    .max(320)
    .regex(/^[^@\s]+@[^@\s]+$/, 'not an email address'),
  subject: z.string().min(1).max(998),
  text: z.string().min(1).max(200_000),
  html: z.string().max(500_000).optional(),
  kind: z.string().min(1).max(50),
});

/**
 * Queues one mail in the outbox inside the caller's transaction; also for people without an account (a witness, an
 * employer asked to sign: the single-use link's sender). The worker sends it; with no SMTP_URL it waits in the outbox,
 * readable by an administrator. Returns the outbox id (also the mail's Message-ID), or null if the key was queued.
 */
export async function queueEmail(tx: DbOrTx, mail: QueuedEmail): Promise<{ id: string } | null> {
  const parsed = emailSchema.parse(mail);
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      recipientId: mail.recipientId ?? null,
      toAddress: parsed.to,
      // A subject is one header line: a line break in it could start another header.
      subject: oneLine(parsed.subject, 200),
      text: parsed.text,
      html: parsed.html ?? null,
      kind: parsed.kind,
      deliveryKey: mail.deliveryKey ?? `mail:${crypto.randomUUID()}`,
    })
    .onConflictDoNothing({ target: emailOutbox.deliveryKey })
    .returning({ id: emailOutbox.id });
  return row ?? null;
}

/** The recipients of a learner-centred change other than the person who made it (e.g. a review's other signers). */
export function others(ids: (string | null | undefined)[], actorId: string): string[] {
  return [...new Set(ids.filter((id): id is string => Boolean(id) && id !== actorId))];
}
