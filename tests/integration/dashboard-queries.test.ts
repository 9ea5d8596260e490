import { describe, expect, it } from 'vitest';
import { getDb, queryCounter } from '@/db/client';
import { coachDashboard } from '@/lib/dashboards/dashboard';
import { cohortMatrix } from '@/lib/dashboards/matrix';
import { assessorQueue } from '@/lib/dashboards/queue';
import { seedLarge, type LargeProvider } from '../../scripts/seed-large';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

async function countQueries(work: () => Promise<unknown>): Promise<number> {
  queryCounter.count = 0;
  await work();
  return queryCounter.count;
}

/** Queries each dashboard function sends for one provider: coach and matrix over every learner, the assessor's queue. */
async function measure(p: LargeProvider) {
  const coach = { id: p.headCoachId, role: 'coach' as const };
  const assessor = { id: p.assessorIds[0], role: 'assessor' as const };
  return {
    dashboard: await countQueries(() => coachDashboard(coach)),
    filtered: await countQueries(() =>
      coachDashboard(coach, { cohortId: p.programmeCohortId, moduleSlug: 'ee2-win-keep-customers', status: 'stuck' }),
    ),
    matrix: await countQueries(() =>
      cohortMatrix(coach, { cohortId: p.programmeCohortId, moduleSlug: 'win-retain-customers' }),
    ),
    queue: await countQueries(() => assessorQueue(assessor)),
  };
}

describe('the number of queries per dashboard does not grow with learners', () => {
  it('is the same for 10 and for 200 learners', async () => {
    const small = await seedLarge(getDb(), { learners: 10, cohorts: 2, coaches: 1, assessors: 1, tag: 'q10', seed: 1 });
    const large = await seedLarge(getDb(), {
      learners: 200,
      cohorts: 4,
      coaches: 1,
      assessors: 1,
      tag: 'q200',
      seed: 2,
    });
    const a = await measure(small);
    const b = await measure(large);
    expect(b).toEqual(a);
    // And it is a small number: a page is a handful of round trips, not one per learner.
    for (const n of Object.values(a)) expect(n).toBeLessThanOrEqual(12);
    // The seeded data really is bigger, so the equality above means something.
    const coach = { id: large.headCoachId, role: 'coach' as const };
    expect((await coachDashboard(coach)).caseload.counts.all).toBe(200);
    expect((await assessorQueue({ id: large.assessorIds[0], role: 'assessor' })).learnerCount).toBe(200);
  }, 300_000);
});
