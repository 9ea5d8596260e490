import 'server-only';
import { encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { env } from '@/lib/env';
import { SESSION_MAX_AGE_SECONDS } from './options';
import { readSessionClaims, sessionCookieName, type SessionUser } from './session';

/**
 * Re-issues this browser's session cookie under the account's new session version, keeping its sign-in time (the
 * absolute lifetime still counts from the sign-in), in the format next-auth writes and reads (next-auth/jwt).
 */
export async function continueSession(user: SessionUser, sessionVersion: number) {
  const claims = await readSessionClaims();
  if (!claims) return;
  const token = await encode({
    secret: env().NEXTAUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
    token: {
      uid: user.id,
      sid: claims.sessionId,
      role: user.role,
      name: user.name,
      email: user.email,
      sv: sessionVersion,
      sat: claims.signedInAt,
    },
  });
  (await cookies()).set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: sessionCookieName().startsWith('__Secure-'),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/** Forgets this browser's session (its account's sessions were all ended). */
export async function clearSessionCookie() {
  (await cookies()).delete(sessionCookieName());
}
