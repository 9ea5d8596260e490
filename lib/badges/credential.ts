import { z } from 'zod';

/**
 * The shape of Criterion's Open Badges 3.0 credential (an OpenBadgeCredential, a W3C Verifiable Credential 2.0),
 * in one place for the issuer (lib/badges/issue.ts) and every verifier (lib/badges/verify.ts: the public page and
 * `npm run -s record -- verify <badge.jwt>`). Kept free of server-only imports so the command line can use it.
 *
 * Secured as a VC-JWT: a compact JWS (EdDSA, the record signing key, header `kid` and `typ: vc+jwt`) whose payload is
 * the credential itself with the registered claims iss (issuer.id), jti (id) and nbf (validFrom) beside it.
 */

export const BADGE_TYP = 'vc+jwt';
export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const OB_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

export interface BadgeFacts {
  id: string;
  portalUrl: string;
  issuerName: string;
  learnerName: string;
  /** SHA-256 of the learner's email and the salt, so the holder can show the badge is theirs without publishing it. */
  emailHash: { hash: string; salt: string };
  module: { slug: string; code: string; title: string; summary: string };
  /** Every criterion of the unit, each judged met: "EE2 PC 1: Identify …". */
  criteriaMet: string[];
  /** What completed it: the sign-off (and countersignature) of the report, when the unit has one. */
  completedBy: string;
  statusIndex: number;
  validFrom: Date;
}

/** The status list the portal publishes for revocation (W3C Bitstring Status List v1.0). */
export const statusListUrl = (portalUrl: string) => `${portalUrl}/api/badges/status-list`;
export const badgeUrl = (portalUrl: string, id: string) => `${portalUrl}/badges/${id}`;

/** ISO 8601 to the second, as VC 2.0 writes dateTimeStamp values. */
export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function buildCredential(f: BadgeFacts) {
  const id = badgeUrl(f.portalUrl, f.id);
  const list = statusListUrl(f.portalUrl);
  const name = `${f.module.code} ${f.module.title}`;
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name,
    issuer: { id: f.portalUrl, type: ['Profile'], name: f.issuerName, url: f.portalUrl },
    validFrom: isoSeconds(f.validFrom),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: f.learnerName },
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: `sha256$${f.emailHash.hash}`,
          salt: f.emailHash.salt,
        },
      ],
      achievement: {
        id: `${f.portalUrl}/modules/${f.module.slug}`,
        type: ['Achievement'],
        achievementType: 'Competency',
        humanCode: f.module.code,
        name: f.module.title,
        description: f.module.summary,
        criteria: {
          narrative:
            `Every criterion of ${name} judged met by the centre's assessors` +
            (f.completedBy ? `, ${f.completedBy}` : '') +
            `:\n\n${f.criteriaMet.map((c) => `- ${c}`).join('\n')}`,
        },
      },
    },
    credentialStatus: {
      id: `${list}#${f.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(f.statusIndex),
      statusListCredential: list,
    },
    credentialSchema: [{ id: OB_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
  };
}

export type BadgeCredential = ReturnType<typeof buildCredential>;

/** The VC-JWT payload: the credential with its registered claims (OB 3.0 §8.2, VC-JOSE-COSE). */
export function jwtPayload(credential: BadgeCredential) {
  return {
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
    nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
  };
}

const typesWith = (...required: string[]) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .refine((v) => required.every((t) => v.includes(t)), `must include ${required.join(' and ')}`);
const dateTime = z.iso.datetime({ offset: true });

/** What a verifier requires of an OpenBadgeCredential (a badge from any issuer, not only this one). */
export const badgeCredentialSchema = z.object({
  '@context': z
    .array(z.string())
    .refine((c) => c[0] === VC_CONTEXT, `must start with ${VC_CONTEXT}`)
    .refine(
      (c) => c.some((x) => x.startsWith('https://purl.imsglobal.org/spec/ob/v3p0/context')),
      'must include the Open Badges 3.0 context',
    ),
  id: z.string().min(1),
  type: typesWith('VerifiableCredential', 'OpenBadgeCredential'),
  name: z.string().optional(),
  issuer: z.union([
    z.string().min(1),
    z.object({ id: z.string().min(1), name: z.string().optional(), url: z.string().optional() }),
  ]),
  validFrom: dateTime,
  validUntil: dateTime.optional(),
  credentialSubject: z.object({
    id: z.string().optional(),
    type: typesWith('AchievementSubject'),
    identifier: z
      .array(z.object({ identityType: z.string(), hashed: z.boolean(), identityHash: z.string() }))
      .optional(),
    achievement: z.object({
      id: z.string().min(1),
      type: typesWith('Achievement'),
      name: z.string().min(1),
      description: z.string(),
      humanCode: z.string().optional(),
      achievementType: z.string().optional(),
      criteria: z.object({ narrative: z.string().optional(), id: z.string().optional() }),
    }),
  }),
  credentialStatus: z
    .object({
      type: z.string(),
      statusPurpose: z.string(),
      statusListIndex: z.string().regex(/^\d+$/),
      statusListCredential: z.string().min(1),
    })
    .optional(),
  iss: z.string().optional(),
  jti: z.string().optional(),
  nbf: z.number().optional(),
  exp: z.number().optional(),
});
