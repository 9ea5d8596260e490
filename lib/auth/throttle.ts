import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
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

export interface ThrottleVerdict {
  blocked: boolean;
  delayMs: number;
  retryAfterMinutes: number;
}

async function recentFailures(db: DbOrTx, column: typeof signInAttempts.emailKey | typeof signInAttempts.ip, key: string) {
  const since = sql`now() - make_interval(mins => ${THROTTLE.windowMinutes})`;
  const lastSuccess = sql`coalesce((select max(s.at) from ${signInAttempts} s where s.${sql.identifier(column.name)} = ${key} and s.success), '-infinity'::timestamptz)`;
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(column, key), eq(signInAttempts.success, false), gt(signInAttempts.at, since), gt(signInAttempts.at, lastSuccess)));
  return row?.n ?? 0;
}

export async function checkThrottle(db: DbOrTx, emailKey: string, ip: string): Promise<ThrottleVerdict> {
  const [byAccount, byAddress] = await Promise.all([
    recentFailures(db, signInAttempts.emailKey, emailKey),
    recentFailures(db, signInAttempts.ip, ip),
  ]);
  const blocked = byAccount >= THROTTLE.accountLimit || byAddress >= THROTTLE.addressLimit;
  const excess = Math.max(byAccount, byAddress) - THROTTLE.slowAfter + 1;
  const delayMs = excess > 0 ? Math.min(THROTTLE.maxDelayMs, 500 * 2 ** (excess - 1)) : 0;
  return { blocked, delayMs, retryAfterMinutes: THROTTLE.windowMinutes };
}

export async function recordAttempt(db: DbOrTx, emailKey: string, ip: string, success: boolean) {
  await db.insert(signInAttempts).values({ emailKey, ip, success });
}
