import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { evidence, evidenceCriteria, judgements, learnerActivity, worksheetAnswers } from '@/db/schema';
import { seedLarge } from '../../scripts/seed-large';
import { useTestDatabase } from '../helpers/db';
import { makeUser } from '../helpers/fixtures';

useTestDatabase();

/** When each learner last acted, computed the slow way from every record (what the triggers must agree with). */
async function lastActivityFromRecords(learnerIds: string[]): Promise<Map<string, number>> {
  const rows = rowsOf<{ learner_id: string; at: string | Date }>(
    await getDb().execute(sql`
    select learner_id, max(at) as at from (
      select learner_id, greatest(created_at, updated_at) as at from evidence where author_id = learner_id
      union all select learner_id, created_at from evidence_criteria
      union all select learner_id, created_at from judgement_responses where author_id = learner_id
      union all select learner_id, updated_at from worksheet_answers
      union all select learner_id, submitted_at from worksheet_submissions
      union all select learner_id, updated_at from report_drafts
      union all select learner_id, submitted_at from report_versions
    ) t where learner_id = any(${`{${learnerIds.join(',')}}`}::uuid[]) group by learner_id`),
  );
  return new Map(rows.map((r) => [r.learner_id, new Date(r.at).getTime()]));
}

async function stored(learnerIds: string[]) {
  const rows = await getDb()
    .select()
    .from(learnerActivity)
    .where(sql`${learnerActivity.learnerId} = any(${`{${learnerIds.join(',')}}`}::uuid[])`);
  return new Map(rows.map((r) => [r.learnerId, r]));
}

async function expectAgreement(learnerIds: string[]) {
  const want = await lastActivityFromRecords(learnerIds);
  const got = await stored(learnerIds);
  expect(want.size).toBeGreaterThan(0);
  for (const id of learnerIds) expect(got.get(id)?.lastActivity?.getTime(), id).toBe(want.get(id));
}

describe('learner_activity (kept by triggers, read by the dashboards)', () => {
  it('agrees with the records after a bulk load, and the migration rebuilds the same figures', async () => {
    const p = await seedLarge(getDb(), {
      learners: 30,
      cohorts: 2,
      coaches: 1,
      assessors: 1,
      tag: 'activity',
      seed: 11,
    });
    await expectAgreement(p.learnerIds);

    // Rebuild from scratch with the statement migration 0006 ends with.
    const migration = fs.readFileSync(path.resolve(__dirname, '../../db/migrations/0006_learner_activity.sql'), 'utf8');
    const rebuild = migration.split('--> statement-breakpoint').at(-1)!;
    expect(rebuild).toMatch(/INSERT INTO learner_activity/);
    const before = await stored(p.learnerIds);
    await getDb().execute(
      sql`delete from learner_activity where learner_id = any(${`{${p.learnerIds.join(',')}}`}::uuid[])`,
    );
    await getDb().execute(sql.raw(rebuild));
    await expectAgreement(p.learnerIds);
    // Bulk inserts count one change per row, as the rebuild does.
    const after = await stored(p.learnerIds);
    for (const id of p.learnerIds) expect(after.get(id)?.statusVersion, id).toBe(before.get(id)?.statusVersion);
  }, 120_000);

  it('moves the status version on every change to evidence, mappings and judgements, and only on those', async () => {
    const learner = await makeUser('learner');
    const assessor = await makeUser('assessor');
    const db = getDb();
    const version = async () => (await stored([learner.id])).get(learner.id)?.statusVersion ?? 0;
    const steps: [string, () => Promise<unknown>, boolean][] = [];
    let evidenceId = '';
    steps.push([
      'save evidence',
      async () => {
        [{ id: evidenceId }] = await db
          .insert(evidence)
          .values({
            learnerId: learner.id,
            authorId: learner.id,
            kind: 'account',
            title: 'E',
            occurredOn: '2026-01-01',
            body: 'x',
          })
          .returning({ id: evidence.id });
      },
      true,
    ]);
    steps.push([
      'map it',
      () =>
        db
          .insert(evidenceCriteria)
          .values({ evidenceId, criterionId: 'ee2/pc/1', moduleSlug: 'ee2-win-keep-customers', learnerId: learner.id }),
      true,
    ]);
    steps.push(['edit it', () => db.update(evidence).set({ body: 'y' }).where(eq(evidence.id, evidenceId)), true]);
    steps.push([
      'judge it',
      () =>
        db.insert(judgements).values({
          learnerId: learner.id,
          criterionId: 'ee2/pc/1',
          moduleSlug: 'ee2-win-keep-customers',
          outcome: 'met',
          assessorId: assessor.id,
          feedback: 'f',
        }),
      true,
    ]);
    steps.push([
      'unmap it',
      () => db.delete(evidenceCriteria).where(eq(evidenceCriteria.evidenceId, evidenceId)),
      true,
    ]);
    steps.push([
      'save a worksheet',
      () =>
        db
          .insert(worksheetAnswers)
          .values({ learnerId: learner.id, moduleSlug: 'ws-2-8-keeping-customers', answers: {}, version: 1 }),
      false,
    ]);
    for (const [what, step, changesStatus] of steps) {
      const v = await version();
      await step();
      if (changesStatus) expect(await version(), what).toBeGreaterThan(v);
      else expect(await version(), what).toBe(v);
    }
    // The worksheet save is the learner's latest activity; the assessor's judgement never was.
    await expectAgreement([learner.id]);
  });

  it('does not count staff work as the learner’s activity', async () => {
    const learner = await makeUser('learner');
    const assessor = await makeUser('assessor');
    await getDb().insert(evidence).values({
      learnerId: learner.id,
      authorId: assessor.id,
      kind: 'observation',
      title: 'Observed',
      occurredOn: '2026-01-01',
      body: 'x',
    });
    await getDb().insert(judgements).values({
      learnerId: learner.id,
      criterionId: 'ee2/pc/1',
      moduleSlug: 'ee2-win-keep-customers',
      outcome: 'not_yet_met',
      assessorId: assessor.id,
      feedback: 'f',
    });
    const row = (await stored([learner.id])).get(learner.id);
    expect(row?.statusVersion).toBe(2);
    expect(row?.lastActivity).toBeNull();
  });
});
