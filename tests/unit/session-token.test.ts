import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken } from '@/lib/auth/session-token';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';

describe('decodeSessionToken (the session cookie, read with a key derived once)', () => {
  it('reads what next-auth writes', async () => {
    const token = await encode({ token: { uid: 'u-1', role: 'learner' }, secret: SECRET });
    const payload = await decodeSessionToken(token, SECRET);
    expect(payload).toMatchObject({ uid: 'u-1', role: 'learner' });
    // Twice: the second read uses the remembered key.
    expect((await decodeSessionToken(token, SECRET)).uid).toBe('u-1');
  });

  it('refuses a token made with another secret, a tampered token and an expired one', async () => {
    const token = await encode({ token: { uid: 'u-1' }, secret: SECRET });
    await expect(decodeSessionToken(token, `${SECRET}-other`)).rejects.toThrow();
    const parts = token.split('.');
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('AA') ? 'BB' : 'AA');
    await expect(decodeSessionToken(parts.join('.'), SECRET)).rejects.toThrow();
    const expired = await encode({ token: { uid: 'u-1' }, secret: SECRET, maxAge: -60 });
    await expect(decodeSessionToken(expired, SECRET)).rejects.toThrow();
  });
});
