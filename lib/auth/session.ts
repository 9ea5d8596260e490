import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { users, type Role } from '@/db/schema';
import { authOptions } from './options';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The signed-in user, re-read from the database on every request: a disabled account or a changed role
 * takes effect at once, whatever the session cookie still says.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  // Reading the request first marks every page that asks for the user as dynamic (never prerendered).
  await headers();
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
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
