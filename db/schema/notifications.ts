import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './core';

/**
 * Notifications (issue 21): what happened that someone should know about, in the app and by email. Both rows are
 * written by lib/notifications in the same transaction as the change that caused them, so a change that rolls back
 * leaves no notification and no mail, and a change that commits always has both.
 */

/** What a notification is about; each user chooses per kind how it reaches them (notification_preferences). */
export const notificationKindEnum = pgEnum('notification_kind', [
  'evidence_judged',
  'report_decided',
  'worksheet_comment',
  'review_signed',
  'review_due',
  'target_due',
  'witness_confirmed',
  'iqa_feedback',
]);

/** in_app: only the bell; email: a mail at once too; digest: the bell, and one mail a day with everything new. */
export const notificationModeEnum = pgEnum('notification_mode', ['in_app', 'email', 'digest']);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id),
    kind: notificationKindEnum('kind').notNull(),
    title: text('title').notNull(),
    /** A path inside the portal (`/evidence/...`), never an outside address. */
    link: text('link').notNull(),
    /** Reminders the daily run writes (review due, target due) carry a key, so a second run adds nothing. */
    dedupeKey: text('dedupe_key'),
    /** Waiting for the recipient's next daily digest mail. */
    digestPending: boolean('digest_pending').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    // The bell's count and the list: one user's newest first, unread ones from a partial index.
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt),
    index('notifications_unread_idx')
      .on(t.recipientId)
      .where(sql`${t.readAt} is null`),
    index('notifications_digest_idx')
      .on(t.recipientId)
      .where(sql`${t.digestPending}`),
    uniqueIndex('notifications_dedupe_key').on(t.recipientId, t.dedupeKey),
    check('notifications_link_internal', sql`${t.link} ~ '^/[^/\\\\]'`),
  ],
);

export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: notificationKindEnum('kind').notNull(),
    mode: notificationModeEnum('mode').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Mail waiting to be sent, written in the change's transaction and delivered by the worker (lib/notifications/
 * worker.ts). `delivery_key` makes queueing idempotent (the same reminder or digest is never queued twice); the row id
 * is the mail's Message-ID, so a mail sent again after a crash is recognisably the same mail.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for people without an account (a witness, an employer asked to sign by link). */
    recipientId: uuid('recipient_id').references(() => users.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    /** A notification kind, 'digest', or what a caller without an account names (e.g. 'witness_link'). */
    kind: text('kind').notNull(),
    deliveryKey: text('delivery_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Embedded database only: a claim's lease (the worker cannot hold a row lock there while it talks to SMTP). */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Given up after the last attempt: an administrator reads it at /admin/outbox. */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('email_outbox_delivery_key').on(t.deliveryKey),
    // The worker's queue: only unsent, not given up, by when they are due.
    index('email_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
    index('email_outbox_created_idx').on(t.createdAt),
    check('email_outbox_to_address', sql`${t.toAddress} ~ '^[^@\\s]+@[^@\\s]+$'`),
  ],
);

export type NotificationKind = (typeof notificationKindEnum.enumValues)[number];
export type NotificationMode = (typeof notificationModeEnum.enumValues)[number];
