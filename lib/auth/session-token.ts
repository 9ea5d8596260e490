import crypto from 'node:crypto';
import { jwtDecrypt, type JWTPayload } from 'jose';
import { isUuid } from '@/lib/ids';

const keys = new Map<string, Uint8Array>();

/**
 * Reads next-auth's session cookie: a JWE (dir, A256GCM) under a key derived from the secret with HKDF, exactly as
 * next-auth/jwt's decode does (same info string, empty salt, 15 s clock tolerance; jose is the library next-auth uses).
 * The difference: the key is derived once per secret, not on every request. The derivation was the largest single
 * cost of a signed-in request under load (tests/bench/autosave-load.bench.ts). Throws on a bad or expired token.
 */
export async function decodeSessionToken(token: string, secret: string): Promise<JWTPayload> {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(crypto.hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32));
    keys.set(secret, key);
  }
  const { payload } = await jwtDecrypt(token, key, { clockTolerance: 15 });
  return payload;
}

/** However often the cookie is refreshed, a session ends this long after its sign-in (the `sat` claim). */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

export interface SessionClaims {
  userId: string;
  /** This session's own id, the same across refreshes: signing out ends it alone (the ended_sessions table). */
  sessionId: string;
  /** The account's session version when this session began; a session under an older one is over. */
  sessionVersion: number;
  /** When the person signed in (seconds since 1970): the absolute lifetime counts from here. */
  signedInAt: number;
}

/**
 * What a decoded session cookie vouches for, or null: a well-formed user id and session id, the session version, and a sign-in time less than SESSION_ABSOLUTE_SECONDS ago. A cookie without
 * them (issued before they existed) is not a session. Says nothing about the account: the database answers that.
 */
export function sessionClaims(payload: JWTPayload, nowMs = Date.now()): SessionClaims | null {
  const { uid, sid, sv, sat } = payload;
  // Only something shaped like a uuid goes near a query (the columns are uuids).
  if (!isUuid(uid) || !isUuid(sid)) return null;
  if (typeof sv !== 'number' || !Number.isInteger(sv) || typeof sat !== 'number') return null;
  const age = nowMs / 1000 - sat;
  if (!(age < SESSION_ABSOLUTE_SECONDS && age > -60)) return null;
  return { userId: uid, sessionId: sid, sessionVersion: sv, signedInAt: sat };
}
