import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { checkChain } from '@/lib/record/audit-chain';
import { startAppServer, type AppServer } from '../helpers/app-server';
import { signInHttp } from '../helpers/http-session';
import { createPgCluster, type PgCluster } from '../helpers/pg-cluster';
import { readWorksheet, saveWorksheet } from '../helpers/worksheet-client';

/**
 * PostgreSQL with two roles (DATABASE_OWNER_URL owns the tables, DATABASE_URL is the app's): the production build
 * migrates as the owner and serves as the app role, and the app role cannot switch the record's rules off.
 */
let pg: PgCluster;
let app: AppServer;
let asApp: postgres.Sql;
let appUrl: string;

const RECORDS = [
  'audit_log',
  'audit_seals',
  'evidence_files',
  'judgements',
  'judgement_responses',
  'report_versions',
  'report_decisions',
  'report_ac_judgements',
  'report_uploads',
  'worksheet_submissions',
  'worksheet_comments',
  'sampling_plans',
  'qa_samples',
  'qa_sample_items',
  'qa_decisions',
  'report_countersignatures',
  'sign_off_supersessions',
  'qa_action_responses',
];

function roleUrl(base: string, role: string, database: string): string {
  const u = new URL(base);
  u.username = role;
  u.pathname = `/${database}`;
  return u.toString();
}

beforeAll(async () => {
  pg = await createPgCluster();
  const su = postgres(pg.url, { max: 1, onnotice: () => {} });
  await su.unsafe('create role criterion_owner login');
  await su.unsafe('create role criterion_app login');
  await su.unsafe('create database criterion owner criterion_owner');
  await su.end();
  appUrl = roleUrl(pg.url, 'criterion_app', 'criterion');
  app = await startAppServer({
    DATABASE_URL: appUrl,
    DATABASE_OWNER_URL: roleUrl(pg.url, 'criterion_owner', 'criterion'),
    DEMO_SEED: 'always',
    DATABASE_POOL_MAX: '4',
  });
  asApp = postgres(appUrl, { max: 1, onnotice: () => {} });
}, 180_000);

afterAll(async () => {
  await asApp?.end();
  await app?.stop();
  pg?.destroy();
});

/** The server's message for a statement the app role sends; fails the test if the statement succeeds. */
async function refused(statement: string): Promise<string> {
  const e = await asApp.unsafe(statement).then(
    () => null,
    (err: unknown) => err as Error,
  );
  expect(e, `${statement} should be refused`).toBeInstanceOf(Error);
  return e!.message;
}

describe('the app runs as a role that does not own the tables', () => {
  it('serves as the app role: sign-in, a worksheet autosave and new evidence all work', async () => {
    const cookie = await signInHttp(app.url, 'learner@example.com', 'criterion-demo');
    expect((await fetch(`${app.url}/learner`, { headers: { cookie } })).status).toBe(200);
    const { version } = await readWorksheet(app.url, cookie);
    expect((await saveWorksheet(app.url, cookie, version, 'Answered within three rings')).status).toBe(200);
    const form = new FormData();
    form.set('kind', 'account');
    form.set('title', 'Asked my customers');
    form.set('occurredOn', new Date().toISOString().slice(0, 10));
    form.set('body', 'What I did with customers.');
    form.set('criteria', JSON.stringify([{ id: 'ee2/pc/1', note: '' }]));
    expect(
      (await fetch(`${app.url}/api/evidence`, { method: 'POST', headers: { cookie, origin: app.url }, body: form }))
        .status,
    ).toBe(201);
  });

  it('owns nothing, and every statement that would undo the record is refused to it', async () => {
    const [{ n }] = await asApp<{ n: number }[]>`
      select count(*)::int as n from pg_class where relowner = (select oid from pg_roles where rolname = current_user)`;
    expect(n).toBe(0);
    for (const t of [...RECORDS, 'evidence', 'evidence_criteria', 'users']) {
      expect(await refused(`truncate ${t} cascade`)).toMatch(/permission denied/);
    }
    for (const t of RECORDS) {
      expect(await refused(`delete from ${t}`)).toMatch(new RegExp(`permission denied for table ${t}`));
      expect(await refused(`update ${t} set id = id`)).toMatch(new RegExp(`permission denied for table ${t}`));
    }
    expect(await refused('delete from evidence')).toMatch(/permission denied for table evidence/);
    expect(await refused('alter table report_versions disable trigger report_versions_immutable')).toMatch(
      /must be owner/,
    );
    expect(await refused('alter table audit_log disable trigger all')).toMatch(/must be owner/);
    expect(await refused('drop trigger judgements_append_only on judgements')).toMatch(/must be owner/);
    expect(
      await refused(
        'create trigger sneaky before delete on evidence for each row execute function suppress_redundant_updates_trigger()',
      ),
    ).toMatch(/permission denied/);
    expect(await refused('set session_replication_role = replica')).toMatch(/permission denied/);
    expect(
      await refused(
        'create or replace function criterion_refuse_change() returns trigger as $$ begin return null; end $$ language plpgsql',
      ),
    ).toMatch(/must be owner|permission denied/);
    // What the app does need still works for it.
    const [{ users }] = await asApp<{ users: number }[]>`select count(*)::int as users from users`;
    expect(users).toBeGreaterThan(0);
  });
});

