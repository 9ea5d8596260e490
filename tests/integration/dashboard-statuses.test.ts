import { sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { evidence, evidenceCriteria, judgements } from '@/db/schema';
import { scopedStatuses } from '@/lib/dashboards/statuses';
import { allAssessableIds, criterionStatuses } from '@/lib/progress/status';
import { seedLarge } from '../../scripts/seed-large';
import { useTestDatabase } from '../helpers/db';
import { makeUser } from '../helpers/fixtures';

useTestDatabase();

/** The dashboards' lean read must give exactly lib/progress's answer, item by item. */
async function expectSameAsProgress(learnerIds: string[]) {
  const ids = allAssessableIds();
  const inList = (column: SQL) => sql`${column} = any(${`{${learnerIds.join(',')}}`}::uuid[])`;
  const lean = await scopedStatuses(getDb(), inList, ids);
  const reference = await criterionStatuses(getDb(), learnerIds);
  let compared = 0;
  for (const learnerId of learnerIds) {
    for (const id of ids) {
      const want = reference.get(learnerId)!.get(id)!.status;
      const got = lean.get(learnerId)?.get(id)?.status ?? 'no_evidence';
      expect(`${id}: ${got}`, `learner ${learnerId}`).toBe(`${id}: ${want}`);
      compared += 1;
    }
  }
  return compared;
}

describe('dashboard statuses agree with lib/progress', () => {
  it('on a seeded provider with judgement histories, re-submissions and crosswalked evidence', async () => {
    const p = await seedLarge(getDb(), { learners: 40, cohorts: 2, coaches: 1, assessors: 1, tag: 'agree', seed: 7 });
    const compared = await expectSameAsProgress(p.learnerIds);
    expect(compared).toBe(40 * allAssessableIds().length);
    // The data exercises every status, so agreement is not trivial.
    const all = [...(await criterionStatuses(getDb(), p.learnerIds)).values()].flatMap((m) =>
      [...m.values()].map((s) => s.status),
    );
    expect(new Set(all)).toEqual(new Set(['met', 'not_yet_met', 'evidence_submitted', 'no_evidence']));
  }, 120_000);

  it('ignores superseded evidence, and evidence added after a "met" does not undo it', async () => {
    const learner = await makeUser('learner');
    const assessor = await makeUser('assessor');
    const db = getDb();
    const add = async (criterionId: string) => {
      const [e] = await db
        .insert(evidence)
        .values({
          learnerId: learner.id,
          authorId: learner.id,
          kind: 'account',
          title: 'E',
          occurredOn: '2026-01-01',
          body: 'x',
        })
        .returning();
      await db
        .insert(evidenceCriteria)
        .values({ evidenceId: e.id, criterionId, moduleSlug: 'ee2-win-keep-customers', learnerId: learner.id });
      return e.id;
    };
    const judge = (criterionId: string, outcome: 'met' | 'not_yet_met') =>
      db.insert(judgements).values({
        learnerId: learner.id,
        criterionId,
        moduleSlug: 'ee2-win-keep-customers',
        outcome,
        assessorId: assessor.id,
        feedback: 'f',
      });
    // PC 1: judged not yet met, then the only newer evidence is superseded by an edit made before the judgement.
    const old = await add('ee2/pc/1');
    const newer = await add('ee2/pc/9');
    await db
      .update(evidence)
      .set({ supersededBy: newer })
      .where(sql`${evidence.id} = ${old}`);
    await add('ee2/pc/2');
    await judge('ee2/pc/2', 'met');
    await add('ee2/pc/2');
    await add('ee2/pc/3');
    await judge('ee2/pc/3', 'not_yet_met');
    await add('ee2/pc/3');
    await judge('ee2/pc/4', 'not_yet_met');
    await expectSameAsProgress([learner.id]);
  });
});
