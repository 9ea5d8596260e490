import { z } from 'zod';
import { parseTrustedProxies } from '@/lib/net/client-address.mjs';
import { parsePrivateJwk, parsePublicJwks } from '@/lib/record/jwk';

const jwkCheck = (parse: (text: string) => unknown) => (v: string | undefined, ctx: z.RefinementCtx) => {
  if (v === undefined) return;
  try {
    parse(v);
  } catch (e) {
    // The message names what is wrong, never the key itself.
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
};

/**
 * Every setting the app reads, validated once. A missing or malformed setting stops start-up with a
 * message that names it, instead of failing later on the first request that needs it.
 */
const postgresUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}, 'must be a postgres:// or postgresql:// URL, e.g. postgres://user:pass@127.0.0.1:5432/criterion');

/**
 * Mail (lib/notifications): SMTP_URL unset keeps every mail in the outbox, where an administrator reads it
 * (/admin/outbox); nothing is lost, and setting it later sends what is waiting.
 */
const mailFields = {
  SMTP_URL: z
    .string()
    .refine((v) => {
      try {
        return ['smtp:', 'smtps:'].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, 'must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@smtp.example.org:465')
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^[^\r\n]*<?[^@\s<>]+@[^@\s<>]+>?$/, 'must be an address, e.g. "Criterion <portal@example.org>"')
    .default('Criterion <no-reply@criterion.invalid>'),
  NEXTAUTH_URL: z.url('must be the public URL of the portal, e.g. https://portal.example.org').optional(),
};

/** How long a single-use link (a witness's confirmation, an employer's signature; lib/links) stays open, in days. */
export const linkExpiryDays = z.coerce
  .number({ error: 'must be a whole number of days, e.g. 7' })
  .int('must be a whole number of days, e.g. 7')
  .min(1, 'must be at least 1 day')
  .max(90, 'must be at most 90 days')
  .default(7);

/**
 * How many whole years the assessment decisions of an erased learner are kept before the retention job erases them
 * (lib/erasure; README "Data protection" says why 6).
 */
const retentionYears = z.coerce
  .number({ error: 'must be a whole number of years, e.g. 6' })
  .int('must be a whole number of years, e.g. 6')
  .min(1, 'must be at least 1 year')
  .max(100, 'must be at most 100 years')
  .default(6);

/**
 * The centre's name, as it issues badges and signed learner records (the portal itself is still called Criterion).
 * One line of ordinary text: it goes into signed credentials that other systems show.
 */
const centreName = z
  .string()
  .trim()
  .min(1, 'must not be empty, e.g. "Northfield Training Centre"')
  .max(120, 'must be at most 120 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must be one line of text without control characters')
  .default('Criterion');

const envSchema = z
  .object({
    CENTRE_NAME: centreName,
    ...mailFields,
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: postgresUrl.optional(),
    /** A role that owns the tables: migrations run as it, the app as DATABASE_URL's role with fewer rights. */
    DATABASE_OWNER_URL: postgresUrl.optional(),
    PGLITE_DIR: z.string().min(1).default('.data/pglite'),
    NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -base64 32)'),
    OIDC_ISSUER: z.url('must be the issuer URL of your OpenID Connect provider').optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default('your organisation'),
    FILE_STORAGE: z.enum(['local', 's3']).default('local'),
    UPLOAD_DIR: z.string().min(1).default('.data/uploads'),
    MAX_UPLOAD_MB: z.coerce.number().int().positive().max(1024).default(20),
    // Phone captures (lib/captures/config.ts): the largest photo, voice note and video a learner may send.
    CAPTURE_MAX_PHOTO_MB: z.coerce.number().int().positive().max(1024).default(20),
    CAPTURE_MAX_AUDIO_MB: z.coerce.number().int().positive().max(1024).default(30),
    CAPTURE_MAX_VIDEO_MB: z.coerce.number().int().positive().max(1024).default(100),
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).optional(),
    S3_ENDPOINT: z.url().optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    // The record signing key (lib/record/keys.ts): a private Ed25519 JWK, and the public JWKs of earlier keys.
    RECORD_SIGNING_KEY: z.string().optional().superRefine(jwkCheck(parsePrivateJwk)),
    RECORD_RETIRED_KEYS: z.string().optional().superRefine(jwkCheck(parsePublicJwks)),
    // Other centres' public keys: a signed learner record they exported is imported only when its key is here.
    RECORD_TRUSTED_KEYS: z.string().optional().superRefine(jwkCheck(parsePublicJwks)),
    DEMO_SEED: z.enum(['auto', 'never', 'always']).default('auto'),
    LINK_EXPIRY_DAYS: linkExpiryDays,
    RETENTION_YEARS: retentionYears,
    // Addresses or CIDR ranges of the reverse proxies in front of the portal (scripts/server.mjs reads it).
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        try {
          parseTrustedProxies(v);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
        }
      }),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together',
      });
    }
    if (env.DATABASE_OWNER_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_OWNER_URL'],
        message: 'needs DATABASE_URL too (the role the app runs as); the embedded database has no roles',
      });
    }
    if (env.FILE_STORAGE === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when FILE_STORAGE=s3' });
    }
  });

export type Env = z.infer<typeof envSchema>;

// Empty strings mean "not set" (a blank line in a .env file should not count as a value).
const clean = (source: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(clean(source));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Criterion cannot start: invalid configuration\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * Only the mail settings, for code that writes or sends mail (the notifications worker runs as a command of its own
 * and needs no session secret). Throws the same kind of message as parseEnv.
 */
export function mailSettings(source: Record<string, string | undefined> = process.env) {
  const result = z.object(mailFields).safeParse(clean(source));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Criterion cannot send mail: invalid configuration\n${lines.join('\n')}`);
  }
  return { ...result.data, portalUrl: portalUrl(source) };
}

/** The portal's public address, without a trailing slash: NEXTAUTH_URL, or the local one `npm start` serves. */
export function portalUrl(source: Record<string, string | undefined> = process.env): string {
  return (source.NEXTAUTH_URL || `http://localhost:${source.PORT || 3000}`).replace(/\/+$/, '');
}

/** CENTRE_NAME alone, for the badges and records it signs (also read by command-line tools without a session secret). */
export function centreNameSetting(source: Record<string, string | undefined> = process.env): string {
  const result = centreName.safeParse(clean(source).CENTRE_NAME);
  if (!result.success) throw new EnvError(`Invalid configuration\n  CENTRE_NAME: ${result.error.issues[0]!.message}`);
  return result.data;
}

/** RETENTION_YEARS alone, for the retention job (a command of its own, which needs no session secret). */
export function retentionYearsSetting(source: Record<string, string | undefined> = process.env): number {
  const result = retentionYears.safeParse(clean(source).RETENTION_YEARS);
  if (!result.success)
    throw new EnvError(`Invalid configuration\n  RETENTION_YEARS: ${result.error.issues[0]!.message}`);
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export const oidcEnabled = (e: Env = env()) => Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
