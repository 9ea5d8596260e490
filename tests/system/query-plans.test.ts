import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { postgresHandle, setHandle, type DbHandle } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { seedLarge } from '../../scripts/seed-large';
import {
  captureQueries,
  explain,
  largeActors,
  listCases,
  planNodes,
  planProblems,
  readsOwnAssignments,
  type ListActors,
} from '../helpers/list-queries';
import { createPgCluster, type PgCluster } from '../helpers/pg-cluster';

/**
 * Issue 19: every per-user list reads through indexes that start from the user's own assignments, on the data of a
 * 10,000-learner centre (scripts/seed-large.ts, 2.3 million rows, seeded once into this file's own private PostgreSQL
 * cluster, tests/helpers/pg-cluster.ts). Each list runs through the lib function
 * its page calls; the statements it sends are captured from drizzle's logger and EXPLAINed (plans only, not run), so
 * the test follows the code. Costs about 2 minutes (112 s on this 2-core machine), nearly all of it the seeding, plus the
 * caseload figures the seed computes for every learner (scripts/seed-large.ts; about 6 minutes at load average 25).
 */
const LEARNERS = 10_000;
const cases = await listCases();

let pg: PgCluster | undefined;
let handle: DbHandle;
let client: postgres.Sql;
let actors: ListActors;

beforeAll(async () => {
  // A private cluster (fsync off), as the other system tests use: seeding there took 112 s where the shared server at
  // DATABASE_URL took 237 s beside a build, and the test runs in every `npm test`, with or without DATABASE_URL.
  pg = await createPgCluster();
  const url = pg.url;
  handle = postgresHandle(url, { max: 4 });
  await migrateDatabase(handle);
  await seedLarge(handle.db, {
    learners: LEARNERS,
    cohorts: LEARNERS / 25,
    coaches: LEARNERS / 25,
    assessors: LEARNERS / 50,
  });
  // What scripts/seed-large.ts does after seeding (autovacuum would too): the planner sees the real sizes.
  await handle.db.execute(sql`analyze`);
  setHandle(handle);
  client = postgres(url, { max: 1, onnotice: () => {} });
  actors = await largeActors(handle.db);
}, 1_800_000);

afterAll(async () => {
  setHandle(undefined);
  await client?.end();
  await handle?.close();
  pg?.destroy();
});

describe(`per-user lists at ${LEARNERS.toLocaleString('en-GB')} learners: query plans (PostgreSQL)`, () => {
  it('holds the centre it is about', async () => {
    const [row] = await client<{ learners: string; judgements: string }[]>`select
      (select count(*) from users where role = 'learner') as learners, (select count(*) from judgements) as judgements`;
    expect(Number(row!.learners)).toBe(LEARNERS);
    expect(Number(row!.judgements)).toBeGreaterThan(400_000);
  });

  for (const c of cases) {
    it(c.name, async () => {
      await c.run(actors); // first run stores dashboard figures, as a page's first load would
      const statements = (await captureQueries(() => c.run(actors))).filter((q) =>
        /^\s*(select|with)\b/i.test(q.query),
      );
      expect(statements.length).toBeGreaterThan(0);
      const found: string[] = [];
      let fromOwnAssignments = false;
      for (const q of statements) {
        const { plan } = await explain(client, q);
        for (const p of planProblems(plan)) found.push(`${p} in: ${q.query.replace(/\s+/g, ' ').slice(0, 160)}`);
        if (readsOwnAssignments(plan)) fromOwnAssignments = true;
        // A sanity check that the plan was read at all: every statement reads some table.
        expect(planNodes(plan).some((n) => n['Relation Name'] || n['Index Name'])).toBe(true);
      }
      expect(found).toEqual([]);
      // A staff member's list starts from their own assignments (one learner's pages read by that learner's id).
      if (c.staffList) expect(fromOwnAssignments).toBe(true);
    });
  }
});
