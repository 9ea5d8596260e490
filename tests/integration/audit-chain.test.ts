import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { audit, auditMany, type AuditEntry } from '@/lib/audit';
import { sha256Hex } from '@/lib/hash';
import { canonicalAuditText, checkChain, GENESIS_HASH, type ChainRow } from '@/lib/record/audit-chain';
import { auditChainStatus } from '@/lib/record/audit-check';
import { SEAL_TYP, sealChain, verifyAuditChain } from '@/lib/record/audit-seal';
import {
  generatePrivateJwk,
  publishedKeys,
  resetRecordKeys,
  rotateKeyFile,
  signJson,
  SigningKeyMissing,
  verifyJson,
} from '@/lib/record/keys';
import { useTestDatabase } from '../helpers/db';
import { makeUser } from '../helpers/fixtures';

/**
 * The audit chain on PGlite and PostgreSQL alike: the database links every row (db/sql/011_audit_chain.sql), the
 * verifier recomputes the same hashes on its own (lib/record/audit-chain.ts), concurrent writers never fork the chain,
 * and seals are signed with the record key. Tampering by the owner, and the CLI: tests/system/audit-chain.test.ts.
 */
const { handle } = useTestDatabase();

const rows = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => rowsOf<T>(await getDb().execute(q));

