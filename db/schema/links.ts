import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './core';
import { evidence } from './evidence';
import { progressReviews } from './reviews';

/**
 * Single-use links for people without an account (issue 21): a witness confirming a statement, an employer signing
 * a progress review. Only the SHA-256 of the token is stored, so a copy of the database opens no link. A link is bound
 * to one document at one version (its version number and the SHA-256 of what the recipient is asked about); it is used
 * once, before it expires, and the use (who, when, from where, and their answer) is written on the row in the same
 * transaction as what it confirms. db/sql/012_links.sql lets a row change only once: used, or superseded, never both
 * and never back. lib/links/ is the one place that writes it.
 */
export const linkPurposeEnum = pgEnum('link_purpose', ['witness_statement', 'review_signature']);
/** What the recipient answered: a witness confirms or disputes the statement; an employer signs the review. */
export const linkResponseEnum = pgEnum('link_response', ['confirmed', 'disputed', 'signed']);

export const singleUseLinks = pgTable(
  'single_use_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower-case hex SHA-256 of the token; the token itself is never stored. */
    tokenSha256: text('token_sha256').notNull().unique(),
    purpose: linkPurposeEnum('purpose').notNull(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    evidenceId: uuid('evidence_id').references(() => evidence.id),
    reviewId: uuid('review_id').references(() => progressReviews.id),
    /** The document's version when the link was made, and the SHA-256 of what the recipient is asked to confirm. */
    documentVersion: integer('document_version').notNull(),
    documentSha256: text('document_sha256').notNull(),
    recipientName: text('recipient_name').notNull(),
    recipientRole: text('recipient_role').notNull().default(''),
    recipientEmail: text('recipient_email').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the document changed or a newer link was made for it, while this one was unused. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    usedAt: timestamp('used_at', { withTimezone: true }),
    response: linkResponseEnum('response'),
    /** The name the recipient typed, their optional comment, and where the link was used from. */
    responderName: text('responder_name'),
    comment: text('comment'),
    usedFromAddress: text('used_from_address'),
    usedUserAgent: text('used_user_agent'),
  },
  (t) => [
    index('single_use_links_evidence_idx').on(t.evidenceId, t.createdAt),
    index('single_use_links_review_idx').on(t.reviewId, t.createdAt),
    check(
      'single_use_links_document',
      sql`(${t.purpose} = 'witness_statement' and ${t.evidenceId} is not null and ${t.reviewId} is null)
        or (${t.purpose} = 'review_signature' and ${t.reviewId} is not null and ${t.evidenceId} is null)`,
    ),
    check('single_use_links_token_hex', sql`${t.tokenSha256} ~ '^[0-9a-f]{64}$'`),
    check('single_use_links_document_hex', sql`${t.documentSha256} ~ '^[0-9a-f]{64}$'`),
    check(
      'single_use_links_used_together',
      sql`(${t.usedAt} is null) = (${t.response} is null) and (${t.usedAt} is null) = (${t.responderName} is null)`,
    ),
    check('single_use_links_used_or_superseded', sql`${t.usedAt} is null or ${t.supersededAt} is null`),
    check(
      'single_use_links_response_fits',
      sql`${t.response} is null or (${t.purpose} = 'witness_statement') = (${t.response} in ('confirmed', 'disputed'))`,
    ),
  ],
);

export type SingleUseLinkRow = typeof singleUseLinks.$inferSelect;
export type LinkPurpose = (typeof linkPurposeEnum.enumValues)[number];
export type LinkResponse = (typeof linkResponseEnum.enumValues)[number];
