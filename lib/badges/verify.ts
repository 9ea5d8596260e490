import type { JWK } from 'jose';
import { SigningKeyMissing, verifyJson } from '@/lib/record/keys';
import { BADGE_TYP, badgeCredentialSchema } from './credential';
import { statusBit } from './status-list';

/**
 * Checks an Open Badges 3.0 VC-JWT with nothing but the token and a key set (by default this Criterion's published
 * keys): the signature and its key, the credential's structure, that the registered claims agree with the
 * credential, and its dates. Revocation needs the issuer's status list: revocationIn below reads it (the command
 * line's --status fetches it; the public page asks the database). Stops at the first problem and names it.
 */

export interface BadgeAttestation {
  id: string;
  kid: string;
  issuer: { id: string; name?: string };
  learnerName: string | null;
  achievement: { id: string; name: string; humanCode?: string; narrative?: string; description: string };
  validFrom: string;
  validUntil?: string;
  status?: { list: string; index: number; purpose: string };
}

export type BadgeCheck = { ok: true; attests: BadgeAttestation } | { ok: false; problem: string };

const fail = (problem: string): BadgeCheck => ({ ok: false, problem });
/** Clocks differ: a badge dated up to five minutes ahead is not refused as "not yet valid". */
const SKEW_MS = 5 * 60_000;

export async function verifyBadgeJwt(
  token: string,
  jwks?: { keys: JWK[] },
  now: Date = new Date(),
): Promise<BadgeCheck> {
  const jwt = token.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jwt))
    return fail('not a VC-JWT (three base64url parts separated by dots)');
  let v: Awaited<ReturnType<typeof verifyJson>>;
  try {
    v = await verifyJson(jwt, jwks);
  } catch (e) {
    // This server's own keys not configured is the server's problem, not the badge's.
    if (e instanceof SigningKeyMissing) throw e;
    return fail(`the badge cannot be read (${(e as Error).message}): it was changed`);
  }
  if (!v.ok) return fail(v.problem);
  if (v.typ !== BADGE_TYP) return fail(`not a badge credential (typ ${v.typ ?? 'missing'}, expected ${BADGE_TYP})`);
  const parsed = badgeCredentialSchema.safeParse(v.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(`not an OpenBadgeCredential: ${issue.path.join('.') || 'credential'} ${issue.message}`);
  }
  const c = parsed.data;
  const issuer = typeof c.issuer === 'string' ? { id: c.issuer } : { id: c.issuer.id, name: c.issuer.name };
  if (c.iss !== undefined && c.iss !== issuer.id)
    return fail(`the iss claim (${c.iss}) is not the issuer (${issuer.id})`);
  if (c.jti !== undefined && c.jti !== c.id) return fail(`the jti claim (${c.jti}) is not the credential id (${c.id})`);
  if (c.nbf !== undefined && c.nbf !== Math.floor(Date.parse(c.validFrom) / 1000))
    return fail(`the nbf claim does not match validFrom (${c.validFrom})`);
  if (Date.parse(c.validFrom) > now.getTime() + SKEW_MS) return fail(`not valid yet: valid from ${c.validFrom}`);
  if (c.validUntil && Date.parse(c.validUntil) <= now.getTime()) return fail(`expired on ${c.validUntil}`);
  const a = c.credentialSubject.achievement;
  const named = c.credentialSubject.identifier?.find((i) => i.identityType === 'name' && !i.hashed);
  return {
    ok: true,
    attests: {
      id: c.id,
      kid: v.kid,
      issuer,
      learnerName: named?.identityHash ?? null,
      achievement: {
        id: a.id,
        name: a.name,
        humanCode: a.humanCode,
        narrative: a.criteria.narrative,
        description: a.description,
      },
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      status: c.credentialStatus && {
        list: c.credentialStatus.statusListCredential,
        index: Number(c.credentialStatus.statusListIndex),
        purpose: c.credentialStatus.statusPurpose,
      },
    },
  };
}

/** What a verified badge says, in lines for the command line. */
export function describeBadge(a: BadgeAttestation): string[] {
  return [
    `Achievement: ${a.achievement.humanCode ? `${a.achievement.humanCode} ` : ''}${a.achievement.name} (${a.achievement.id})`,
    `Awarded to: ${a.learnerName ?? '(no name in the badge)'}`,
    `Issued by: ${a.issuer.name ? `${a.issuer.name}, ` : ''}${a.issuer.id} (key ${a.kid})`,
    `Valid from: ${a.validFrom}${a.validUntil ? ` until ${a.validUntil}` : ''}`,
    `Badge: ${a.id}`,
    ...(a.achievement.narrative ? ['Criteria:', ...a.achievement.narrative.split('\n').map((l) => `  ${l}`)] : []),
    a.status
      ? `Revocation: published in the issuer's status list ${a.status.list} (index ${a.status.index}); checked only with --status`
      : 'Revocation: the badge names no status list',
  ];
}

/**
 * Whether the badge is revoked according to the issuer's status list (the VC-JWT its credentialStatus names, fetched
 * by the caller): the list must verify with the same keys and be the list the badge names.
 */
export async function revocationIn(
  listJwt: string,
  status: NonNullable<BadgeAttestation['status']>,
  jwks?: { keys: JWK[] },
): Promise<{ ok: true; revoked: boolean } | { ok: false; problem: string }> {
  const v = await verifyJson(listJwt.trim(), jwks);
  if (!v.ok) return { ok: false, problem: `the status list: ${v.problem}` };
  const list = v.payload as { id?: string; type?: string[]; credentialSubject?: { encodedList?: string } };
  if (list.id !== status.list || !list.type?.includes('BitstringStatusListCredential'))
    return { ok: false, problem: `the status list at ${status.list} is not the one the badge names` };
  try {
    return { ok: true, revoked: statusBit(list.credentialSubject?.encodedList ?? '', status.index) };
  } catch (e) {
    return { ok: false, problem: `the status list cannot be read (${(e as Error).message})` };
  }
}
