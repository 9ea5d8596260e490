import fs from 'node:fs';
import path from 'node:path';

/** At least this long (matches what an administrator may type; generated passwords are 19 characters). */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 200;

let common: Set<string> | undefined;

/** lib/auth/common-passwords.txt: the 10,000 most common passwords, read once, on first use. */
function commonPasswords(): Set<string> {
  if (!common) {
    const text = fs.readFileSync(
      path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib/auth/common-passwords.txt'),
      'utf8',
    );
    common = new Set(text.split('\n').filter((l) => l && !l.startsWith('# ')));
  }
  return common;
}

/**
 * Why a new password will not do, or null. Length, then the common-password list (ASVS 2.1.7): the password itself,
 * and the password without the digits and symbols people add to reach a minimum length ("sunshine2024!!"), are
 * compared lower-cased. One character repeated, or the account's own email, fail too.
 */
export function passwordProblem(password: string, account: { email?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `A password can be at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const core = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  const list = commonPasswords();
  if (list.has(lower) || (core.length >= 4 && list.has(core)) || /^(.)\1*$/u.test(password)) {
    return 'That password is too common: it, or the word at its heart, is on a list of passwords attackers try first. Choose a longer phrase of your own, e.g. three or four unrelated words.';
  }
  if (
    account.email &&
    lower.includes(account.email.toLowerCase().split('@')[0]!) &&
    account.email.split('@')[0]!.length >= 4
  ) {
    return 'A password must not contain your email address. Choose something else.';
  }
  return null;
}
