import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { signInAttempts } from '@/db/schema';

/**
 * Sign-in throttling, kept in the database so it holds when several app servers share the load.
 * Failures since the last success inside the window slow the next attempt down, then lock it out.
 */
export const THROTTLE = {
  windowMinutes: 15,
  slowAfter: 3,
  accountLimit: 8,
  addressLimit: 30,
  maxDelayMs: 4000,
};

// Advisory-lock namespaces (the two-key form, so they never collide with the migration lock's single key).
const LOCK_ACCOUNT = 17001;
const LOCK_ADDRESS = 17002;

interface ThrottleVerdict {
  blocked: boolean;
  delayMs: number;
  retryAfterMinutes: number;
}

/** A verdict, and when the attempt may go ahead, the id of the row that records it (as a failure until it succeeds). */
export interface Reservation extends ThrottleVerdict {
  attemptId: number | null;
}

async function recentFailures(
  db: DbOrTx,
  column: typeof signInAttempts.emailKey | typeof signInAttempts.ip,
  key: string,
) {
  const since = sql`now() - make_interval(mins => ${THROTTLE.windowMinutes})`;
  const lastSuccess = sql`coalesce((select max(s.at) from ${signInAttempts} s where s.${sql.identifier(column.name)} = ${key} and s.success), '-infinity'::timestamptz)`;
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(
      and(
        eq(column, key),
        eq(signInAttempts.success, false),
        gt(signInAttempts.at, since),
        gt(signInAttempts.at, lastSuccess),
      ),
    );
  return row?.n ?? 0;
}

async function checkThrottle(db: DbOrTx, emailKey: string, ip: string): Promise<ThrottleVerdict> {
  const byAccount = await recentFailures(db, signInAttempts.emailKey, emailKey);
  const byAddress = await recentFailures(db, signInAttempts.ip, ip);
  const blocked = byAccount >= THROTTLE.accountLimit || byAddress >= THROTTLE.addressLimit;
  const excess = Math.max(byAccount, byAddress) - THROTTLE.slowAfter + 1;
  const delayMs = excess > 0 ? Math.min(THROTTLE.maxDelayMs, 500 * 2 ** (excess - 1)) : 0;
  return { blocked, delayMs, retryAfterMinutes: THROTTLE.windowMinutes };
}

/**
 * Checks the limits and, unless blocked, records this attempt as a failure, in one short transaction holding a
 * lock per account and per address: parallel attempts queue here, each sees the ones before it, so no burst gets
 * more tries than the limit. The password is verified afterwards, outside the transaction (argon2 is slow and must
 * not hold a lock or a connection), and markSucceeded turns the row into a success. Until then a parallel attempt
 * counts it as a failure, which errs on the side of the limit.
 */
export async function reserveAttempt(db: Db, emailKey: string, ip: string): Promise<Reservation> {
  return db.transaction(async (tx) => {
    // Always account first, then address: every transaction takes them in the same order, so none deadlock.
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ACCOUNT}, hashtext(${emailKey}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ADDRESS}, hashtext(${ip}))`);
    const verdict = await checkThrottle(tx, emailKey, ip);
    if (verdict.blocked) return { ...verdict, attemptId: null };
    const [row] = await tx
      .insert(signInAttempts)
      .values({ emailKey, ip, success: false })
      .returning({ id: signInAttempts.id });
    return { ...verdict, attemptId: row!.id };
  });
}

export async function markSucceeded(db: DbOrTx, attemptId: number) {
  await db.update(signInAttempts).set({ success: true }).where(eq(signInAttempts.id, attemptId));
}
