import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// 'eqa': an external quality assurer's account, created for an awarding body's visit (issue 20).
export const roleEnum = pgEnum('role', ['learner', 'assessor', 'coach', 'admin', 'eqa']);
export const staffRoleEnum = pgEnum('staff_role', ['assessor', 'coach']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    // Null for accounts that only sign in through OpenID Connect.
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    // Bumped to end every session of the account at once (sign out everywhere, password change or reset, disabling,
    // role change): a session cookie carries the version it was issued under and is refused once they differ.
    sessionVersion: integer('session_version').notNull().default(0),
    // Set when someone other than the account holder chose the password (an admin, a CSV import): the holder must
    // replace it before doing anything else.
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Emails are compared case-insensitively everywhere; store them lower-cased and keep them unique.
    uniqueIndex('users_email_key').on(t.email),
    index('users_role_idx').on(t.role),
    // Learners by name: the criteria matrix pages through a cohort of thousands by keyset on (name, id) along this
    // index, reading one page of learners whatever the cohort's size (lib/dashboards/matrix.ts).
    index('users_learner_name_idx')
      .on(t.name, t.id)
      .where(sql`${t.role} = 'learner'`),
  ],
);

export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cohorts_name_key').on(t.name)],
);

export const cohortMembers = pgTable(
  'cohort_members',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.learnerId] }), index('cohort_members_learner_idx').on(t.learnerId)],
);

/**
 * Who assesses or coaches whom. Every permission about a learner's work is answered from this table,
 * so the link is explicit per learner (assigning a cohort writes one row per learner).
 */
export const staffAssignments = pgTable(
  'staff_assignments',
  {
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => users.id),
    staffRole: staffRoleEnum('staff_role').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Staff first: every per-user list starts from a member of staff's own assignments (learnerScope in
    // lib/permissions.ts), read from this key alone, a range of the rows that person has. With learner_id first (before
    // issue 19) PostgreSQL could read the whole key in parallel to find one person's rows, and did at 10,000 learners.
    primaryKey({ columns: [t.staffId, t.staffRole, t.learnerId] }),
    // A learner's staff (assignedStaff in lib/permissions.ts, lib/admin).
    index('staff_assignments_learner_idx').on(t.learnerId, t.staffRole),
  ],
);

export const enrolments = pgTable(
  'enrolments',
  {
    learnerId: uuid('learner_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.learnerId, t.moduleSlug] }), index('enrolments_module_idx').on(t.moduleSlug)],
);

/** Every state change: who, what, when, before and after. Append-only (enforced in db/sql). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    learnerId: uuid('learner_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    // The hash chain (db/sql/011_audit_chain.sql sets all three on insert, whatever the writer sends; lib/audit/chain.ts
    // defines the canonical form). chainSeq is the row's place in the chain: ids are taken before the chain's lock,
    // so two concurrent writers may chain in the other order.
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    rowHash: text('row_hash'),
    /**
     * Set when a learner's erasure emptied this row's before and after (db/sql/014_erasure.sql): the id of the audit
     * row that records that erasure. The row keeps its hash and links; `audit verify` accepts it as erased only when
     * that erasure row, itself intact, counts it (lib/record/audit-chain.ts).
     */
    erasedBy: bigint('erased_by', { mode: 'number' }),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_log_learner_idx').on(t.learnerId, t.at),
    uniqueIndex('audit_log_chain_seq_key').on(t.chainSeq),
  ],
);

/**
 * The chain's head: one row, locked by every audit insert (db/sql/011_audit_chain.sql) so concurrent writers append one
 * after the other and the chain cannot fork. Only the trigger writes it.
 */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: integer('id').primaryKey().default(1),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    hash: text('hash').notNull(),
  },
  (t) => [check('audit_chain_head_single', sql`${t.id} = 1`)],
);

/**
 * Signed chain heads (`npm run -s audit -- seal`, and each export): a JWS over { seq, hash } with the record signing
 * key (lib/record/keys.ts). Cutting rows off the end of the chain leaves the last seal pointing past the end.
 */
export const auditSeals = pgTable('audit_seals', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  kid: text('kid').notNull(),
  jws: text('jws').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Sign-in attempts, kept in the database (not in memory) so throttling holds across many app servers.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    emailKey: text('email_key').notNull(),
    ip: text('ip').notNull(),
    success: boolean('success').notNull(),
    at: timestamp('at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('sign_in_attempts_email_idx').on(t.emailKey, t.at), index('sign_in_attempts_ip_idx').on(t.ip, t.at)],
);

/**
 * Sessions signed out one at a time ("Sign out" in one browser): a copy of that cookie is refused from then on, while
 * the account's other sessions carry on. A row is only needed until the session would have ended anyway (its
 * absolute lifetime), so rows past `forgetAfter` are removed as new ones are added.
 */
export const endedSessions = pgTable(
  'ended_sessions',
  {
    sessionId: uuid('session_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull().defaultNow(),
    forgetAfter: timestamp('forget_after', { withTimezone: true }).notNull(),
  },
  (t) => [index('ended_sessions_forget_after_idx').on(t.forgetAfter)],
);

export type User = typeof users.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
export type StaffRole = (typeof staffRoleEnum.enumValues)[number];
