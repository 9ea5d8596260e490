import fs from 'node:fs';
import path from 'node:path';
import {
  calculateJwkThumbprint,
  CompactSign,
  compactVerify,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type KeyLike,
} from 'jose';
import { parsePrivateJwk, parsePublicJwks, type PrivateJwk, type PublicJwk } from './jwk';

/**
 * The record signing keys (Ed25519), in one place for everything Criterion signs: audit-chain seals now, exports and
 * badges later. Where the key comes from:
 * - RECORD_SIGNING_KEY (a private JWK) when set, with RECORD_RETIRED_KEYS (public JWKs of earlier keys) beside it;
 * - otherwise, for the embedded database only, a key generated once into the data folder (beside PGLITE_DIR and
 *   UPLOAD_DIR), `record-signing-keys.json`, which also keeps the retired keys when the key is rotated;
 * - with DATABASE_URL and no RECORD_SIGNING_KEY, signing is refused: a server's key must be chosen and backed up by
 *   whoever runs it, not left on one machine's disk.
 * Verifiers find every key, current and retired, at /.well-known/criterion-keys.json.
 */

const ALG = 'EdDSA';

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: PublishedJwk;
}

export interface PublishedJwk extends JWK {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

interface KeyFile {
  current: PrivateJwk;
  retired: PublicJwk[];
}

export class SigningKeyMissing extends Error {}

async function publish(jwk: PublicJwk): Promise<PublishedJwk> {
  const { kty, crv, x } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint({ kty, crv, x }, 'sha256'));
  return { kty, crv, x, kid, alg: ALG, use: 'sig' };
}

/** A fresh private JWK, its kid the RFC 7638 thumbprint (`npm run -s audit -- keygen`). */
export async function generatePrivateJwk(): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');
  return parsePrivateJwk(JSON.stringify({ ...jwk, kid }));
}

/** The embedded database's data folder: where PGLITE_DIR lives (by default .data). */
function keyFilePath(): string {
  const pgliteDir = path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DIR || '.data/pglite');
  return path.join(path.dirname(pgliteDir), 'record-signing-keys.json');
}

function readKeyFile(file: string): KeyFile {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { current?: unknown; retired?: unknown };
  return {
    current: parsePrivateJwk(JSON.stringify(raw.current), file),
    retired: parsePublicJwks(JSON.stringify(raw.retired ?? []), file),
  };
}

function writeKeyFile(file: string, keys: KeyFile, flag: 'wx' | 'w'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600, flag });
}

async function loadKeyFile(): Promise<KeyFile> {
  const file = keyFilePath();
  if (fs.existsSync(file)) return readKeyFile(file);
  try {
    writeKeyFile(file, { current: await generatePrivateJwk(), retired: [] }, 'wx');
  } catch (e) {
    // Another process wrote it first: theirs is the key.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return readKeyFile(file);
}

async function configured(): Promise<KeyFile> {
  const secret = process.env.RECORD_SIGNING_KEY;
  if (secret) {
    return {
      current: parsePrivateJwk(secret),
      retired: process.env.RECORD_RETIRED_KEYS ? parsePublicJwks(process.env.RECORD_RETIRED_KEYS) : [],
    };
  }
  if (process.env.DATABASE_URL) {
    throw new SigningKeyMissing(
      'RECORD_SIGNING_KEY is not set: with DATABASE_URL the record signing key must be configured ' +
        '(make one with `npm run -s audit -- keygen`; keep it as secret as NEXTAUTH_SECRET)',
    );
  }
  return loadKeyFile();
}

const cache = globalThis as unknown as {
  __criterionRecordKeys?: Promise<{ signing: SigningKey; jwks: PublishedJwk[] }>;
};

async function load(): Promise<{ signing: SigningKey; jwks: PublishedJwk[] }> {
  const { current, retired } = await configured();
  const publicJwk = await publish(current);
  const privateKey = (await importJWK({ ...current, kid: undefined }, ALG)) as KeyLike;
  const retiredJwks = await Promise.all(retired.map(publish));
  return {
    signing: { kid: publicJwk.kid, privateKey, publicJwk },
    jwks: [publicJwk, ...retiredJwks.filter((k) => k.kid !== publicJwk.kid)],
  };
}

function keys() {
  const pending = (cache.__criterionRecordKeys ??= load());
  // A failed load (key missing or malformed) is retried next time rather than remembered.
  pending.catch(() => {
    if (cache.__criterionRecordKeys === pending) cache.__criterionRecordKeys = undefined;
  });
  return pending;
}

/** Forget the loaded keys (tests that change the configuration; the key rotation command). */
export function resetRecordKeys(): void {
  cache.__criterionRecordKeys = undefined;
}

async function signingKey(): Promise<SigningKey> {
  return (await keys()).signing;
}

/** Every public key a signature of this Criterion may carry: the current key first, then the retired ones. */
export async function publishedKeys(): Promise<{ keys: PublishedJwk[] }> {
  return { keys: (await keys()).jwks };
}

/** A compact JWS over the JSON of `payload`, signed with the current key; `typ` says what it is. */
export async function signJson(payload: object, typ: string): Promise<string> {
  const key = await signingKey();
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ })
    .sign(key.privateKey);
}

