import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { learningHours, worksheetAnswers, worksheetSubmissions } from '@/db/schema';
import { audit } from '@/lib/audit';
import { authenticate } from '@/lib/auth/credentials';
import { hashPassword } from '@/lib/auth/password';
import { eraseLearner, eraseLearnerInput } from '@/lib/erasure/erase';
import { retentionDue, runRetention } from '@/lib/erasure/retention';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { getFileStore } from '@/lib/files/store';
import { notificationWorker } from '@/lib/notifications/worker';
import { recordQaDecision } from '@/lib/qa/decisions';
import { drawQaSample } from '@/lib/qa/draw';
import { checkChain } from '@/lib/record/audit-chain';
import { exportLearnerRecord } from '@/lib/record/export';
import { resetPassword, setAccountActive } from '../helpers/admin';
import { useTestDatabase } from '../helpers/db';
import { qaCast, judged, period } from '../helpers/qa';
import { seedRecord, useRecordEnvironment } from '../helpers/record';

/**
 * Erasure of a learner's personal data (issue 22, data protection), on PGlite and PostgreSQL: what goes (names,
 * emails, the learner's words, files' names and bytes, the content of audit rows about them), what stays (judgements
 * with outcomes, sign-offs with the version's hash and word count, QA decisions), who may do it, and that the audit
 * chain still verifies, and still names a row altered afterwards. Then the retention job. The database's own refusal
 * to the app role: tests/system/db-roles.test.ts.
 */
const { handle } = useTestDatabase();
useRecordEnvironment();

const q = async <T = Record<string, unknown>>(statement: ReturnType<typeof sql>) =>
  rowsOf<T>(await getDb().execute(statement));
const input = (raw: unknown) => eraseLearnerInput.parse(raw);
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as Error,
  );
/** The database's own message, under drizzle's "Failed query" wrapper. */
async function refusal(p: Promise<unknown>): Promise<string> {
  const messages: string[] = [];
  for (let e: unknown = await rejection(p); e; e = (e as { cause?: unknown }).cause)
    messages.push((e as Error).message);
  return messages.join(' / ');
}

/** Every row of the learner's record and of the audit log, as text: what must no longer hold their data. */
async function everything(learnerId: string): Promise<string> {
  const tables = [
    'users',
    'evidence',
    'evidence_files',
    'evidence_criteria',
    'judgement_responses',
    'report_versions',
    'report_drafts',
    'worksheet_answers',
    'worksheet_submissions',
    'learning_hours',
    'qa_sample_items',
  ];
  const parts: string[] = [];
  for (const t of tables) {
    const col = t === 'users' ? 'id' : 'learner_id';
    const rows = await q<{ j: string }>(
      sql`select row_to_json(x)::text as j from ${sql.identifier(t)} x where ${sql.identifier(col)} = ${learnerId}`,
    );
    parts.push(...rows.map((r) => r.j));
  }
  parts.push(...(await q<{ j: string }>(sql`select row_to_json(a)::text as j from audit_log a`)).map((r) => r.j));
  return parts.join('\n');
}

async function expectChainIntact() {
  const check = await checkChain(getDb());
  if (!check.ok) throw new Error(check.problem);
}

/** As the owner with the audit log's triggers off for one statement: what an insider with SQL could do. */
async function unguarded(statement: ReturnType<typeof sql>) {
  await getDb().transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
}

let c: Awaited<ReturnType<typeof seedRecord>>;
let before: { email: string; name: string; storageKey: string; signedHash: string; judgements: string };
const PASSWORD = 'a long demo passphrase 7f3a';
const SECRET_WORDS = ['I listened, said sorry and fixed it.', 'Customer survey (final).pdf', 'My stall on Saturdays'];

