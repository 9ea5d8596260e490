import 'server-only';
import { and, asc, count, eq, ilike, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { cohortMembers, cohorts, enrolments, staffAssignments, users, type Role } from '@/db/schema';
import { audit } from '@/lib/audit';
import { hashPassword } from '@/lib/auth/password';
import { refuseIfErased } from '@/lib/erasure/erase';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { authorizeAdmin, type Actor } from '@/lib/permissions';
import { generatePassword } from './passwords';
import { createAccountInput, listAccountsInput, resetPasswordInput, setActiveInput } from './schemas';

const PAGE_SIZE = 50;

interface AccountRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: Date;
}

export interface AccountList {
  rows: AccountRow[];
  total: number;
  page: number;
  pageCount: number;
}

const accountColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
};

/** Escapes LIKE wildcards so a search for "a_b" means exactly that. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listAccounts(
  actor: Actor,
  input: z.input<typeof listAccountsInput>,
  db: DbOrTx = getDb(),
): Promise<AccountList> {
  authorizeAdmin(actor);
  const { q, role, status, missing, page } = listAccountsInput.parse(input);
  const filters: SQL[] = [];
  if (q) filters.push(or(ilike(users.name, likePattern(q)), ilike(users.email, likePattern(q)))!);
  if (role) filters.push(eq(users.role, role));
  if (status) filters.push(eq(users.active, status === 'active'));
  if (missing) {
    filters.push(eq(users.role, 'learner'));
    filters.push(
      notExists(
        missing === 'modules'
          ? db
              .select({ one: sql`1` })
              .from(enrolments)
              .where(eq(enrolments.learnerId, users.id))
          : db
              .select({ one: sql`1` })
              .from(staffAssignments)
              .where(and(eq(staffAssignments.learnerId, users.id), eq(staffAssignments.staffRole, missing))),
      ),
    );
  }
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [{ n }]] = await Promise.all([
    db
      .select(accountColumns)
      .from(users)
      .where(where)
      .orderBy(asc(sql`lower(${users.name})`), asc(users.email))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: n, page, pageCount: Math.max(1, Math.ceil(n / PAGE_SIZE)) };
}

export interface CreatedAccount {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** Only when the portal generated it: shown to the administrator once, never stored in clear. */
  generatedPassword?: string;
}

export async function createAccount(
  actor: Actor,
  data: z.output<typeof createAccountInput>,
  db: DbOrTx = getDb(),
): Promise<CreatedAccount> {
  authorizeAdmin(actor);
  const generatedPassword = data.password ? undefined : generatePassword();
  // Hashing is slow on purpose; do it before the transaction so it holds no locks meanwhile.
  const passwordHash = await hashPassword(data.password ?? generatedPassword!);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ name: data.name, email: data.email, role: data.role, passwordHash, mustChangePassword: true })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!row)
      throw new ValidationError(`There is already an account for ${data.email}.`, {
        email: `There is already an account for ${data.email}.`,
      });
    await audit(tx, {
      actorId: actor.id,
      action: 'account.create',
      subjectType: 'user',
      subjectId: row.id,
      learnerId: data.role === 'learner' ? row.id : null,
      after: { name: data.name, email: data.email, role: data.role, passwordGenerated: Boolean(generatedPassword) },
    });
    return { id: row.id, name: data.name, email: data.email, role: data.role, generatedPassword };
  });
}

/**
 * Disabling takes effect on the user's next request: getCurrentUser re-reads `active` every time, and the trigger in
 * db/sql/009_sessions.sql ends every session, so enabling the account again does not bring old sessions back.
 */
export async function setAccountActive(
  actor: Actor,
  input: z.output<typeof setActiveInput>,
  db: DbOrTx = getDb(),
): Promise<{ active: boolean }> {
  authorizeAdmin(actor);
  const { userId, active } = input;
  if (userId === actor.id && !active)
    throw new ValidationError('You cannot disable your own account. Ask another administrator.');
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ active: users.active, role: users.role })
      .from(users)
      .where(eq(users.id, userId))
      .for('update');
    if (!before) throw new NotFoundError('That account does not exist.');
    if (before.active === active) return { active };
    if (active) await refuseIfErased(tx, userId);
    await tx.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, userId));
    await audit(tx, {
      actorId: actor.id,
      action: active ? 'account.enable' : 'account.disable',
      subjectType: 'user',
      subjectId: userId,
      learnerId: before.role === 'learner' ? userId : null,
      before: { active: before.active },
      after: { active },
    });
    return { active };
  });
}

