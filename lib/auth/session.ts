import 'server-only';
import { and, eq, notExists, sql } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { endedSessions, users, type Role } from '@/db/schema';
import { env } from '@/lib/env';
import { ACCESS, accountOpenNow, type Capability } from '@/lib/permissions';
import { decodeSessionToken, SESSION_ABSOLUTE_SECONDS, sessionClaims, type SessionClaims } from './session-token';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The password was set by someone else: nothing but changing it is allowed until it is (requireUser, validatedAction). */
  mustChangePassword: boolean;
}

/** next-auth's name for the session cookie (the __Secure- prefix when the portal is served over https). */
export function sessionCookieName(): string {
  return (process.env.NEXTAUTH_URL ?? '').startsWith('https://')
    ? '__Secure-next-auth.session-token'
    : 'next-auth.session-token';
}

/**
 * The claims in the session cookie: user id, session version, within the absolute lifetime. Reads the JWT directly
 * instead of through getServerSession, which also re-encodes a refreshed token that a server component cannot set
 * anyway: half the crypto on every request. Says nothing about whether that account still exists, is active, or
 * still has that session version: getCurrentUser (or the one statement of a quick autosave) checks that.
 */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  const store = await cookies();
  const name = sessionCookieName();
  let token = store.get(name)?.value;
  if (!token) {
    // next-auth splits a token larger than a cookie into name.0, name.1, ...
    const chunks = store.getAll().filter((c) => c.name.startsWith(`${name}.`));
    chunks.sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    token = chunks.map((c) => c.value).join('') || undefined;
  }
  if (!token) return null;
  try {
    return sessionClaims(await decodeSessionToken(token, env().NEXTAUTH_SECRET));
  } catch {
    // Expired, tampered with, or signed with another secret: not signed in.
    return null;
  }
}

/** The SQL condition "this session was not signed out on its own" (for statements that check a session inline). */
export function sessionNotEnded(claims: SessionClaims) {
  return notExists(
    getDb()
      .select({ one: sql`1` })
      .from(endedSessions)
      .where(eq(endedSessions.sessionId, claims.sessionId)),
  );
}

/**
 * The account a session's claims stand for, if it is active, the session was not ended since, and the account may be
 * used now (an external quality assurer's only during their visit: lib/permissions.ts, accountOpenNow).
 */
export async function userForClaims(claims: SessionClaims): Promise<SessionUser | null> {
  const [user] = await getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(
      and(
        eq(users.id, claims.userId),
        eq(users.active, true),
        eq(users.sessionVersion, claims.sessionVersion),
        sessionNotEnded(claims),
        accountOpenNow(users.id, users.role),
      ),
    );
  return user ?? null;
}

/**
 * Ends one session ("Sign out"): its id is remembered until the session would have ended anyway, and rows past that
 * are removed on the way, so the table holds only sessions that could still be presented.
 */
export async function endSession(claims: SessionClaims): Promise<void> {
  const db = getDb();
  await db.delete(endedSessions).where(sql`${endedSessions.forgetAfter} < now()`);
  await db
    .insert(endedSessions)
    .values({
      sessionId: claims.sessionId,
      userId: claims.userId,
      // A minute beyond the lifetime, for the clock tolerance the cookie is read with.
      forgetAfter: new Date((claims.signedInAt + SESSION_ABSOLUTE_SECONDS + 60) * 1000),
    })
    .onConflictDoNothing();
}

/**
 * The signed-in user, re-read from the database on every request: a disabled account, a changed role or a session
 * ended elsewhere (its version bumped) takes effect at once, whatever the session cookie still says.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await readSessionClaims();
  return claims ? userForClaims(claims) : null;
});

const CHANGE_PASSWORD_PATH = '/account';

/**
 * For pages: sends anonymous visitors to sign in, someone whose password was set for them to change it, and refuses
 * roles not listed with a 403 page.
 */
export async function requireUser(...roles: Role[]): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/signin');
  if (user.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  if (roles.length && !roles.includes(user.role)) forbidden();
  return user;
}

/** For pages: requireUser with the roles ACCESS gives the capability (lib/permissions.ts), so no page lists roles. */
export async function requireAccess(capability: Capability): Promise<SessionUser> {
  return requireUser(...ACCESS[capability]);
}

/** For the pages that change the password: any signed-in user, flagged or not. */
export async function requireSignedIn(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/signin');
  return user;
}

export const HOME_BY_ROLE: Record<Role, string> = {
  learner: '/learner',
  assessor: '/assessor',
  coach: '/coach',
  admin: '/admin',
  // An external quality assurer's visit: the samples shared with it.
  eqa: '/eqa',
};
