import crypto from 'node:crypto';

/**
 * A link's token: 32 random bytes, base64url (43 characters, no padding). Only its SHA-256 is stored, so the
 * database (or a backup of it) opens no link; a token is found by the hash of what was presented, one indexed
 * equality lookup, so its time says nothing about how close a guess was. 256 bits leave nothing to guess.
 */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return crypto.randomBytes(TOKEN_BYTES).toString('base64url');
}

/** The stored form of a token: lower-case hex SHA-256. */
export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The hash to look a presented token up by, or null when it cannot be one of ours (cut short, altered, padded). */
export function presentedTokenHash(token: unknown): string | null {
  return typeof token === 'string' && TOKEN_PATTERN.test(token) ? tokenHash(token) : null;
}
