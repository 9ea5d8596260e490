import 'server-only';
import { and, eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { users, type Role } from '@/db/schema';
import { env } from '@/lib/env';
import { decodeSessionToken } from './session-token';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The user id in the session cookie. Reads the JWT directly instead of through getServerSession, which also
 * re-encodes a refreshed token that a server component cannot set anyway: half the crypto on every request.
 * Says nothing about whether that account still exists or may do anything: getCurrentUser reads it.
 */
export async function sessionUserId(): Promise<string | null> {
  const store = await cookies();
  const name = (process.env.NEXTAUTH_URL ?? '').startsWith('https://') ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
  let token = store.get(name)?.value;
  if (!token) {
    // next-auth splits a token larger than a cookie into name.0, name.1, ...
    const chunks = store.getAll().filter((c) => c.name.startsWith(`${name}.`));
    chunks.sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    token = chunks.map((c) => c.value).join('') || undefined;
  }
  if (!token) return null;
  try {
    const payload = await decodeSessionToken(token, env().NEXTAUTH_SECRET);
    // Only something shaped like a user id goes near a query (the column is a uuid).
    return typeof payload.uid === 'string' && /^[0-9a-f-]{36}$/i.test(payload.uid) ? payload.uid : null;
  } catch {
    // Expired, tampered with, or signed with another secret: not signed in.
    return null;
  }
}

/**
 * The signed-in user, re-read from the database on every request: a disabled account or a changed role
 * takes effect at once, whatever the session cookie still says.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const id = await sessionUserId();
  if (!id) return null;
  const [user] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)));
  return user ?? null;
});

/** For pages: sends anonymous visitors to sign in, and refuses roles not listed with a 403 page. */
export async function requireUser(...roles: Role[]): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/signin');
  if (roles.length && !roles.includes(user.role)) forbidden();
  return user;
}

export const HOME_BY_ROLE: Record<Role, string> = {
  learner: '/learner',
  assessor: '/assessor',
  coach: '/coach',
  admin: '/admin',
};