beforeAll(async () => {
  c = await seedRecord();
  const db = getDb();
  await db.insert(worksheetAnswers).values({
    learnerId: c.learner.id,
    moduleSlug: 'ws-2-8-keeping-customers',
    answers: { contacts: [{ point: 'My stall on Saturdays', good: 'Smile' }] },
    version: 1,
  });
  await db.insert(worksheetSubmissions).values({
    learnerId: c.learner.id,
    moduleSlug: 'ws-2-8-keeping-customers',
    number: 1,
    answers: { contacts: [{ point: 'My stall on Saturdays', good: 'Smile' }] },
    answersVersion: 1,
  });
  await db
    .insert(learningHours)
    .values({ learnerId: c.learner.id, spentOn: '2026-11-02', minutes: 60, activity: 'My stall on Saturdays' });
  // Audit rows that hold the learner's data: about their account, by them, about their work; and one about another.
  await audit(db, {
    actorId: c.admin.id,
    action: 'account.create',
    subjectType: 'user',
    subjectId: c.learner.id,
    learnerId: c.learner.id,
    after: { name: c.learner.name, email: c.learner.email },
  });
  await audit(db, {
    actorId: c.learner.id,
    action: 'evidence.create',
    subjectType: 'evidence',
    subjectId: c.evidenceIds[1]!,
    learnerId: c.learner.id,
    after: { body: SECRET_WORDS[0] },
  });
  await audit(db, {
    actorId: c.admin.id,
    action: 'account.create',
    subjectType: 'user',
    subjectId: c.otherLearner.id,
    learnerId: c.otherLearner.id,
    after: { name: c.otherLearner.name },
  });
  const [file] = await q<{ key: string }>(
    sql`select storage_key as key from evidence_files where learner_id = ${c.learner.id}`,
  );
  const [signed] = await q<{ hash: string }>(
    sql`select content_hash as hash from report_decisions where learner_id = ${c.learner.id} and outcome = 'signed_off'`,
  );
  const judgementsText = await q<{ j: string }>(
    sql`select string_agg(criterion_id || outcome || assessor_id || created_at, ',' order by id) as j
        from judgements where learner_id = ${c.learner.id}`,
  );
  before = {
    email: c.learner.email,
    name: c.learner.name,
    storageKey: file!.key,
    signedHash: signed!.hash,
    judgements: judgementsText[0]!.j,
  };
  await db.execute(sql`update users set password_hash = ${await hashPassword(PASSWORD)} where id = ${c.learner.id}`);
  expect((await authenticate({ email: c.learner.email, password: PASSWORD }, '203.0.113.9')).id).toBe(c.learner.id);
  const text = await everything(c.learner.id);
  for (const s of [before.email, before.name, ...SECRET_WORDS]) expect(text).toContain(s);
});

