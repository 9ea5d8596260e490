import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, SIGN_IN_FAILED } from '@/lib/auth/credentials';
import { THROTTLE } from '@/lib/auth/throttle';
import { useTestDatabase } from '../helpers/db';
import { makeUser } from '../helpers/fixtures';

useTestDatabase();

const PASSWORD = 'correct horse battery staple';
let hash: string;
const savedDelay = THROTTLE.maxDelayMs;

beforeAll(async () => {
  // A cheap argon2id hash: verifying the production cost 40 times over would make this file slow.
  hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1 });
  // The growing delay between failures is not what these tests are about, and would make them slow.
  THROTTLE.maxDelayMs = 0;
});
afterAll(() => {
  THROTTLE.maxDelayMs = savedDelay;
});

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'signed in',
    (e: Error) => (e.message === SIGN_IN_FAILED ? 'no match' : /^Too many/.test(e.message) ? 'too many' : e.message),
  );

describe('sign-in throttling', () => {
  it('holds the account limit against 20 parallel wrong passwords: at most 8 are tried, the rest are refused', async () => {
    const user = await makeUser('learner', undefined, hash);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        outcome(authenticate({ email: user.email, password: `wrong-${i}` }, `10.0.0.${i}`)),
      ),
    );
    expect(results.filter((r) => r === 'no match').length).toBeLessThanOrEqual(THROTTLE.accountLimit);
    expect(results.filter((r) => r === 'too many').length).toBeGreaterThanOrEqual(20 - THROTTLE.accountLimit);
    expect(results.every((r) => r === 'no match' || r === 'too many')).toBe(true);
    // Locked: even the right password is refused until the window passes.
    expect(await outcome(authenticate({ email: user.email, password: PASSWORD }, '10.0.1.1'))).toBe('too many');
  });

  it('holds the address limit against parallel attempts on many accounts from one address', async () => {
    const ip = '10.9.9.9';
    const accounts = await Promise.all(Array.from({ length: 8 }, () => makeUser('learner', undefined, hash)));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        outcome(authenticate({ email: accounts[i % 8]!.email, password: 'nope' }, ip)),
      ),
    );
    expect(results.filter((r) => r === 'no match').length).toBe(THROTTLE.addressLimit);
    expect(results.filter((r) => r === 'too many').length).toBe(40 - THROTTLE.addressLimit);
  });

  it('a success clears the failures before it, and parallel right passwords all sign in', async () => {
    const user = await makeUser('learner', undefined, hash);
    for (let i = 0; i < THROTTLE.accountLimit - 1; i++) {
      expect(await outcome(authenticate({ email: user.email, password: 'wrong' }, '10.0.2.1'))).toBe('no match');
    }
    expect(await outcome(authenticate({ email: user.email, password: PASSWORD }, '10.0.2.1'))).toBe('signed in');
    const results = await Promise.all(
      Array.from({ length: 3 }, () => outcome(authenticate({ email: user.email, password: PASSWORD }, '10.0.2.1'))),
    );
    expect(results).toEqual(['signed in', 'signed in', 'signed in']);
  });
});
