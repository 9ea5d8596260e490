import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { users, type Role } from '@/db/schema';
import { TooManyRequestsError, ValidationError } from '@/lib/errors';
import { accountUsableNow } from '@/lib/permissions';
import { dummyPasswordHash, verifyPassword } from './password';
import { markSucceeded, reserveAttempt } from './throttle';

export const EQA_OUTSIDE_VISIT =
  'Your access as external quality assurer is open only during your visit. Ask the centre if the dates need to change.';

export const SIGN_IN_FAILED = 'That email and password do not match an account. Check them and try again.';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(200),
});

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Checks an email and password. Unknown accounts, disabled accounts and wrong passwords all get the same
 * message and take the same time, so the form cannot be used to find out who has an account.
 */
export async function authenticate(input: unknown, ip: string): Promise<AuthenticatedUser> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('Enter your email address and password.');
  const { email, password } = parsed.data;
  const db = getDb();

  const verdict = await reserveAttempt(db, email, ip);
  if (verdict.blocked || verdict.attemptId === null) {
    throw new TooManyRequestsError(
      `Too many failed sign-in attempts. Wait ${verdict.retryAfterMinutes} minutes and try again, or ask your administrator to reset your password.`,
      verdict.retryAfterMinutes * 60,
    );
  }
  if (verdict.delayMs) await sleep(verdict.delayMs);

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const success = Boolean(user && user.active && user.passwordHash && ok);
  if (success) await markSucceeded(db, verdict.attemptId);
  if (!success || !user) throw new ValidationError(SIGN_IN_FAILED);
  // Told only to someone who gave the right password: the account is an external quality assurer's, outside the visit.
  if (!(await accountUsableNow(user, db))) throw new ValidationError(EQA_OUTSIDE_VISIT);
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
