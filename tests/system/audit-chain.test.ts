import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresHandle, rowsOf, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { audit } from '@/lib/audit';
import { generatePrivateJwk } from '@/lib/record/keys';
import { createPgCluster, type PgCluster } from '../helpers/pg-cluster';

/**
 * The audit chain against someone who owns the database: on a private PostgreSQL cluster with the production split
 * (DATABASE_OWNER_URL owns the tables, DATABASE_URL is the app's role), the owner switches the append-only triggers
 * off and changes a row, deletes one, and cuts rows off the end; `npm run -s audit -- verify` names each time what
 * was done, and says the chain is intact again once the row is put back exactly as it was.
 */
const root = path.resolve(__dirname, '../..');
let pg: PgCluster;
let app: DbHandle;
let owner: postgres.Sql;
let appUrl: string;
let signingKey: string;

function roleUrl(base: string, role: string, database: string): string {
  const u = new URL(base);
  u.username = role;
  u.pathname = `/${database}`;
  return u.toString();
}

/** The command as an operator runs it (npm run -s audit -- ...), as the app's role, which only reads. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      path.join(root, 'node_modules/.bin/tsx'),
      ['scripts/audit.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: appUrl, RECORD_SIGNING_KEY: signingKey },
        timeout: 120_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** As the owner, with every trigger on audit_log off for the one statement: what an insider with SQL could do. */
async function asOwnerUnguarded(statement: string, ...params: (string | number)[]) {
  await owner.begin(async (tx) => {
    await tx.unsafe('alter table audit_log disable trigger user');
    await tx.unsafe(statement, params);
    await tx.unsafe('alter table audit_log enable trigger user');
  });
}

beforeAll(async () => {
  pg = await createPgCluster();
  const su = postgres(pg.url, { max: 1, onnotice: () => {} });
  await su.unsafe('create role criterion_owner login');
  await su.unsafe('create role criterion_app login');
  await su.unsafe('create database criterion owner criterion_owner');
  await su.end();
  appUrl = roleUrl(pg.url, 'criterion_app', 'criterion');
  const ownerUrl = roleUrl(pg.url, 'criterion_owner', 'criterion');
  app = postgresHandle(appUrl, { max: 4 });
  await migrateDatabase(app, { ownerUrl });
  owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  signingKey = JSON.stringify(await generatePrivateJwk());
  for (let i = 1; i <= 12; i++) {
    await audit(app.db, {
      actorId: null,
      action: 'test.system',
      subjectType: 'test',
      subjectId: `row-${i}`,
      after: { i, note: `entry ${i}` },
    });
  }
}, 180_000);

afterAll(async () => {
  await owner?.end();
  await app?.close();
  pg?.destroy();
});

/** A row as the owner reads it; `json` is the whole row as jsonb text, to the microsecond, to put it back with. */
const rowAt = async (seq: number) =>
  (await owner`select a.*, to_jsonb(a)::text as json from audit_log a where chain_seq = ${seq}`)[0] as Record<
    string,
    unknown
  > & { id: string; json: string };

describe('the app role', () => {
  it('adds chained rows through the trigger, but cannot move the head or switch the chain off', async () => {
    const asApp = postgres(appUrl, { max: 1, onnotice: () => {} });
    try {
      await expect(asApp.unsafe(`update audit_chain_head set seq = 0`)).rejects.toThrow(/permission denied/);
      await expect(asApp.unsafe('alter table audit_log disable trigger audit_log_chain')).rejects.toThrow(
        /must be owner/,
      );
      await expect(asApp.unsafe('delete from audit_seals')).rejects.toThrow(/permission denied/);
    } finally {
      await asApp.end();
    }
  });
});

