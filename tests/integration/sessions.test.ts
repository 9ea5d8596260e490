import crypto from 'node:crypto';
import argon2 from 'argon2';
import { eq } from 'drizzle-orm';
import type { JWT } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, endedSessions, users } from '@/db/schema';
import { endAllSessions } from '@/lib/auth/account';
import { authenticate } from '@/lib/auth/credentials';
import { authOptions } from '@/lib/auth/options';
import { verifyPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-policy';
import { endSession, userForClaims } from '@/lib/auth/session';
import { SESSION_ABSOLUTE_SECONDS, sessionClaims } from '@/lib/auth/session-token';
import { ValidationError } from '@/lib/errors';
import { useTestDatabase } from '../helpers/db';
import { makeUser } from '../helpers/fixtures';
import { changeOwnPassword, commitImport, resetPassword, setAccountActive } from '../helpers/admin';

useTestDatabase();

const PASSWORD = 'correct horse battery staple';
let hash: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= 'integration-test-secret-integration-test-secret';
  hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1 });
});

const now = () => Math.floor(Date.now() / 1000);
const versionOf = async (id: string) => (await getDb().select().from(users).where(eq(users.id, id)))[0]!;
const claimsFor = (
  id: string,
  sessionVersion: number,
  signedInAt = now(),
  sessionId: string = crypto.randomUUID(),
) => ({ userId: id, sessionId, sessionVersion, signedInAt });

/** What next-auth's jwt callback does with a session on every later read of it (/api/auth/session). */
async function refresh(token: JWT) {
  const jwt = authOptions().callbacks!.jwt!;
  return (jwt({ token, user: undefined as never, account: null } as never) as Promise<JWT>).then(
    (t) => t,
    (e: Error) => e.name,
  );
}

describe('session revocation', () => {
  it('a session is the account\u2019s only while its version is current and the account active', async () => {
    const u = await makeUser('learner', undefined, hash);
    expect(await userForClaims(claimsFor(u.id, 0))).toMatchObject({ id: u.id, mustChangePassword: false });
    expect(await userForClaims(claimsFor(u.id, 1))).toBeNull();
    await getDb().update(users).set({ active: false }).where(eq(users.id, u.id));
    expect(await userForClaims(claimsFor(u.id, 0))).toBeNull();
    expect(await userForClaims(claimsFor(u.id, 1))).toBeNull();
  });

  it('the database ends every session when the password, the role or the active flag changes, and not otherwise', async () => {
    const admin = await makeUser('admin');
    const u = await makeUser('learner', undefined, hash);
    await getDb().update(users).set({ name: 'Renamed' }).where(eq(users.id, u.id));
    expect((await versionOf(u.id)).sessionVersion).toBe(0);
    await resetPassword(admin, { userId: u.id, password: 'a brand new passphrase' });
    expect(await versionOf(u.id)).toMatchObject({ sessionVersion: 1, mustChangePassword: true });
    await getDb().update(users).set({ role: 'coach' }).where(eq(users.id, u.id));
    expect((await versionOf(u.id)).sessionVersion).toBe(2);
    await setAccountActive(admin, { userId: u.id, active: false });
    expect((await versionOf(u.id)).sessionVersion).toBe(3);
    // Enabling the account again does not bring its old sessions back.
    await setAccountActive(admin, { userId: u.id, active: true });
    expect((await versionOf(u.id)).sessionVersion).toBe(3);
    expect(await userForClaims(claimsFor(u.id, 2))).toBeNull();
  });

  it('sign out everywhere ends every session and is audited', async () => {
    const u = await makeUser('learner', undefined, hash);
    await endAllSessions({ ...u, mustChangePassword: false });
    expect(await userForClaims(claimsFor(u.id, 0))).toBeNull();
    expect(await userForClaims(claimsFor(u.id, 1))).not.toBeNull();
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, u.id));
    expect(entries.map((e) => e.action)).toContain('account.end_sessions');
  });

  it('signing out ends that session alone, for good: a copy of its cookie is refused, the account\u2019s other sessions go on', async () => {
    const u = await makeUser('learner', undefined, hash);
    const here = claimsFor(u.id, 0);
    const elsewhere = claimsFor(u.id, 0);
    const signOut = authOptions().events!.signOut!;
    await signOut({
      token: { uid: u.id, sid: here.sessionId, sv: 0, sat: here.signedInAt },
      session: undefined as never,
    });
    expect(await userForClaims(here)).toBeNull();
    expect(await userForClaims(elsewhere)).toMatchObject({ id: u.id });
    expect(await refresh({ uid: u.id, sid: here.sessionId, role: 'learner', sv: 0, sat: here.signedInAt })).toBe(
      'SessionEnded',
    );
    // Signing out twice (two tabs) is no error.
    await endSession(here);
  });

  it('remembers a signed-out session only while it could still be presented', async () => {
    const u = await makeUser('learner', undefined, hash);
    const old = claimsFor(u.id, 0, now() - SESSION_ABSOLUTE_SECONDS - 3600);
    await endSession(old);
    const recent = claimsFor(u.id, 0);
    await endSession(recent);
    const kept = (await getDb().select().from(endedSessions).where(eq(endedSessions.userId, u.id))).map(
      (r) => r.sessionId,
    );
    expect(kept).toEqual([recent.sessionId]);
  });

  it('a session ends 12 hours after sign-in however often it was refreshed, and a cookie without the claims is none', () => {
    const uid = '00000000-0000-4000-8000-000000000001';
    const sid = '00000000-0000-4000-8000-0000000000ff';
    expect(sessionClaims({ uid, sid, sv: 0, sat: now() - SESSION_ABSOLUTE_SECONDS + 60 })).not.toBeNull();
    expect(sessionClaims({ uid, sid, sv: 0, sat: now() - SESSION_ABSOLUTE_SECONDS - 1 })).toBeNull();
    expect(sessionClaims({ uid, sid, sv: 0 })).toBeNull();
    expect(sessionClaims({ uid, sid, sat: now() })).toBeNull();
    expect(sessionClaims({ uid, sv: 0, sat: now() })).toBeNull();
    expect(sessionClaims({ uid, sid: 'not-a-uuid', sv: 0, sat: now() })).toBeNull();
    expect(sessionClaims({ uid: 'not-a-uuid', sid, sv: 0, sat: now() })).toBeNull();
  });

  it('next-auth\u2019s refresh (/api/auth/session) ends a revoked, disabled or too old session instead of renewing it', async () => {
    const u = await makeUser('learner', undefined, hash);
    const token = {
      uid: u.id,
      sid: crypto.randomUUID(),
      role: 'learner',
      name: u.name,
      email: u.email,
      sv: 0,
      sat: now(),
    };
    expect(await refresh({ ...token })).toMatchObject({ uid: u.id, sv: 0 });
    expect(await refresh({ ...token, sat: now() - SESSION_ABSOLUTE_SECONDS - 5 })).toBe('SessionEnded');
    expect(await refresh({ ...token, sv: undefined })).toBe('SessionEnded');
    await getDb().update(users).set({ active: false }).where(eq(users.id, u.id));
    expect(await refresh({ ...token, sv: 1 })).toBe('SessionEnded');
  });

  it('sign-in puts the account\u2019s session version and the sign-in time in the new session', async () => {
    const u = await makeUser('learner', undefined, hash);
    await getDb().update(users).set({ sessionVersion: 4 }).where(eq(users.id, u.id));
    const signedIn = await authenticate({ email: u.email, password: PASSWORD }, '10.3.3.3');
    const jwt = authOptions().callbacks!.jwt!;
    const token = await jwt({ token: {}, user: signedIn, account: { provider: 'credentials' } } as never);
    expect(token).toMatchObject({ uid: u.id, sv: 4, sid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(Math.abs((token.sat as number) - now())).toBeLessThan(5);
  });
});