describe('erasure by an administrator', () => {
  it('is refused to anyone but an administrator, and without the learner’s email typed to confirm', async () => {
    for (const actor of [c.learner, c.assessor, c.coach, c.otherLearner]) {
      const e = await rejection(
        eraseLearner(actor, input({ learnerId: c.learner.id, confirmation: c.learner.email, reason: 'Asked to.' })),
      );
      expect(e, actor.role).toBeInstanceOf(ForbiddenError);
    }
    for (const confirmation of ['', 'someone@example.org', c.learner.name]) {
      const e = await rejection(
        eraseLearner(c.admin, input({ learnerId: c.learner.id, confirmation, reason: 'Asked to.' })),
      );
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fieldErrors?.confirmation).toContain(c.learner.email);
    }
    expect(
      eraseLearnerInput.safeParse({ learnerId: c.learner.id, confirmation: c.learner.email, reason: ' ' }).success,
    ).toBe(false);
    const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from learner_erasures`);
    expect(n).toBe(0);
    expect(await everything(c.learner.id)).toContain(SECRET_WORDS[0]);
  });

  it('removes the personal data, keeps the decisions and the hashes, and audits who, whom, when and why', async () => {
    const result = await eraseLearner(
      c.admin,
      input({
        learnerId: c.learner.id,
        confirmation: c.learner.email.toUpperCase(),
        reason: 'Learner’s request of 1 Dec',
      }),
    );
    expect(result).toMatchObject({
      erased: true,
      filesRemoved: 1,
      pseudonym: expect.stringMatching(/^Erased learner [0-9a-f]{6}$/),
    });

    const text = await everything(c.learner.id);
    for (const s of [before.email, before.name, ...SECRET_WORDS]) expect(text).not.toContain(s);
    expect(await getFileStore().get(before.storageKey)).toBeNull();

    const [u] = await q<{ name: string; email: string; active: boolean; hash: string | null; sv: number }>(
      sql`select name, email, active, password_hash as hash, session_version as sv from users where id = ${c.learner.id}`,
    );
    expect(u).toMatchObject({ name: result.pseudonym, active: false, hash: null });
    expect(u!.email).toMatch(/^erased-[0-9a-f-]{36}@erased\.invalid$/);
    expect(u!.sv).toBeGreaterThan(0);

    // Decisions stay exactly: every judgement, and the sign-off with the hash and word count of text now gone.
    const judgementsText = await q<{ j: string }>(
      sql`select string_agg(criterion_id || outcome || assessor_id || created_at, ',' order by id) as j
          from judgements where learner_id = ${c.learner.id}`,
    );
    expect(judgementsText[0]!.j).toBe(before.judgements);
    const [signed] = await q<{ hash: string; words: number; content: string; vhash: string }>(
      sql`select d.content_hash as hash, d.counted_words as words, v.content, v.content_hash as vhash
          from report_decisions d join report_versions v on v.id = d.version_id
          where d.learner_id = ${c.learner.id} and d.outcome = 'signed_off'`,
    );
    expect(signed).toEqual({ hash: before.signedHash, words: 3002, content: '', vhash: before.signedHash });
    const [file] = await q<{ sha: string; name: string }>(
      sql`select sha256 as sha, original_name as name from evidence_files where learner_id = ${c.learner.id}`,
    );
    expect(file).toEqual({ sha: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'erased' });

    // The audit rows about them are emptied and point at the erasure; the row about someone else is untouched.
    const [erasure] = await q<{ id: number; actor: string; after: Record<string, unknown> }>(
      sql`select id, actor_id as actor, after from audit_log where action = 'learner.erased' and learner_id = ${c.learner.id}`,
    );
    expect(erasure).toMatchObject({
      actor: c.admin.id,
      after: { reason: 'Learner’s request of 1 Dec', pseudonym: result.pseudonym },
    });
    const mine = await q<{ erasedBy: number | null; before: unknown; after: unknown; action: string }>(
      sql`select erased_by as "erasedBy", before, after, action from audit_log
          where (learner_id = ${c.learner.id} or actor_id = ${c.learner.id}) and action <> 'learner.erased'`,
    );
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const r of mine)
      expect({ ...r, erasedBy: Number(r.erasedBy) }).toMatchObject({
        erasedBy: Number(erasure!.id),
        before: null,
        after: null,
      });
    expect((erasure!.after as { erasedAuditRows: number }).erasedAuditRows).toBe(mine.length);
    const [other] = await q<{ after: { name: string } }>(
      sql`select after from audit_log where subject_id = ${c.otherLearner.id} and action = 'account.create'`,
    );
    expect(other!.after.name).toBe(c.otherLearner.name);
    await expectChainIntact();
  });

  it('leaves the learner unable to sign in, by their old address or any other, and the account closed for good', async () => {
    for (const change of [
      setAccountActive(c.admin, { userId: c.learner.id, active: 'true' }),
      resetPassword(c.admin, { userId: c.learner.id, password: 'a new passphrase for them 91' }),
    ]) {
      const e = await rejection(change);
      expect(e).toBeInstanceOf(ValidationError);
      expect(e!.message).toContain('erased');
    }
    const exported = await rejection(exportLearnerRecord(c.admin, c.learner.id));
    expect(exported).toBeInstanceOf(ValidationError);
    expect(exported!.message).toContain('no record left to export');
    await expect(authenticate({ email: before.email, password: PASSWORD }, '203.0.113.9')).rejects.toThrow(
      ValidationError,
    );
    const [u] = await q<{ email: string }>(sql`select email from users where id = ${c.learner.id}`);
    await expect(authenticate({ email: u!.email, password: PASSWORD }, '203.0.113.9')).rejects.toThrow(ValidationError);
  });

  it('is idempotent: erasing again changes nothing and writes nothing', async () => {
    const [{ n: rows }] = await q<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    const [{ name }] = await q<{ name: string }>(sql`select name from users where id = ${c.learner.id}`);
    const again = await eraseLearner(c.admin, input({ learnerId: c.learner.id, confirmation: '', reason: 'Again.' }));
    expect(again).toMatchObject({ erased: false, pseudonym: name });
    const [{ n: after }] = await q<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    expect(after).toBe(rows);
    await expectChainIntact();
  });

  it('keeps the audit chain verifiable, and verify still names a row altered through SQL', async () => {
    // A row that was not erased, altered with the triggers off: named, as before erasures existed.
    const [plain] = await q<{ id: number; after: string }>(
      sql`select id, after::text as after from audit_log where subject_id = ${c.otherLearner.id} and action = 'account.create'`,
    );
    await unguarded(sql`update audit_log set after = '{"name": "Someone else"}' where id = ${plain!.id}`);
    let check = await checkChain(getDb());
    expect(check).toMatchObject({ ok: false, rowId: Number(plain!.id) });
    expect(!check.ok && check.problem).toContain('does not match its hash');
    await unguarded(sql`update audit_log set after = ${plain!.after}::jsonb where id = ${plain!.id}`);
    await expectChainIntact();

    // An erased row whose kept columns are changed: the erasure's own row no longer agrees with it.
    const [erased] = await q<{ id: number; action: string; erasedBy: number }>(
      sql`select id, action, erased_by as "erasedBy" from audit_log where erased_by is not null order by chain_seq limit 1`,
    );
    await unguarded(sql`update audit_log set action = 'account.disable' where id = ${erased!.id}`);
    check = await checkChain(getDb());
    expect(check).toMatchObject({ ok: false, rowId: Number(erased!.erasedBy) });
    expect(!check.ok && check.problem).toContain('do not match what it recorded');
    await unguarded(sql`update audit_log set action = ${erased!.action} where id = ${erased!.id}`);
    await expectChainIntact();

    // A row emptied outside an erasure (marked as erased by it afterwards): caught too.
    await unguarded(
      sql`update audit_log set before = null, after = null, erased_by = ${erased!.erasedBy} where id = ${plain!.id}`,
    );
    expect(await checkChain(getDb())).toMatchObject({ ok: false });
    await unguarded(sql`update audit_log set after = ${plain!.after}::jsonb, erased_by = null where id = ${plain!.id}`);
    await expectChainIntact();
  });

  it('is refused by the database outside the erasure function', async () => {
    for (const statement of [
      sql`update report_versions set content = 'x' where learner_id = ${c.learner.id}`,
      sql`update evidence_files set original_name = 'x'`,
      sql`update audit_log set after = null where id = (select min(id) from audit_log)`,
      sql`delete from judgements where learner_id = ${c.learner.id}`,
    ]) {
      expect(await refusal(getDb().execute(statement))).toMatch(/append-only|immutable|refused/);
    }
    // The erasure's setting names one learner and allows only the listed columns, even inside the owner's transaction.
    const withSetting = (statement: ReturnType<typeof sql>, learnerId = c.learner.id) =>
      getDb().transaction(async (tx) => {
        await tx.execute(sql`select set_config('criterion.erasure', ${`content:${learnerId}`}, true)`);
        await tx.execute(statement);
      });
    expect(
      await refusal(
        withSetting(
          sql`update evidence_files set original_name = 'x' where learner_id = ${c.learner.id}`,
          c.otherLearner.id,
        ),
      ),
    ).toMatch(/append-only/);
    expect(
      await refusal(withSetting(sql`update judgements set feedback = '' where learner_id = ${c.learner.id}`)),
    ).toMatch(/append-only/);
  });
});

describe('the retention job', () => {
  it('erases only the decisions of learners erased more than RETENTION_YEARS ago, once', async () => {
    // A second erased learner with QA decisions on their judgements, erased "seven years ago"; the first stays recent.
    const qa = await qaCast();
    const { judgementId } = await judged(qa.amira, qa.priya, 'ee2/pc/1');
    await judged(qa.ben, qa.ian, 'ee2/pc/1');
    const drawn = await drawQaSample(qa.iris, { cohortId: qa.cohortId, ...period() });
    const item = drawn.items.find((i) => i.subjectId === judgementId)!;
    await recordQaDecision(qa.ian, { itemId: item.id, verdict: 'agree', feedback: 'Sound.' });
    await eraseLearner(qa.admin, input({ learnerId: qa.amira.id, confirmation: qa.amira.email, reason: 'Left.' }));
    await getDb().execute(
      sql`update learner_erasures set erased_at = now() - interval '7 years' where learner_id = ${qa.amira.id}`,
    );
    const count = async (table: string, learnerId: string) =>
      (
        await q<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(table)} where learner_id = ${learnerId}`,
        )
      )[0]!.n;

    expect((await retentionDue(6)).map((d) => d.learnerId)).toEqual([qa.amira.id]);
    const dry = await runRetention({ years: 6, dryRun: true });
    expect(dry).toMatchObject({ due: [{ learnerId: qa.amira.id }], erased: [] });
    expect(await count('judgements', qa.amira.id)).toBe(1);

    const run = await runRetention({ years: 6 });
    expect(run.erased).toEqual([
      { learnerId: qa.amira.id, counts: { qaDecisions: 1, judgements: 1, reportDecisions: 0, reportVersions: 0 } },
    ]);
    expect(await count('judgements', qa.amira.id)).toBe(0);
    expect(await count('qa_sample_items', qa.amira.id)).toBe(0);
    // The recently erased learner and a learner never erased keep theirs.
    expect(await count('judgements', c.learner.id)).toBe(3);
    expect(await count('report_decisions', c.learner.id)).toBe(2);
    expect(await count('judgements', qa.ben.id)).toBe(1);
    expect(await count('qa_sample_items', qa.ben.id)).toBe(1);
    const [done] = await q<{ at: string | null }>(
      sql`select decisions_erased_at as at from learner_erasures where learner_id = ${qa.amira.id}`,
    );
    expect(done!.at).not.toBeNull();
    const [logged] = await q<{ after: Record<string, number> }>(
      sql`select after from audit_log where action = 'retention.erased' and learner_id = ${qa.amira.id}`,
    );
    expect(logged!.after).toMatchObject({ judgements: 1, retentionYears: 6 });

    // Idempotent: nothing is due the second time; a shorter period reaches the recent erasure only when it is due.
    expect(await runRetention({ years: 6 })).toMatchObject({ due: [], erased: [] });
    expect((await retentionDue(1)).map((d) => d.learnerId)).toEqual([]);
    expect(await refusal(getDb().execute(sql`select criterion_erase_retained(${c.learner.id}, 6)`))).toMatch(
      /within the 6 years/,
    );

    // The notifications worker's daily step runs the same job: once the first erasure is old enough, its learner's
    // report versions and decisions go too, and nothing more.
    await getDb().execute(
      sql`update learner_erasures set erased_at = now() - interval '7 years' where learner_id = ${c.learner.id}`,
    );
    await notificationWorker(handle(), { transport: null }).round({ daily: true });
    for (const table of ['judgements', 'report_versions', 'report_decisions', 'judgement_responses'])
      expect(await count(table, c.learner.id), table).toBe(0);
    expect(await count('evidence', c.learner.id)).toBe(2);
    expect(await count('judgements', qa.ben.id)).toBe(1);
    await expectChainIntact();
  });
});
