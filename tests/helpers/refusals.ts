import type { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '@/db/client';
import { PublicError } from '@/lib/errors';

/** The refusal a use case throws for the person (a PublicError), failing the test when it did not refuse. */
export async function rejection(p: Promise<unknown>): Promise<PublicError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, 'expected a refusal').toBeInstanceOf(PublicError);
  return e as PublicError;
}

/** What the database said when it refused a statement (every cause's message), or that it accepted it. */
export async function databaseRefusal(q: ReturnType<typeof sql>): Promise<string> {
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