describe('passwords', () => {
  it('refuses short and common passwords, and common words padded with digits, with a clear message', () => {
    expect(passwordProblem('short')).toMatch(/at least 12 characters/);
    expect(passwordProblem('1qaz2wsx3edc')).toMatch(/too common/);
    expect(passwordProblem('Sunshine2024!!')).toMatch(/too common/);
    expect(passwordProblem('iloveyou123456')).toMatch(/too common/);
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/too common/);
    expect(passwordProblem('amira.khan.2024', { email: 'amira.khan@example.org' })).toMatch(/email/);
    expect(passwordProblem('violet tram under 9 bridges')).toBeNull();
  });

  it('a password an administrator sets, or a CSV import makes, must be changed by its holder', async () => {
    const admin = await makeUser('admin');
    const u = await makeUser('learner', undefined, hash);
    await resetPassword(admin, { userId: u.id });
    expect((await versionOf(u.id)).mustChangePassword).toBe(true);
    await expect(resetPassword(admin, { userId: u.id, password: 'password1234' })).rejects.toThrow(/too common/);
    const imported = await commitImport(admin, { csv: 'name,email\nImra Imported,imra.imported@example.org' });
    const [row] = await getDb().select().from(users).where(eq(users.email, 'imra.imported@example.org'));
    expect(imported.created).toHaveLength(1);
    expect(row!.mustChangePassword).toBe(true);
  });

  it('the holder changes it: current password required, rules applied, argon2id, flag cleared, other sessions ended', async () => {
    const u = await makeUser('learner', undefined, hash);
    await getDb().update(users).set({ mustChangePassword: true }).where(eq(users.id, u.id));
    const me = { ...u, mustChangePassword: true };
    const change = (current: string, next: string, confirm = next) =>
      changeOwnPassword(me, { current, next, confirm }, '10.4.4.4');
    await expect(change('wrong password', 'violet tram under 9 bridges')).rejects.toThrow(
      'That is not your current password.',
    );
    await expect(change(PASSWORD, 'password123456')).rejects.toThrow(/too common/);
    await expect(change(PASSWORD, 'violet tram under 9 bridges', 'violet tram under 8 bridges')).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await versionOf(u.id)).sessionVersion).toBe(0);

    const { sessionVersion } = await change(PASSWORD, 'violet tram under 9 bridges');
    const row = await versionOf(u.id);
    expect(row).toMatchObject({ sessionVersion: 1, mustChangePassword: false });
    expect(sessionVersion).toBe(1);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash!, 'violet tram under 9 bridges')).toBe(true);
    expect(await userForClaims(claimsFor(u.id, 0))).toBeNull();
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, u.id));
    expect(entries.map((e) => e.action)).toContain('account.change_password');
    expect(JSON.stringify(entries)).not.toContain('violet');
  });
});
