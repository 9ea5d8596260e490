import { index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './core';
import { signOffSupersessions } from './qa-outcomes';

/**
 * Open Badges 3.0 (issue 22, lib/badges): one signed OpenBadgeCredential per learner and completed unit. A badge is
 * kept exactly as it was signed and never changed or removed (db/sql/014_badges.sql); revoking it is a row of its
 * own in badge_revocations, published in the status list at /api/badges/status-list. A unit has a second edition only
 * when an internal quality assurer's disagreement revoked the first and the unit was completed again.
 */

/** Each badge's position in the revocation status list (W3C Bitstring Status List), drawn before it is signed. */
export const badgeStatusIndexSeq = pgSequence('badge_status_index_seq', { startWith: 1 });

export const badges = pgTable(
  'badges',
  {
    /** Also the credential's own address: <portal>/badges/<id>, its public verification page. */
    id: uuid('id').primaryKey(),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    statusIndex: integer('status_index').notNull(),
    /** The OpenBadgeCredential as signed: a VC-JWT (compact JWS, EdDSA, the record signing key `kid`). */
    jwt: text('jwt').notNull(),
    kid: text('kid').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    /** 1 for the unit's first badge; n + 1 when edition n was revoked because its sign-off was superseded. */
    edition: integer('edition').notNull().default(1),
  },
  (t) => [
    uniqueIndex('badges_learner_module_edition_key').on(t.learnerId, t.moduleSlug, t.edition),
    uniqueIndex('badges_status_index_key').on(t.statusIndex),
    index('badges_issued_idx').on(t.issuedAt),
  ],
);

/**
 * A revoked badge, with why: at most one per badge, never changed or removed. Revoked by an administrator, by the
 * learner's erasure, or by an internal quality assurer's disagreement with the sign-off the unit's completion rested
 * on (then `signOffSupersessionId` names it, and the unit may be badged again once it is complete again).
 */
export const badgeRevocations = pgTable('badge_revocations', {
  badgeId: uuid('badge_id')
    .primaryKey()
    .references(() => badges.id),
  reason: text('reason').notNull(),
  /** Null when the learner's erasure from the command line revoked it (nobody signed in did). */
  revokedBy: uuid('revoked_by').references(() => users.id),
  revokedAt: timestamp('revoked_at', { withTimezone: true }).notNull().defaultNow(),
  signOffSupersessionId: uuid('sign_off_supersession_id').references(() => signOffSupersessions.id),
});