/**
 * A detached compact JWS (RFC 7515 appendix F: `header..signature`) over `bytes`, signed with the current key: the
 * signed bytes travel beside it (a record's manifest.json), so the signature covers them exactly as stored.
 */
export async function signDetached(bytes: Uint8Array, typ: string): Promise<string> {
  const key = await signingKey();
  const [header, , signature] = (
    await new CompactSign(bytes).setProtectedHeader({ alg: ALG, kid: key.kid, typ }).sign(key.privateKey)
  ).split('.');
  return `${header}..${signature}`;
}

/** The key id a compact or detached JWS names in its protected header (undefined when it cannot be read). */
export function kidOf(jws: string): string | undefined {
  try {
    return (JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: string }).kid;
  } catch {
    return undefined;
  }
}

export type VerifiedJson = { ok: true; payload: unknown; kid: string; typ?: string } | { ok: false; problem: string };
export type VerifiedBytes = { ok: true; kid: string; typ?: string } | { ok: false; problem: string };

/** Checks a detached JWS (`header..signature`) over `bytes` against a key set (by default this Criterion's). */
export async function verifyDetached(jws: string, bytes: Uint8Array, jwks?: { keys: JWK[] }): Promise<VerifiedBytes> {
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || parts[1] !== '') return { ok: false, problem: 'not a detached JWS (header..signature)' };
  // A base64url text that does not re-encode to itself (spare bits set) would verify although its bytes changed.
  const canonical = parts.every((p) => Buffer.from(p, 'base64url').toString('base64url') === p);
  if (!canonical) return { ok: false, problem: 'the signature is not canonical base64url (it was altered)' };
  const v = await verifyCompact(`${parts[0]}.${Buffer.from(bytes).toString('base64url')}.${parts[2]}`, jwks);
  return v.ok ? { ok: true, kid: v.kid, typ: v.typ } : v;
}

/** Checks a compact JWS against a key set (by default this Criterion's, current and retired). */
export async function verifyJson(jws: string, jwks?: { keys: JWK[] }): Promise<VerifiedJson> {
  const v = await verifyCompact(jws, jwks);
  if (!v.ok) return v;
  return { ok: true, payload: JSON.parse(new TextDecoder().decode(v.payload)), kid: v.kid, typ: v.typ };
}

async function verifyCompact(
  jws: string,
  jwks?: { keys: JWK[] },
): Promise<{ ok: true; payload: Uint8Array; kid: string; typ?: string } | { ok: false; problem: string }> {
  // A base64url text that does not re-encode to itself (spare bits set) decodes to the same bytes: refused, so a
  // signature's or payload's text cannot be changed while it still verifies.
  const parts = jws.trim().split('.');
  if (parts.length === 3 && !parts.every((p) => Buffer.from(p, 'base64url').toString('base64url') === p))
    return { ok: false, problem: 'the signature is not canonical base64url (it was altered)' };
  const set = createLocalJWKSet(jwks ?? (await publishedKeys()));
  try {
    const { payload, protectedHeader } = await compactVerify(jws, set, { algorithms: [ALG] });
    return { ok: true, payload, kid: protectedHeader.kid ?? '', typ: protectedHeader.typ };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_JWKS_NO_MATCHING_KEY') return { ok: false, problem: 'signed with a key that is not known' };
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return { ok: false, problem: 'the signature does not match' };
    return { ok: false, problem: `not a valid signature (${(e as Error).message})` };
  }
}

/**
 * Embedded database: the current key becomes retired (still published, so what it signed still verifies) and a new
 * one signs from now on. With RECORD_SIGNING_KEY the operator rotates by configuration instead.
 */
export async function rotateKeyFile(): Promise<{ retired: string; current: string }> {
  if (process.env.RECORD_SIGNING_KEY || process.env.DATABASE_URL) {
    throw new Error(
      'the key comes from RECORD_SIGNING_KEY: set it to a new key (npm run -s audit -- keygen) and add the old ' +
        'public key to RECORD_RETIRED_KEYS',
    );
  }
  const old = await loadKeyFile();
  const oldPublic = await publish(old.current);
  const next = await generatePrivateJwk();
  writeKeyFile(
    keyFilePath(),
    { current: next, retired: [{ kty: 'OKP', crv: 'Ed25519', x: oldPublic.x, kid: oldPublic.kid }, ...old.retired] },
    'w',
  );
  resetRecordKeys();
  return { retired: oldPublic.kid, current: next.kid! };
}