// Keys: the embedded database's key file goes to a folder of this test's own; on PostgreSQL the key is configured.
const saved = { ...process.env };
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'criterion-keys-'));
  process.env.PGLITE_DIR = path.join(dataDir, 'pglite');
  if (process.env.DATABASE_URL) process.env.RECORD_SIGNING_KEY = JSON.stringify(await generatePrivateJwk());
  resetRecordKeys();
});
afterAll(() => {
  for (const k of ['PGLITE_DIR', 'RECORD_SIGNING_KEY', 'RECORD_RETIRED_KEYS', 'DATABASE_URL'] as const) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetRecordKeys();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const entry = (n: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  actorId: null,
  action: 'test.append',
  subjectType: 'test',
  subjectId: `s-${n}`,
  after: { n },
  ...extra,
});

async function expectIntact() {
  const check = await checkChain(getDb());
  if (!check.ok) throw new Error(check.problem);
  const [{ n }] = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log`);
  expect(check.rows).toBe(Number(n));
  return check;
}

describe('the canonical form', () => {
  it('is what the database hashed, for awkward content too, and an outsider can rebuild it from the columns', async () => {
    const actor = await makeUser('admin');
    await audit(getDb(), {
      actorId: actor.id,
      action: 'test.canonical',
      subjectType: 'tést "quoted" \\ back\u2028slash',
      subjectId: 'line\nbreak\ttab\u0001ctl 🎓',
      learnerId: actor.id,
      // jsonb orders keys by length, then bytes; keeps 2.50 as written; a JSON null is not SQL NULL.
      before: { zz: 1, b: [2.5, '2.50', null, true], aaa: { y: 'ü', x: -0 }, big: 1e21 },
      after: null,
    });
    await expectIntact();
    const [row] = await rows<ChainRow & { chainSeq: number }>(sql`select id, chain_seq as "chainSeq",
      prev_hash as "prevHash", row_hash as "rowHash",
      to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor_id::text as "actorId", action,
      subject_type as "subjectType", subject_id as "subjectId", learner_id::text as "learnerId",
      before::text as before, after::text as after from audit_log where action = 'test.canonical'`);
    expect(row!.before).toBe(
      '{"b": [2.5, "2.50", null, true], "zz": 1, "aaa": {"x": 0, "y": "ü"}, "big": 1000000000000000000000}',
    );
    const text = canonicalAuditText({ ...row!, id: Number(row!.id) }, Number(row!.chainSeq), row!.prevHash!);
    // Written out by hand from the documented form, so a change to either side shows here.
    expect(text).toBe(
      `["criterion-audit/1", ${row!.chainSeq}, "${row!.prevHash}", ${row!.id}, "${row!.at}", "${actor.id}", ` +
        `"test.canonical", "tést \\"quoted\\" \\\\ back\u2028slash", "line\\nbreak\\ttab\\u0001ctl 🎓", "${actor.id}", ` +
        `{"b": [2.5, "2.50", null, true], "zz": 1, "aaa": {"x": 0, "y": "ü"}, "big": 1000000000000000000000}, null]`,
    );
    expect(sha256Hex(text)).toBe(row!.rowHash);
    expect(row!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('starts from 64 zeros and links each row to the one before', async () => {
    const chain = await rows<{ seq: number; prev: string; hash: string }>(
      sql`select chain_seq as seq, prev_hash as prev, row_hash as hash from audit_log order by chain_seq`,
    );
    expect(Number(chain[0]!.seq)).toBe(1);
    expect(chain[0]!.prev).toBe(GENESIS_HASH);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.prev).toBe(chain[i - 1]!.hash);
  });

  it('is set by the database whatever the writer sends (raw SQL with forged links)', async () => {
    await getDb().execute(sql`insert into audit_log (action, subject_type, subject_id, chain_seq, prev_hash, row_hash)
      values ('test.raw', 'test', 'raw', 999, ${'f'.repeat(64)}, ${'e'.repeat(64)})`);
    const [row] = await rows<{ seq: number; hash: string }>(
      sql`select chain_seq as seq, row_hash as hash from audit_log where action = 'test.raw'`,
    );
    expect(Number(row!.seq)).not.toBe(999);
    expect(row!.hash).not.toBe('e'.repeat(64));
    await expectIntact();
  });
});

describe('concurrent writers', () => {
  it('append one after the other: no fork, no gap, every row verifies', async () => {
    const before = await expectIntact();
    const writers = 24;
    // Each transaction holds the chain's lock for a while after its insert (pg_sleep on PostgreSQL), so the
    // others queue behind it and must read the head it leaves, not the one they would have seen before.
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        getDb().transaction(async (tx) => {
          await auditMany(
            tx,
            Array.from({ length: 3 }, (_, i) => entry(w * 10 + i, { action: 'test.concurrent' })),
          );
          if (handle().kind === 'postgres') await tx.execute(sql`select pg_sleep(0.02)`);
          await audit(tx, entry(w * 10 + 9, { action: 'test.concurrent' }));
        }),
      ),
    );
    const after = await expectIntact();
    expect(after.rows).toBe(before.rows + writers * 4);
    const [forks] = await rows<{ n: number }>(
      sql`select count(*)::int as n from (select prev_hash from audit_log group by prev_hash having count(*) > 1) f`,
    );
    expect(Number(forks!.n)).toBe(0);
    // Each transaction's rows are consecutive in the chain: the lock is held to the commit.
    const order = await rows<{ subject: string }>(
      sql`select subject_id as subject from audit_log where action = 'test.concurrent' order by chain_seq`,
    );
    const writerOf = order.map((o) => Math.floor(Number(o.subject.slice(2)) / 10));
    for (let i = 0; i < writerOf.length; i += 4) expect(new Set(writerOf.slice(i, i + 4)).size).toBe(1);
  });

  it('a rolled-back transaction leaves no trace in the chain', async () => {
    const before = await expectIntact();
    await expect(
      getDb().transaction(async (tx) => {
        await audit(tx, entry(1, { action: 'test.rolled-back' }));
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    await audit(getDb(), entry(2));
    const after = await expectIntact();
    expect(after.rows).toBe(before.rows + 1);
  });
});

describe('seals', () => {
  it('sign the head; sealing again without new rows returns the same seal', async () => {
    const first = await sealChain(getDb());
    expect(first.fresh).toBe(true);
    const check = await expectIntact();
    expect(first.seq).toBe(check.head.seq);
    expect(first.hash).toBe(check.head.hash);
    const again = await sealChain(getDb());
    expect(again.fresh).toBe(false);
    expect(again.jws).toBe(first.jws);
    const verified = await verifyJson(first.jws);
    expect(verified.ok && verified.payload).toMatchObject({ seq: first.seq, hash: first.hash });

    await audit(getDb(), entry(3));
    const result = await verifyAuditChain(getDb(), [first.jws]);
    expect(result).toMatchObject({ ok: true, seals: 2, latestSeal: { seq: first.seq } });
  });

  it('a seal signed by an unknown key, or altered, is refused by name', async () => {
    const head = await sealChain(getDb());
    const [h, p, s] = head.jws.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ seq: head.seq, hash: GENESIS_HASH, sealedAt: 'x' })).toString(
      'base64url',
    );
    expect(await verifyAuditChain(getDb(), [`${h}.${forgedPayload}.${s}`])).toMatchObject({
      ok: false,
      problem: expect.stringContaining('given seal 1: the signature does not match'),
    });
    const saved = process.env.RECORD_SIGNING_KEY;
    process.env.RECORD_SIGNING_KEY = JSON.stringify(await generatePrivateJwk());
    resetRecordKeys();
    const stranger = await signJson({ seq: head.seq, hash: head.hash, sealedAt: 'x' }, SEAL_TYP);
    if (saved === undefined) delete process.env.RECORD_SIGNING_KEY;
    else process.env.RECORD_SIGNING_KEY = saved;
    resetRecordKeys();
    expect(await verifyAuditChain(getDb(), [stranger])).toMatchObject({
      ok: false,
      problem: 'given seal 1: signed with a key that is not known',
    });
    expect(p).toBeTruthy();
  });
});

describe("the administrator's check in the portal", () => {
  it('shows the head, walks the chain when asked, names a row changed outside Criterion, and is for admins only', async () => {
    const admin = await makeUser('admin');
    const assessor = await makeUser('assessor');
    await expect(auditChainStatus(assessor, true)).rejects.toMatchObject({ status: 403 });
    const glance = await auditChainStatus(admin, false);
    expect(glance).toMatchObject({ checked: false, head: { seq: expect.any(Number) } });
    const intact = await auditChainStatus(admin, true);
    expect(intact).toMatchObject({ checked: true, ok: true, rows: glance.head.seq, head: glance.head });

    const [row] = await rows<{ id: number; after: unknown }>(
      sql`select id, after from audit_log order by chain_seq limit 1`,
    );
    const original = JSON.stringify(row!.after);
    await handle().execScript(
      `alter table audit_log disable trigger user; update audit_log set after = '{"forged":true}' where id = ${Number(row!.id)}; alter table audit_log enable trigger user;`,
    );
    try {
      expect(await auditChainStatus(admin, true)).toMatchObject({
        checked: true,
        ok: false,
        problem: expect.stringContaining(`audit row id ${Number(row!.id)}`),
      });
    } finally {
      await handle().execScript(
        `alter table audit_log disable trigger user; update audit_log set after = '${original.replace(/'/g, "''")}'::jsonb where id = ${Number(row!.id)}; alter table audit_log enable trigger user;`,
      );
    }
    expect(await auditChainStatus(admin, true)).toMatchObject({ ok: true });
  });
});

