import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { newToken, presentedTokenHash, tokenHash } from '@/lib/links/token';
import { confirmationWords } from '@/lib/links/words';

/** Single-use links: the token's form and hash, the expiry setting, and how an answer reads on the record. */
describe('link tokens', () => {
  it('are 32 random bytes in base64url, different each time, stored as their SHA-256', () => {
    const tokens = Array.from({ length: 200 }, newToken);
    expect(new Set(tokens).size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
    const t = tokens[0]!;
    expect(tokenHash(t)).toBe(crypto.createHash('sha256').update(t).digest('hex'));
    expect(presentedTokenHash(t)).toBe(tokenHash(t));
  });

  it('refuse to look up anything that cannot be a token: cut, padded, other characters, not text', () => {
    const t = newToken();
    for (const bad of [
      t.slice(0, 42),
      `${t}=`,
      `${t}A`,
      `${t.slice(0, 42)}+`,
      `${t.slice(0, 42)}/`,
      '',
      ' '.repeat(43),
      42,
      null,
      undefined,
      [t],
    ])
      expect(presentedTokenHash(bad), String(bad)).toBeNull();
  });
});

describe('LINK_EXPIRY_DAYS', () => {
  const base = { NEXTAUTH_SECRET: 'x'.repeat(32) };
  it('defaults to 7 days and takes a whole number of days from 1 to 90', () => {
    expect(parseEnv(base).LINK_EXPIRY_DAYS).toBe(7);
    expect(parseEnv({ ...base, LINK_EXPIRY_DAYS: '14' }).LINK_EXPIRY_DAYS).toBe(14);
    expect(parseEnv({ ...base, LINK_EXPIRY_DAYS: '' }).LINK_EXPIRY_DAYS).toBe(7);
  });
  it('stops start-up with a message naming it when it is not', () => {
    for (const [v, msg] of [
      ['0', 'at least 1 day'],
      ['91', 'at most 90 days'],
      ['2.5', 'whole number of days'],
      ['a week', 'whole number of days'],
    ])
      expect(() => parseEnv({ ...base, LINK_EXPIRY_DAYS: v })).toThrow(new RegExp(`LINK_EXPIRY_DAYS: .*${msg}`));
  });
});

describe('a witness answer on the record', () => {
  const at = '2026-12-07T10:30:00.000Z';
  it('says who, in what role, when, and whether it was about this version', () => {
    const c = {
      response: 'confirmed',
      name: 'Sam Lee',
      role: 'Store manager',
      at,
      comment: '',
      ofThisVersion: true,
    } as const;
    expect(confirmationWords(c)).toBe('Confirmed by Sam Lee (Store manager) on 7 Dec 2026');
    expect(confirmationWords({ ...c, response: 'disputed', role: '' })).toBe('Disputed by Sam Lee on 7 Dec 2026');
    expect(confirmationWords({ ...c, ofThisVersion: false })).toBe(
      'Confirmed by Sam Lee (Store manager) on 7 Dec 2026, on an earlier version of this statement',
    );
  });
});