describe("erasure of a learner (issue 22): a narrow exception, through the owner's function only", () => {
  it('the app role cannot use the erasure setting to change the record, but can call the erasure function', async () => {
    const [dev] = await asApp<{ id: string }[]>`select id from users where email = 'learner3@example.com'`;
    const [admin] = await asApp<{ id: string }[]>`select id from users where email = 'admin@example.com'`;
    const setting = `content:${dev!.id}`;
    // The setting the erasure functions use, set by hand: the app role is not the owner, so it opens nothing.
    const withSetting = (statement: string) =>
      asApp
        .begin(async (tx) => {
          await tx`select set_config('criterion.erasure', ${setting}, true)`;
          await tx.unsafe(statement);
        })
        .then(
          () => 'accepted',
          (e: Error) => e.message,
        );
    expect(await withSetting(`update report_versions set content = '' where learner_id = '${dev!.id}'`)).toMatch(
      /permission denied for table report_versions/,
    );
    expect(await withSetting(`update audit_log set after = null where learner_id = '${dev!.id}'`)).toMatch(
      /permission denied for table audit_log/,
    );
    expect(
      await withSetting(`update evidence set description = '' where learner_id = '${dev!.id}'
        and id in (select unnest(evidence_ids) from judgements where outcome = 'met')`),
    ).toMatch(/has been judged met: UPDATE refused/);
    expect(
      await withSetting(`insert into learner_erasures (learner_id, pseudonym, reason, audit_id)
      values ('${dev!.id}', 'x', 'x', 1)`),
    ).toMatch(/permission denied for table learner_erasures/);

    // The erasure itself, as the app calls it: the owner's function empties the listed columns and nothing else.
    const [{ result }] = await asApp<{ result: { erased: boolean; pseudonym: string } }[]>`
      select criterion_erase_learner(${dev!.id}, ${admin!.id}, 'The learner asked') as result`;
    expect(result).toMatchObject({ erased: true, pseudonym: expect.stringMatching(/^Erased learner /) });
    const [left] = await asApp<{ met: number; texts: number }[]>`
      select (select count(*)::int from judgements where learner_id = ${dev!.id} and outcome = 'met') as met,
             (select count(*)::int from evidence where learner_id = ${dev!.id} and description <> '') as texts`;
    expect(left!.met).toBeGreaterThan(0);
    expect(left!.texts).toBe(0);
    const handle = postgresHandle(appUrl, { max: 1 });
    try {
      const check = await checkChain(handle.db);
      expect(check.ok, check.ok ? '' : check.problem).toBe(true);
    } finally {
      await handle.close();
    }
    // The retention step refuses a learner erased within the period, whoever calls it.
    expect(
      await asApp`select criterion_erase_retained(${dev!.id}, 6)`.then(
        () => 'accepted',
        (e: Error) => e.message,
      ),
    ).toMatch(/within the 6 years/);
  });
});

describe('a database the app role set up on its own (before DATABASE_OWNER_URL)', () => {
  it('is refused with the command that hands its tables to the owner, then migrates once that is done', async () => {
    const su = postgres(pg.url, { max: 1, onnotice: () => {} });
    await su.unsafe('create database legacy owner criterion_app');
    const suLegacy = postgres(roleUrl(pg.url, 'postgres', 'legacy'), { max: 1, onnotice: () => {} });
    const appHandle = postgresHandle(roleUrl(pg.url, 'criterion_app', 'legacy'), { max: 2 });
    const ownerUrl = roleUrl(pg.url, 'criterion_owner', 'legacy');
    try {
      await migrateDatabase(appHandle);
      await expect(migrateDatabase(appHandle, { ownerUrl })).rejects.toThrow(
        /REASSIGN OWNED BY "criterion_app" TO "criterion_owner"/,
      );
      await suLegacy.unsafe('reassign owned by criterion_app to criterion_owner');
      await migrateDatabase(appHandle, { ownerUrl });
      const owned = await appHandle.db.execute(
        sql`select 1 from pg_class where relowner = (select oid from pg_roles where rolname = current_user)`,
      );
      expect(owned).toHaveLength(0);
      await expect(appHandle.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    } finally {
      await appHandle.close();
      await suLegacy.end();
      await su.end();
    }
  });
});
