import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { env, oidcEnabled } from '@/lib/env';
import { isPublicError } from '@/lib/errors';
import { CLIENT_ADDRESS_HEADER } from '@/lib/net/client-address.mjs';
import { authenticate, type AuthenticatedUser } from './credentials';
import { endSession, userForClaims } from './session';
import { sessionClaims } from './session-token';

/** Idle lifetime: each visit slides it on; SESSION_ABSOLUTE_SECONDS (session-token.ts) caps it from sign-in. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Thrown by the jwt callback for a session that is over: next-auth then answers `{}` and clears the cookie. */
class SessionEnded extends Error {
  constructor() {
    super('session ended');
    this.name = 'SessionEnded';
  }
}

/**
 * The address sign-in throttling counts against: set by scripts/server.mjs from the socket (and TRUSTED_PROXIES),
 * never read from X-Forwarded-For here, which the client writes. Under `next dev` it is absent: one shared bucket.
 */
function clientIp(headers: Record<string, unknown> | undefined): string {
  const address = headers?.[CLIENT_ADDRESS_HEADER];
  return typeof address === 'string' && address ? address : 'unknown';
}

function providers(): NextAuthOptions['providers'] {
  const list: NextAuthOptions['providers'] = [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        try {
          return await authenticate(credentials, clientIp(req?.headers as Record<string, unknown>));
        } catch (e) {
          // next-auth passes the message of a thrown Error back to the sign-in form.
          if (isPublicError(e)) throw new Error(e.message);
          console.error('sign-in failed', e);
          throw new Error('Sign-in is not available right now. Please try again in a minute.');
        }
      },
    }),
  ];
  const e = env();
  if (oidcEnabled(e)) {
    list.push({
      id: 'oidc',
      name: e.OIDC_NAME,
      type: 'oauth',
      wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      profile: (p: { sub: string; email?: string; name?: string }) => ({
        id: p.sub,
        email: p.email ?? null,
        name: p.name ?? null,
      }),
    });
  }
  return list;
}

async function activeUserByEmail(email: string) {
  const [user] = await getDb()
    .select()
    .from(users)
    .where(and(eq(users.email, email.toLowerCase()), eq(users.active, true)));
  return user;
}

/** The claims a new session starts with: who, which session, under which session version, signed in when (seconds). */
function newSession(u: { id: string; role: string; name: string; sessionVersion: number }) {
  return {
    uid: u.id,
    sid: crypto.randomUUID(),
    role: u.role,
    name: u.name,
    sv: u.sessionVersion,
    sat: Math.floor(Date.now() / 1000),
  };
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers: providers(),
    logger: {
      // A session that ended is an expected answer ({} and a cleared cookie), not an error to log.
      error: (code, metadata) => {
        if ((metadata as { name?: string } | undefined)?.name !== 'SessionEnded')
          console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
    events: {
      // "Sign out" ends this session for good, not only this browser's cookie: a copy of the cookie is refused too.
      async signOut({ token }) {
        const claims = token ? sessionClaims(token) : null;
        if (claims) await endSession(claims);
      },
    },
    callbacks: {
      // OpenID Connect only signs in people an administrator has already given an account.
      async signIn({ account, user }) {
        if (account?.provider !== 'oidc') return true;
        return Boolean(user.email && (await activeUserByEmail(user.email)));
      },
      async jwt({ token, user, account }) {
        if (account?.provider === 'oidc' && user?.email) {
          const dbUser = await activeUserByEmail(user.email);
          if (!dbUser) throw new SessionEnded();
          return Object.assign(token, newSession(dbUser));
        }
        if (user) return Object.assign(token, newSession(user as unknown as AuthenticatedUser));
        // Every later read of the session (/api/auth/session, which also slides the cookie's expiry on): the session
        // must still be one the account stands behind, or it ends here and its name and email are not given out.
        const claims = sessionClaims(token);
        const current = claims && (await userForClaims(claims));
        if (!current) throw new SessionEnded();
        return Object.assign(token, { role: current.role, name: current.name, email: current.email });
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.uid as string, role: token.role as string } };
      },
    },
  };
}
