import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import {
  enrolments,
  evidence,
  evidenceCriteria,
  evidenceFiles,
  judgements,
  priorDecisions,
  recordImports,
  users,
} from '@/db/schema';
import { getFileStore } from '@/lib/files/store';
import { exportLearnerRecord } from '@/lib/record/export';
import { importRecord } from '@/lib/record/import';
import { generatePrivateJwk, publishedKeys, resetRecordKeys, signDetached } from '@/lib/record/keys';
import { MANIFEST_TYP } from '@/lib/record/record-schema';
import { useSecondDatabase, useTestDatabase } from '../helpers/db';
import { FILE_BYTES, seedRecord, useRecordEnvironment } from '../helpers/record';

/**
 * A second Criterion imports a record the first exported (issue 22): two databases, two signing keys. The record is
 * refused until the receiving centre trusts the sender's key; then the learner, evidence and files arrive and the
 * sender's decisions become recognised prior decisions, never this centre's judgements. Importing twice changes
 * nothing; unknown criteria are refused whole. On PGlite and PostgreSQL.
 */
const first = useTestDatabase();
const second = useSecondDatabase();
useRecordEnvironment();

const A = () => first.handle().db;
const B = () => second.handle().db;
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

let c: Awaited<ReturnType<typeof seedRecord>>;
let zip: Uint8Array;
let senderKeys: Awaited<ReturnType<typeof publishedKeys>>;
let admin: { id: string; role: 'admin' };
let keyA: object;
let keyB: object;

async function useKey(jwk: object) {
  process.env.RECORD_SIGNING_KEY = JSON.stringify(jwk);
  resetRecordKeys();
}

beforeAll(async () => {
  // Centre A signs with its key...
  keyA = await generatePrivateJwk();
  keyB = await generatePrivateJwk();
  await useKey(keyA);
  c = await seedRecord();
  zip = (await exportLearnerRecord(c.learner, c.learner.id, A())).zip;
  senderKeys = await publishedKeys();
  // ...and centre B, where the rest of the file runs, has a key of its own.
  await useKey(keyB);
  const [a] = await B()
    .insert(users)
    .values({ email: 'admin@centre-b.example', name: 'Bea Admin', role: 'admin' })
    .returning();
  admin = { id: a!.id, role: 'admin' };
});

async function counts(db: Db) {
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`select (select count(*) from users)::int as users, (select count(*) from evidence)::int as evidence,
      (select count(*) from evidence_files)::int as files, (select count(*) from evidence_criteria)::int as mappings,
      (select count(*) from prior_decisions)::int as prior, (select count(*) from judgements)::int as judgements,
      (select count(*) from record_imports)::int as imports, (select count(*) from enrolments)::int as enrolments,
      (select count(*) from audit_log)::int as audit`),
  );
  return row!;
}

