import { type SQL } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '@/db/client';
import { PublicError } from '@/lib/errors';

/** The refusal a use case gives (a PublicError: what the person is told); fails the test if it succeeded. */
export async function rejection(p: Promise<unknown>): Promise<PublicError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(PublicError);
  return e as PublicError;
}

/** Every message of the error the database raises for a statement written by hand (its causes joined), or a note that it accepted it. */
export async function refusal(q: SQL): Promise<string> {
  const e = await getDb()
    .execute(q)
    .then(
      () => null,
      (err: unknown) => err,
    );
  if (!e) return 'no error: the database accepted the statement';
  const all: string[] = [];
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) all.push(String((c as Error).message));
  return all.join(' | ');
}