describe('npm run -s audit -- verify', () => {
  it('prints the number of rows and the head hash, and exits 0, on an intact chain', async () => {
    const run = await cli('verify');
    expect(run.code, run.stderr).toBe(0);
    const head = (await owner`select seq, hash from audit_chain_head`)[0]!;
    expect(run.stdout).toContain(`Audit chain intact: 12 rows, head ${head.hash} (position 12)`);
    expect(run.stdout).toContain('No seal yet');
  });

  it('names a row changed through SQL by the owner with the triggers off, and passes again once it is restored', async () => {
    const row = await rowAt(5);
    await asOwnerUnguarded(`update audit_log set after = '{"i": 5, "note": "entry 500"}' where id = $1`, row.id);
    const run = await cli('verify');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Audit chain BROKEN: audit row id ${row.id} (chain position 5, test.system at `);
    expect(run.stdout).toContain('does not match its hash: the row was changed after it was written');

    await asOwnerUnguarded(`update audit_log set after = ($2::text::jsonb)->'after' where id = $1`, row.id, row.json);
    expect((await cli('verify')).code).toBe(0);
  });

  it('names the position of a deleted row', async () => {
    const row = await rowAt(8);
    await asOwnerUnguarded('delete from audit_log where id = $1', row.id);
    const run = await cli('verify');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /Audit chain BROKEN: chain position 8 is missing \(deleted\): the next row is audit row id \d+ \(chain position 9/,
    );

    // A row made up to fill the gap does not fit either: its hash cannot be both its own and what row 9 links to.
    await asOwnerUnguarded(
      `insert into audit_log (id, chain_seq, prev_hash, row_hash, action, subject_type, subject_id, at)
       values ($1, 8, $2, $3, 'test.forged', 'test', 'row-8', now())`,
      row.id,
      String(row.prev_hash),
      String(row.row_hash),
    );
    const forged = await cli('verify');
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain(`audit row id ${row.id} (chain position 8, test.forged`);
    await asOwnerUnguarded('delete from audit_log where id = $1', row.id);
    await asOwnerUnguarded(
      `insert into audit_log select * from jsonb_populate_record(null::audit_log, $1::text::jsonb)`,
      row.json,
    );
    expect((await cli('verify')).code).toBe(0);
  });

  it("after a learner's erasure: intact, the emptied rows counted by the erasure; an altered row is still named", async () => {
    const [learner] = rowsOf<{ id: string }>(
      await app.db.execute(
        sql`insert into users (email, name, role) values ('erase.me@example.org', 'Erin Erasable', 'learner') returning id`,
      ),
    );
    for (let i = 1; i <= 3; i++) {
      await audit(app.db, {
        actorId: null,
        action: 'test.about-learner',
        subjectType: 'user',
        subjectId: learner!.id,
        learnerId: learner!.id,
        after: { name: 'Erin Erasable', email: 'erase.me@example.org', i },
      });
    }
    await app.db.execute(sql`select criterion_erase_learner(${learner!.id}, null, 'System test')`);
    const erased = await owner`select count(*)::int as n from audit_log where erased_by is not null`;
    expect(erased[0]!.n).toBe(3);
    const run = await cli('verify');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Audit chain intact: 16 rows');

    const row = await rowAt(3);
    await asOwnerUnguarded(`update audit_log set after = '{"i": 3, "note": "entry 300"}' where id = $1`, row.id);
    const broken = await cli('verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`Audit chain BROKEN: audit row id ${row.id} (chain position 3, test.system at `);
    await asOwnerUnguarded(`update audit_log set after = ($2::text::jsonb)->'after' where id = $1`, row.id, row.json);
    expect((await cli('verify')).code).toBe(0);
  });

  it('detects a truncated tail through the latest seal, even when the owner also rewinds the head', async () => {
    const sealed = await cli('seal');
    expect(sealed.code, sealed.stderr).toBe(0);
    const jws = sealed.stdout.trim();
    expect(jws.split('.')).toHaveLength(3);
    expect(sealed.stderr).toContain('Sealed position 16');
    const verified = await cli('verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/Latest seal: position 16, sealed .*, key [\w-]{43}; 1 seal\(s\) checked/);

    // Cut the last three rows, and put the head back to the row that is now last, as an insider would.
    const last = await rowAt(9);
    await asOwnerUnguarded('delete from audit_log where chain_seq > 9');
    await owner`update audit_chain_head set seq = 9, hash = ${String(last.row_hash)}`;
    const run = await cli('verify');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /Audit chain BROKEN: seal \d+ \(sealed .*\) is at chain position 16, but the chain ends at 9: rows were removed from the end/,
    );
  });

  it('with the seals table cut back as well, a seal kept outside the database still catches it', async () => {
    const file = path.join(os.tmpdir(), `criterion-audit-seal-${process.pid}.txt`);
    const seal = (await owner`select jws from audit_seals order by id desc limit 1`)[0]!.jws as string;
    await owner.begin(async (tx) => {
      await tx.unsafe('alter table audit_seals disable trigger user');
      await tx.unsafe('delete from audit_seals');
      await tx.unsafe('alter table audit_seals enable trigger user');
    });
    fs.writeFileSync(file, seal + '\n');
    try {
      expect((await cli('verify')).code).toBe(0);
      const run = await cli('verify', '--seal', file);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('given seal 1');
      expect(run.stdout).toContain('the chain ends at 9: rows were removed from the end');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