describe('importing a signed record into another Criterion', () => {
  it('refuses a record signed with a key this Criterion does not trust, and writes nothing', async () => {
    const before = await counts(B());
    const result = await importRecord(admin, zip, {}, B());
    expect(result).toMatchObject({
      ok: false,
      problem: expect.stringContaining('This Criterion does not trust that key: add the issuing centre'),
    });
    expect(await counts(B())).toEqual(before);
  });

  it('is for administrators only', async () => {
    await expect(importRecord({ id: c.learner.id, role: 'learner' }, zip, {}, B())).rejects.toThrow(
      /Only an administrator/,
    );
  });

  it('brings the learner, evidence, files and mappings, and the decisions as recognised prior decisions', async () => {
    process.env.RECORD_TRUSTED_KEYS = JSON.stringify(senderKeys);
    const result = await importRecord(admin, zip, {}, B());
    expect(result).toMatchObject({ ok: true, alreadyImported: false });
    if (!result.ok) return;
    expect(result.summary.join('\n')).toContain('2 piece(s) of evidence, 4 recognised prior decision(s)');
    const db = B();
    const [learner] = await db.select().from(users).where(eq(users.id, result.learnerId));
    expect(learner).toMatchObject({
      email: c.learner.email,
      name: c.learner.name,
      role: 'learner',
      passwordHash: null,
    });
    expect(
      (await db.select().from(enrolments).where(eq(enrolments.learnerId, learner!.id))).map((e) => e.moduleSlug).sort(),
    ).toEqual(['ee2-win-keep-customers', 'u306-customers-retention']);
    const ev = await db.select().from(evidence).where(eq(evidence.learnerId, learner!.id));
    expect(ev.map((e) => e.title).sort()).toEqual(['Customer survey', 'Handling a complaint']);
    const [file] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.learnerId, learner!.id));
    expect(file).toMatchObject({ originalName: 'Customer survey (final).pdf', sha256: sha(FILE_BYTES) });
    expect(Buffer.from((await getFileStore().get(file!.storageKey))!).equals(FILE_BYTES)).toBe(true);
    const mappings = await db.select().from(evidenceCriteria).where(eq(evidenceCriteria.learnerId, learner!.id));
    expect(mappings.map((m) => m.criterionId).sort()).toEqual(['ee2/pc/1', 'ee2/pc/2']);
    // The other centre's decisions are not this centre's judgements...
    expect(await db.select().from(judgements).where(eq(judgements.learnerId, learner!.id))).toEqual([]);
    // ...they are recognised prior decisions: who, where, when.
    const prior = await db.select().from(priorDecisions).where(eq(priorDecisions.learnerId, learner!.id));
    expect(prior.map((p) => `${p.kind} ${p.criterionId} ${p.outcome}`).sort()).toEqual([
      'judgement ee2/pc/1 met',
      'judgement ee2/pc/2 met',
      'judgement ee2/pc/2 not_yet_met',
      'sign_off null signed_off',
    ]);
    expect(prior[0]).toMatchObject({ decidedBy: c.assessor.name, decidedByEmail: c.assessor.email });
    const [imp] = await db.select().from(recordImports).where(eq(recordImports.id, result.importId));
    expect(imp).toMatchObject({ importedBy: admin.id, kid: senderKeys.keys[0]!.kid });
    const audits = rowsOf<{ action: string }>(
      await db.execute(sql`select action from audit_log where subject_id = ${result.importId}`),
    );
    expect(audits).toEqual([{ action: 'record.imported' }]);
  });

  it('changes nothing when the same record is imported again', async () => {
    const before = await counts(B());
    const again = await importRecord(admin, zip, {}, B());
    expect(again).toMatchObject({ ok: true, alreadyImported: true });
    expect(await counts(B())).toEqual(before);
  });

  it('adds only what is new from a later record of the same learner', async () => {
    // Centre A records one more piece of evidence and judges it; the learner brings the newer record.
    const [more] = await A()
      .insert(evidence)
      .values({
        learnerId: c.learner.id,
        authorId: c.learner.id,
        kind: 'account',
        title: 'A returning customer',
        occurredOn: '2026-04-01',
        body: 'She came back because I remembered her order.',
      })
      .returning();
    await A().insert(evidenceCriteria).values({
      evidenceId: more!.id,
      criterionId: 'ee2/pc/3',
      moduleSlug: 'ee2-win-keep-customers',
      learnerId: c.learner.id,
    });
    await A()
      .insert(judgements)
      .values({
        learnerId: c.learner.id,
        criterionId: 'ee2/pc/3',
        moduleSlug: 'ee2-win-keep-customers',
        outcome: 'met',
        assessorId: c.assessor.id,
        evidenceIds: [more!.id],
      });
    await useKey(keyA);
    const later = (await exportLearnerRecord(null, c.learner.id, A())).zip;
    await useKey(keyB);
    const before = await counts(B());
    const result = await importRecord(admin, later, {}, B());
    expect(result).toMatchObject({ ok: true, alreadyImported: false });
    const after = await counts(B());
    expect(after).toMatchObject({
      users: before.users,
      evidence: before.evidence + 1,
      files: before.files,
      mappings: before.mappings + 1,
      prior: before.prior + 1,
      judgements: before.judgements,
      imports: before.imports + 1,
      enrolments: before.enrolments,
    });
  });

  it('refuses a record naming a criterion this Criterion does not have, whole', async () => {
    const z = await JSZip.loadAsync(zip);
    const record = JSON.parse(await z.file('record.json')!.async('string'));
    record.evidence[1].mappings.push({
      criterionId: 'zz9/pc/42',
      moduleSlug: 'zz9',
      note: '',
      mappedAt: record.exportedAt,
    });
    record.recordId = crypto.randomUUID();
    const recordBytes = Buffer.from(JSON.stringify(record));
    const manifest = JSON.parse(await z.file('manifest.json')!.async('string'));
    manifest.recordId = record.recordId;
    for (const f of manifest.files) {
      if (f.path === 'record.json') Object.assign(f, { sha256: sha(recordBytes), bytes: recordBytes.length });
    }
    const manifestBytes = Buffer.from(JSON.stringify(manifest));
    // Signed with this centre's own key, which it trusts: only the unknown id is wrong.
    z.file('record.json', recordBytes);
    z.file('manifest.json', manifestBytes);
    z.file('signature.jws', await signDetached(manifestBytes, MANIFEST_TYP));
    const before = await counts(B());
    const result = await importRecord(admin, await z.generateAsync({ type: 'uint8array' }), {}, B());
    expect(result).toEqual({
      ok: false,
      problem: expect.stringMatching(/^This Criterion does not have this criterion: zz9\/pc\/42\. Records are matched/),
    });
    expect(await counts(B())).toEqual(before);
  });

  it('refuses a changed record, naming the change', async () => {
    const z = await JSZip.loadAsync(zip);
    z.file('record.html', (await z.file('record.html')!.async('string')).replace('Learner record', 'Learner recorc'));
    const result = await importRecord(admin, await z.generateAsync({ type: 'uint8array' }), {}, B());
    expect(result).toEqual({
      ok: false,
      problem:
        'The record did not verify: record.html does not match its hash in the manifest: it was changed. Nothing was imported.',
    });
  });

  it('refuses a learner email that belongs to a staff account here', async () => {
    await B().insert(users).values({ email: c.otherLearner.email, name: 'Same email, staff here', role: 'assessor' });
    await useKey(keyA);
    const other = (await exportLearnerRecord(null, c.otherLearner.id, A())).zip;
    await useKey(keyB);
    const before = await counts(B());
    expect(await importRecord(admin, other, {}, B())).toEqual({
      ok: false,
      problem: `${c.otherLearner.email} belongs to an assessor account here, not a learner. Nothing was imported.`,
    });
    expect(await counts(B())).toEqual(before);
  });

  it('brings nothing twice into the Criterion that exported the record', async () => {
    // Centre A imports its own learner's record (a restore, or a mistake): every row it names is here already.
    await useKey(keyA);
    const before = await counts(A());
    const result = await importRecord({ id: c.admin.id, role: 'admin' }, zip, {}, A());
    await useKey(keyB);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, alreadyImported: false });
    const after = await counts(A());
    expect(after).toMatchObject({ ...before, imports: before.imports + 1, audit: before.audit + 1 });
  });
});