describe('keys', () => {
  it('publishes the current key and the retired ones as a JWKS, with no private part', async () => {
    const current = await generatePrivateJwk();
    const retired = await generatePrivateJwk();
    const env = { ...process.env };
    try {
      process.env.RECORD_SIGNING_KEY = JSON.stringify(current);
      process.env.RECORD_RETIRED_KEYS = JSON.stringify({ keys: [retired] });
      resetRecordKeys();
      const { keys } = await publishedKeys();
      expect(keys.map((k) => k.kid)).toEqual([current.kid, retired.kid]);
      for (const k of keys) {
        expect(Object.keys(k).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
        expect(k).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      }
      // What the retired key signed still verifies against the published set.
      process.env.RECORD_SIGNING_KEY = JSON.stringify(retired);
      delete process.env.RECORD_RETIRED_KEYS;
      resetRecordKeys();
      const old = await signJson({ hello: 1 }, 'test');
      const jwks = { keys };
      expect(await verifyJson(old, jwks)).toMatchObject({ ok: true, kid: retired.kid, payload: { hello: 1 } });
    } finally {
      process.env.RECORD_SIGNING_KEY = env.RECORD_SIGNING_KEY;
      if (env.RECORD_SIGNING_KEY === undefined) delete process.env.RECORD_SIGNING_KEY;
      if (env.RECORD_RETIRED_KEYS === undefined) delete process.env.RECORD_RETIRED_KEYS;
      resetRecordKeys();
    }
  });

  it('embedded database: a key is made once in the data folder, and rotation keeps the old one published', async () => {
    const env = { ...process.env };
    try {
      delete process.env.RECORD_SIGNING_KEY;
      delete process.env.DATABASE_URL;
      resetRecordKeys();
      const first = (await publishedKeys()).keys;
      expect(first).toHaveLength(1);
      const file = path.join(dataDir, 'record-signing-keys.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      resetRecordKeys();
      expect((await publishedKeys()).keys).toEqual(first);
      const signedBefore = await signJson({ n: 1 }, 'test');
      const { retired, current } = await rotateKeyFile();
      expect(retired).toBe(first[0]!.kid);
      const after = (await publishedKeys()).keys.map((k) => k.kid);
      expect(after).toEqual([current, retired]);
      expect(await verifyJson(signedBefore)).toMatchObject({ ok: true, kid: retired });
    } finally {
      Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL, RECORD_SIGNING_KEY: env.RECORD_SIGNING_KEY });
      if (env.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
      if (env.RECORD_SIGNING_KEY === undefined) delete process.env.RECORD_SIGNING_KEY;
      resetRecordKeys();
    }
  });

  it('with DATABASE_URL and no RECORD_SIGNING_KEY, signing is refused with the way out', async () => {
    const env = { ...process.env };
    try {
      delete process.env.RECORD_SIGNING_KEY;
      process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/none';
      resetRecordKeys();
      await expect(signJson({}, 'test')).rejects.toThrow(SigningKeyMissing);
      await expect(publishedKeys()).rejects.toThrow(/RECORD_SIGNING_KEY is not set.*npm run -s audit -- keygen/);
    } finally {
      if (env.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = env.DATABASE_URL;
      if (env.RECORD_SIGNING_KEY !== undefined) process.env.RECORD_SIGNING_KEY = env.RECORD_SIGNING_KEY;
      resetRecordKeys();
    }
  });
});

describe('cost of the chain', () => {
  it('measured on an insert-heavy run: one row per transaction, and 1,000 rows in one statement', async () => {
    // The same rows into a copy of audit_log without the chain's trigger: the difference is the chain.
    await getDb().execute(sql`create table audit_bench_plain (like audit_log including defaults)`);
    await getDb().execute(sql`alter table audit_bench_plain alter column chain_seq drop not null,
      alter column prev_hash drop not null, alter column row_hash drop not null`);
    const transactions = 60;
    const insert = (table: 'audit_log' | 'audit_bench_plain', n: number) =>
      sql`insert into ${sql.identifier(table)} (action, subject_type, subject_id, after)
          select 'bench', 'bench', 'b-' || g, jsonb_build_object('n', g, 'text', repeat('x', 200))
          from generate_series(1, ${n}) g`;
    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    // Without waiting for the disk at each commit (on PostgreSQL): the chain's own work, not the shared machine's fsync.
    const oneByOne = async (table: 'audit_log' | 'audit_bench_plain', count = transactions) =>
      time(async () => {
        for (let i = 0; i < count; i++)
          await getDb().transaction(async (tx) => {
            if (handle().kind === 'postgres') await tx.execute(sql`set local synchronous_commit = off`);
            await tx.execute(insert(table, 1));
          });
      });
    // Warm up both paths, then measure each twice in alternation and keep the better (the machine is shared).
    await oneByOne('audit_bench_plain', 10);
    await oneByOne('audit_log', 10);
    const runs = { plain: [] as number[], chained: [] as number[] };
    for (let i = 0; i < 2; i++) {
      runs.plain.push(await oneByOne('audit_bench_plain'));
      runs.chained.push(await oneByOne('audit_log'));
    }
    const plain1 = Math.min(...runs.plain);
    const chained1 = Math.min(...runs.chained);
    const plainBulk = await time(() => getDb().execute(insert('audit_bench_plain', 1000)));
    const chainedBulk = await time(() => getDb().execute(insert('audit_log', 1000)));
    // The log as it grows: what a verify costs per thousand rows.
    const check = await time(async () => expect((await checkChain(getDb())).ok).toBe(true));
    const [{ n }] = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    await getDb().execute(sql`drop table audit_bench_plain`);
    const ms = (v: number) => v.toFixed(2);
    console.log(
      `[audit chain cost, ${handle().kind}] one row per transaction: ${ms(chained1 / transactions)} ms with the chain, ` +
        `${ms(plain1 / transactions)} ms without (+${ms((chained1 - plain1) / transactions)} ms a row); ` +
        `1,000 rows in one statement: ${ms(chainedBulk)} ms with, ${ms(plainBulk)} ms without ` +
        `(+${ms((chainedBulk - plainBulk) / 1000)} ms a row); verify: ${Number(n)} rows in ${ms(check)} ms ` +
        `(${ms((check / Number(n)) * 1000)} ms per 1,000 rows)`,
    );
    // A budget, not a benchmark (the machine is shared): the chain must not make an audited transaction much slower.
    expect((chained1 - plain1) / transactions).toBeLessThan(20);
  }, 240_000);
});

// Last: it rewinds the database to before the chain existed.
describe('rows written before the chain existed', () => {
  it('join the chain in the order they were written when the migrations run, and verify', async () => {
    // The database as an older Criterion left it: rows without links, no head, no chain trigger.
    await handle().execScript(`
      alter table audit_log disable trigger user;
      alter table audit_log alter column chain_seq drop not null, alter column prev_hash drop not null,
        alter column row_hash drop not null;
      update audit_log set chain_seq = null, prev_hash = null, row_hash = null;
      drop trigger audit_log_chain on audit_log;
      drop trigger audit_log_chain_lock on audit_log;
      drop trigger audit_log_chain_head on audit_log;
      delete from audit_chain_head;
      insert into audit_log (action, subject_type, subject_id, at, after)
        select 'test.legacy', 'test', 'legacy-' || g, now() - interval '1 day' * g, jsonb_build_object('g', g)
        from generate_series(1, 30) g;
      alter table audit_log enable trigger user;`);
    const [{ n }] = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    expect((await checkChain(getDb())).ok).toBe(false);

    await migrateDatabase(handle());
    const check = await expectIntact();
    expect(check.rows).toBe(Number(n));
    const order = await rows<{ id: number }>(sql`select id from audit_log order by chain_seq`);
    const ids = order.map((o) => Number(o.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Running the migrations again changes nothing, and new rows carry on from the head.
    await migrateDatabase(handle());
    await audit(getDb(), entry(4));
    expect((await expectIntact()).rows).toBe(Number(n) + 1);
  });
});
