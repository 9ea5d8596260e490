import crypto from 'node:crypto';
import { jwtDecrypt, type JWTPayload } from 'jose';

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
