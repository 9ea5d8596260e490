import { sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, type DbOrTx } from '@/db/client';
import { useTestDatabase } from '../helpers/db';
import { enrol, makeCast } from '../helpers/fixtures';
import { judge } from '../helpers/judgements';
import { createEvidence } from '../helpers/evidence';

/**
 * The database's own guarantees for the record, on PGlite and PostgreSQL alike: raw SQL, as a bug or a
 * careless script would send it. (Which role may send what on PostgreSQL: tests/system/db-roles.test.ts.)
 */
useTestDatabase();

const RECORD_TABLES = [
  'audit_log',
  'audit_seals',
  'evidence',
  'evidence_files',
  'evidence_criteria',
  'judgements',
  'judgement_responses',
  'worksheet_submissions',
  'worksheet_comments',
  'report_uploads',
  'report_versions',
  'report_decisions',
  'report_ac_judgements',
];

async function refusal(query: PromiseLike<unknown>): Promise<string> {
  const e = await Promise.resolve(query).then(
    () => null,
    (err: unknown) => err,
  );
  if (!e) return 'no error: the database accepted the statement';
  const all: string[] = [];
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) all.push(String((c as Error).message));
  return all.join(' | ');
}

const run = (query: SQL, db: DbOrTx = getDb()) => db.execute(query);
const rows = async (query: SQL) => {
  const r = await run(query);
  return (Array.isArray(r) ? r : (r as unknown as { rows: Record<string, unknown>[] }).rows) as Record<
    string,
    unknown
  >[];
};

const account = (criteria: string[]) => ({
  kind: 'account',
  title: 'What I did',
  occurredOn: '2025-03-01',
  description: '',
  body: 'I asked customers.',
  criteria: criteria.map((id) => ({ id, note: 'Because.' })),
});

async function cast() {
  const c = await makeCast();
  await enrol(c.learner, 'ee2-win-keep-customers');
  return c;
}

describe('the record cannot be emptied or cut', () => {
  it('every table holding the record refuses TRUNCATE, even with CASCADE', async () => {
    for (const t of RECORD_TABLES) {
      expect(await refusal(run(sql.raw(`truncate ${t} cascade`))), t).toMatch(
        new RegExp(`${t} is append-only: TRUNCATE refused`),
      );
    }
  });

  it('a stored file row is never deleted or changed, even one no evidence points at', async () => {
    const c = await cast();
    const [file] =
      await rows(sql`insert into evidence_files (learner_id, storage_key, original_name, content_type, size_bytes, sha256, uploaded_by)
      values (${c.learner.id}, ${`k-${c.learner.id}`}, 'notes.pdf', 'application/pdf', 10, ${'0'.repeat(64)}, ${c.learner.id}) returning id`);
    expect(await refusal(run(sql`delete from evidence_files where id = ${file!.id}`))).toMatch(
      /evidence_files is append-only: DELETE refused/,
    );
    expect(await refusal(run(sql`update evidence_files set original_name = 'x.pdf' where id = ${file!.id}`))).toMatch(
      /UPDATE refused/,
    );
  });

  it('the criteria evidence was judged against stay mapped; unjudged evidence can still be remapped', async () => {
    const c = await cast();
    const judged = await createEvidence(c.learner, account(['ee2/pc/1', 'ee2/pc/2']));
    await judge(c.assessor, {
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/1',
      outcome: 'met',
      evidenceIds: [judged.id],
    });
    expect(await refusal(run(sql`delete from evidence_criteria where evidence_id = ${judged.id}`))).toMatch(
      /judged met or superseded, its mappings are kept: DELETE refused/,
    );
    expect(
      await refusal(run(sql`update evidence_criteria set note = 'rewritten' where evidence_id = ${judged.id}`)),
    ).toMatch(/UPDATE refused/);

    const draft = await createEvidence(c.learner, account(['ee2/pc/3']));
    await run(sql`delete from evidence_criteria where evidence_id = ${draft.id}`);
    expect(await rows(sql`select 1 from evidence_criteria where evidence_id = ${draft.id}`)).toHaveLength(0);
  });

  it("a temporary table cannot stand in for a record table inside the database's checks", async () => {
    const c = await cast();
    const { id } = await createEvidence(c.learner, account(['ee2/pc/1']));
    await judge(c.assessor, { learnerId: c.learner.id, criterionId: 'ee2/pc/1', outcome: 'met', evidenceIds: [id] });
    // Temporary tables are searched before the schema unless a function pins its search path.
    const message = await getDb()
      .transaction(async (tx) => {
        await run(
          sql`create temporary table judgements (learner_id uuid, outcome text, evidence_ids uuid[]) on commit drop`,
          tx,
        );
        throw new Error(
          await refusal(run(sql`update evidence set title = 'changed after it was judged met' where id = ${id}`, tx)),
        );
      })
      .catch((e: unknown) => (e as Error).message);
    expect(message).toMatch(/judged met: UPDATE refused/);
  });
});
