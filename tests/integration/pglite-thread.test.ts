import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { pgliteHandle, type DbHandle } from '@/db/client';
import { PGliteThread } from '@/db/pglite-thread';
import { users } from '@/db/schema';

/**
 * The embedded database runs on its own thread (db/pglite-thread.ts). These check what crosses the thread
 * boundary: transactions, PostgreSQL's error fields, value types, and that a stopped database fails fast.
 * The rest of the integration suite runs on this thread too when DATABASE_URL is not set.
 */

const opened: DbHandle[] = [];
function migratedDatabase(): DbHandle {
  const handle = pgliteHandle(new PGliteThread({ dump: fs.readFileSync(inject('pgliteTemplate')!) }));
  opened.push(handle);
  return handle;
}
afterAll(async () => {
  for (const h of opened) await h.close();
});

const causes = (e: unknown) => {
  const all: unknown[] = [];
  for (let c = e; c; c = (c as { cause?: unknown }).cause) all.push(c);
  return all;
};

describe('embedded database thread', () => {
  it('commits a transaction that finishes and rolls back one that throws, savepoints included', async () => {
    const { db } = migratedDatabase();
    await db.transaction(async (tx) => {
      await tx.insert(users).values({ email: 'kept@example.com', name: 'Kept', role: 'learner' });
      await tx
        .transaction(async (inner) => {
          await inner.insert(users).values({ email: 'inner@example.com', name: 'Inner', role: 'learner' });
          throw new Error('undo the inner part only');
        })
        .catch(() => {});
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ email: 'dropped@example.com', name: 'Dropped', role: 'learner' });
        throw new Error('undo all of it');
      }),
    ).rejects.toThrow('undo all of it');

    const emails = (await db.select({ email: users.email }).from(users)).map((r) => r.email);
    expect(emails).toContain('kept@example.com');
    expect(emails).not.toContain('inner@example.com');
    expect(emails).not.toContain('dropped@example.com');
  });

  it('passes on PostgreSQL error codes and constraint names, which callers branch on', async () => {
    const { db } = migratedDatabase();
    await db.insert(users).values({ email: 'twice@example.com', name: 'One', role: 'learner' });
    const error = await db
      .insert(users)
      .values({ email: 'twice@example.com', name: 'Two', role: 'learner' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    const pg = causes(error).find((c) => (c as { code?: string }).code) as
      { code: string; constraint?: string } | undefined;
    expect(pg?.code).toBe('23505');
    expect(pg?.constraint).toMatch(/email/);
  });

  it('returns values with the types drizzle maps: dates, booleans, numbers, JSON and bytes', async () => {
    const { db } = migratedDatabase();
    const [made] = await db
      .insert(users)
      .values({ email: 'types@example.com', name: 'Types', role: 'coach' })
      .returning();
    const [read] = await db.select().from(users).where(eq(users.id, made!.id));
    expect(read!.createdAt).toBeInstanceOf(Date);
    expect(read!.createdAt.getTime()).toBe(made!.createdAt.getTime());
    expect(read!.active).toBe(true);
    const quoted = "it's";
    const result = await db.execute(
      sql`select 2::int as n, '{"a":[1,"b"]}'::jsonb as j, '\\x0102'::bytea as b, ${quoted}::text as t`,
    );
    const [row] = (result as unknown as { rows: { n: number; j: unknown; b: Uint8Array; t: string }[] }).rows;
    expect(row).toMatchObject({ n: 2, j: { a: [1, 'b'] }, t: "it's" });
    expect([...row!.b]).toEqual([1, 2]);
  });

  it('keeps concurrent transactions apart: 20 read-modify-write increments all count', async () => {
    const { db } = migratedDatabase();
    await db.execute(sql`create table counter (n int not null)`);
    await db.execute(sql`insert into counter values (0)`);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const { rows } = (await tx.execute(sql`select n from counter`)) as unknown as { rows: { n: number }[] };
          await tx.execute(sql`update counter set n = ${rows[0]!.n + 1}`);
        }),
      ),
    );
    const { rows } = (await db.execute(sql`select n from counter`)) as unknown as { rows: { n: number }[] };
    expect(rows[0]!.n).toBe(20);
  });

  it('keeps what was written in its data directory after closing and opening again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-thread-'));
    try {
      const first = pgliteHandle(new PGliteThread({ dataDir: dir }));
      await first.execScript("create table note (body text); insert into note values ('still here');");
      await first.close();
      const second = pgliteHandle(new PGliteThread({ dataDir: dir }));
      const { rows } = (await second.db.execute(sql`select body from note`)) as unknown as { rows: { body: string }[] };
      await second.close();
      expect(rows).toEqual([{ body: 'still here' }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a parameter that cannot cross threads, and goes on answering', async () => {
    const thread = new PGliteThread({ dump: fs.readFileSync(inject('pgliteTemplate')!) });
    try {
      await expect(thread.query('select $1::text as v', [() => 'a function'])).rejects.toThrow(/could not be cloned/);
      await expect(thread.query('select $1::text as v', ['text'])).resolves.toMatchObject({ rows: [{ v: 'text' }] });
    } finally {
      await thread.close();
    }
  });

  it('fails at once with a clear message after the database has stopped, instead of waiting forever', async () => {
    const thread = new PGliteThread({ dump: fs.readFileSync(inject('pgliteTemplate')!) });
    await thread.query('select 1');
    await thread.close();
    await expect(thread.query('select 1')).rejects.toThrow(/embedded database stopped/);
  });

  it('fails a statement in flight, and every later one, when the database thread dies', async () => {
    const thread = new PGliteThread({ dump: fs.readFileSync(inject('pgliteTemplate')!) });
    await thread.query('select 1');
    const inFlight = thread.query('select pg_sleep(5)');
    const started = Date.now();
    const worker = Reflect.get(thread, 'worker') as import('node:worker_threads').Worker;
    await worker.terminate();
    await expect(inFlight).rejects.toThrow(/embedded database stopped/);
    expect(Date.now() - started).toBeLessThan(4000);
    await expect(thread.query('select 1')).rejects.toThrow(/embedded database stopped/);
  });
});
