import { z } from 'zod';

/**
 * The shapes of the record signing keys as configured (RECORD_SIGNING_KEY, RECORD_RETIRED_KEYS): Ed25519 JWKs
 * (RFC 8037). Kept free of other imports so lib/env.ts can check them at start-up.
 */
const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');
const publicJwk = z.object({
  kty: z.literal('OKP', 'must be an OKP key (Ed25519)'),
  crv: z.literal('Ed25519', 'must be an Ed25519 key'),
  x: base64url,
  kid: z.string().min(1).optional(),
});
const privateJwk = publicJwk.extend({ d: base64url });

export type PublicJwk = z.infer<typeof publicJwk>;
export type PrivateJwk = z.infer<typeof privateJwk>;

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name} must be JSON (a JWK)`);
  }
}

function fail(name: string, error: z.ZodError): never {
  throw new Error(`${name}: ${error.issues.map((i) => `${i.path.join('.') || 'key'} ${i.message}`).join('; ')}`);
}

/** RECORD_SIGNING_KEY: one private Ed25519 JWK. */
export function parsePrivateJwk(text: string, name = 'RECORD_SIGNING_KEY'): PrivateJwk {
  const result = privateJwk.safeParse(parseJson(text, name));
  if (!result.success) fail(name, result.error);
  return result.data;
}

/** RECORD_RETIRED_KEYS: a JWKS ({"keys": [...]}) or a bare array of public JWKs; private parts are dropped. */
export function parsePublicJwks(text: string, name = 'RECORD_RETIRED_KEYS'): PublicJwk[] {
  const value = parseJson(text, name);
  const list = Array.isArray(value) ? value : (value as { keys?: unknown } | null)?.keys;
  const result = z.array(publicJwk).safeParse(list);
  if (!result.success) fail(name, result.error);
  return result.data.map(({ kty, crv, x, kid }) => ({ kty, crv, x, ...(kid ? { kid } : {}) }));
}