export async function resetPassword(
  actor: Actor,
  data: z.output<typeof resetPasswordInput>,
  db: DbOrTx = getDb(),
): Promise<{ generatedPassword?: string }> {
  authorizeAdmin(actor);
  const generatedPassword = data.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(data.password ?? generatedPassword!);
  return db.transaction(async (tx) => {
    await refuseIfErased(tx, data.userId);
    // The new password is one the holder has to replace; the trigger in db/sql/009_sessions.sql ends their sessions.
    const [row] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, updatedAt: new Date() })
      .where(eq(users.id, data.userId))
      .returning({ role: users.role });
    if (!row) throw new NotFoundError('That account does not exist.');
    // The hash is never written to the audit log, only that the password changed.
    await audit(tx, {
      actorId: actor.id,
      action: 'account.reset_password',
      subjectType: 'user',
      subjectId: data.userId,
      learnerId: row.role === 'learner' ? data.userId : null,
      after: { passwordGenerated: Boolean(generatedPassword) },
    });
    return { generatedPassword };
  });
}

export interface AccountDetail extends AccountRow {
  cohorts: { id: string; name: string }[];
  /** For a learner: their assessors and coaches. */
  staff: { id: string; name: string; email: string; role: 'assessor' | 'coach'; active: boolean }[];
  modules: string[];
  /** For staff: how many learners they assess or coach. */
  learnerCount: number;
}

export async function getAccount(actor: Actor, userId: string, db: DbOrTx = getDb()): Promise<AccountDetail> {
  authorizeAdmin(actor);
  const [user] = await db.select(accountColumns).from(users).where(eq(users.id, userId));
  if (!user) throw new NotFoundError('That account does not exist.');
  const [memberOf, staff, modules, [{ n }]] = await Promise.all([
    db
      .select({ id: cohorts.id, name: cohorts.name })
      .from(cohortMembers)
      .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
      .where(eq(cohortMembers.learnerId, userId))
      .orderBy(asc(cohorts.name)),
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: staffAssignments.staffRole,
        active: users.active,
      })
      .from(staffAssignments)
      .innerJoin(users, eq(users.id, staffAssignments.staffId))
      .where(eq(staffAssignments.learnerId, userId))
      .orderBy(asc(staffAssignments.staffRole), asc(users.name)),
    db
      .select({ slug: enrolments.moduleSlug })
      .from(enrolments)
      .where(eq(enrolments.learnerId, userId))
      .orderBy(asc(enrolments.enrolledAt)),
    db.select({ n: count() }).from(staffAssignments).where(eq(staffAssignments.staffId, userId)),
  ]);
  return { ...user, cohorts: memberOf, staff, modules: modules.map((m) => m.slug), learnerCount: n };
}

/** Active assessors and coaches, for the "assign" pickers. */
export async function listStaff(actor: Actor, db: DbOrTx = getDb()) {
  authorizeAdmin(actor);
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(or(eq(users.role, 'assessor'), eq(users.role, 'coach')), eq(users.active, true)))
    .orderBy(asc(users.role), asc(users.name)) as Promise<
    { id: string; name: string; email: string; role: 'assessor' | 'coach' }[]
  >;
}

/** Learners matching a search, for the "add to cohort" picker. */
export async function searchLearners(actor: Actor, q: string, db: DbOrTx = getDb(), limit = 50) {
  authorizeAdmin(actor);
  const filters: SQL[] = [eq(users.role, 'learner')];
  if (q.trim()) filters.push(or(ilike(users.name, likePattern(q.trim())), ilike(users.email, likePattern(q.trim())))!);
  return db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active })
    .from(users)
    .where(and(...filters))
    .orderBy(asc(users.name))
    .limit(limit);
}
