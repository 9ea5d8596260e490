import crypto from 'node:crypto';

// No 0/O or 1/l/I: the password is read off a screen and typed in by someone else.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random password shown to the administrator once: four groups of four, about 79 bits. */
export function generatePassword(): string {
  const bytes = crypto.randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
