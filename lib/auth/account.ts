import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { TooManyRequestsError, ValidationError } from '@/lib/errors';
import { hashPassword, verifyPassword } from './password';
import { passwordProblem } from './password-policy';
import type { SessionUser } from './session';
import { markSucceeded, reserveAttempt } from './throttle';

export const changePasswordInput = z.object({
  current: z.string().min(1, 'Enter your current password.').max(200, 'That is not your current password.'),
  next: z.string().max(1000),
  confirm: z.string().max(1000),
});

/**
 * The signed-in person replaces their password. The current one is required (a borrowed, unlocked screen is not
 * enough) and counts against the same sign-in throttle, so this form cannot be used to guess it. The new one must
 * pass the password rules. Every other session of the account ends (the session version moves on, in the trigger of
 * db/sql/009_sessions.sql); the caller carries this one on under the returned version (continueSession).
 */
export async function changeOwnPassword(
  user: SessionUser,
  data: z.output<typeof changePasswordInput>,
  ip: string,
): Promise<{ sessionVersion: number }> {
  const problem = passwordProblem(data.next, { email: user.email });
  if (problem) throw new ValidationError(problem, { next: problem });
  if (data.next !== data.confirm)
    throw new ValidationError('The two new passwords are not the same.', {
      confirm: 'Type the same new password twice.',
    });
  if (data.next === data.current)
    throw new ValidationError('Choose a password different from the current one.', {
      next: 'Choose a password different from the current one.',
    });

  const db = getDb();
  const attempt = await reserveAttempt(db, user.email, ip);
  if (attempt.blocked || attempt.attemptId === null) {
    throw new TooManyRequestsError(
      `Too many wrong passwords. Wait ${attempt.retryAfterMinutes} minutes and try again.`,
      attempt.retryAfterMinutes * 60,
    );
  }
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, data.current))) {
    throw new ValidationError('That is not your current password.', { current: 'That is not your current password.' });
  }
  await markSucceeded(db, attempt.attemptId);
  const passwordHash = await hashPassword(data.next);
  const sessionVersion = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(users.id, user.id))
      .returning({ sessionVersion: users.sessionVersion });
    await audit(tx, {
      actorId: user.id,
      action: 'account.change_password',
      subjectType: 'user',
      subjectId: user.id,
      learnerId: user.role === 'learner' ? user.id : null,
      after: { otherSessionsEnded: true },
    });
    return updated!.sessionVersion;
  });
  return { sessionVersion };
}

/** Ends every session of the account, this one included (after a lost device, a shared computer). */
export async function endAllSessions(user: SessionUser): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    await audit(tx, {
      actorId: user.id,
      action: 'account.end_sessions',
      subjectType: 'user',
      subjectId: user.id,
      learnerId: user.role === 'learner' ? user.id : null,
    });
  });
}
