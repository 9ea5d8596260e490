import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, queryCounter } from '@/db/client';
import {
  cohortMembers,
  cohorts,
  enrolments,
  evidence,
  evidenceCriteria,
  judgements,
  staffAssignments,
  users,
} from '@/db/schema';
import { assessableItems } from '@/lib/content';
import { toCsv } from '@/lib/csv';
import { matrixCsv } from '@/lib/dashboards/matrix-csv';
import {
  cohortMatrix,
  decodePosition,
  encodePosition,
  matrixBatches,
  matrixHead,
  type CohortMatrix,
} from '@/lib/dashboards/matrix';
import { ForbiddenError } from '@/lib/errors';
import { criterionStatuses } from '@/lib/progress/status';
import { STATUS_LABEL } from '@/lib/progress/labels';
import { useTestDatabase } from '../helpers/db';
import { makeUser, type TestUser } from '../helpers/fixtures';

useTestDatabase();

const MODULE = 'ee2-win-keep-customers';
const SIZE = 7;
const items = assessableItems(MODULE).map((i) => i.id);

/**
 * A cohort of 60 learners on EE2, paged 7 at a time: names that repeat (the order falls back to the id, across a
 * page boundary), names with a comma, a quote and a leading "=" (the CSV must quote and neutralise them), and around
 * them learners who must never appear: one inactive, one not on the module, one in another coach's care only.
 */
let cast: {
  coach: TestUser;
  otherCoach: TestUser;
  admin: TestUser;
  learner: TestUser;
  assessor: TestUser;
  cohortId: string;
  /** The coach's learners of the cohort on the module, in the matrix's order (name, then id). */
  expected: { id: string; name: string }[];
  otherId: string;
};

const before = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

beforeAll(async () => {
  const db = getDb();
  const [coach, otherCoach, admin, assessor] = await Promise.all([
    makeUser('coach', 'Matrix Coach'),
    makeUser('coach', 'Other Matrix Coach'),
    makeUser('admin', 'Matrix Admin'),
    makeUser('assessor', 'Matrix Assessor'),
  ]);
  const names = Array.from({ length: 54 }, (_, i) => `Learner ${String(i).padStart(2, '0')}`);
  // Three of the same name: the first page boundary falls between them (positions 7 and 8 in name order).
  names.push(
    'Learner 04',
    'Learner 04',
    'Lovelace, Ada',
    'Ada "the Countess"',
    '=HYPERLINK("https://x.example")',
    'zoe lower',
  );
  const inserted = await db
    .insert(users)
    .values(names.map((name, i) => ({ email: `matrix.${i}@test.example`, name, role: 'learner' as const })))
    .returning({ id: users.id, name: users.name });
  const [inactive, notOnModule, others] = await db
    .insert(users)
    .values([
      { email: 'matrix.inactive@test.example', name: 'Learner 03 (left)', role: 'learner' as const, active: false },
      { email: 'matrix.off@test.example', name: 'Learner 04 (other module)', role: 'learner' as const },
      { email: 'matrix.others@test.example', name: 'Learner 05 (other coach)', role: 'learner' as const },
    ])
    .returning({ id: users.id, name: users.name });
  const [c] = await db.insert(cohorts).values({ name: 'Matrix programme' }).returning({ id: cohorts.id });
  const all = [...inserted, inactive!, notOnModule!, others!];
  await db.insert(cohortMembers).values(all.map((l) => ({ cohortId: c!.id, learnerId: l.id })));
  await db
    .insert(enrolments)
    .values(all.filter((l) => l.id !== notOnModule!.id).map((l) => ({ learnerId: l.id, moduleSlug: MODULE })));
  await db
    .insert(staffAssignments)
    .values([
      ...all
        .filter((l) => l.id !== others!.id)
        .map((l) => ({ learnerId: l.id, staffId: coach.id, staffRole: 'coach' as const })),
      { learnerId: others!.id, staffId: otherCoach.id, staffRole: 'coach' as const },
    ]);
  // Statuses: every third learner has PC 1 met and PC 2 awaiting judgement; every fifth PC 3 not yet met.
  for (const [i, l] of inserted.entries()) {
    if (i % 3 && i % 5) continue;
    const [e] = await db
      .insert(evidence)
      .values({
        learnerId: l.id,
        authorId: l.id,
        kind: 'account',
        title: 'Work',
        occurredOn: '2026-11-01',
        body: 'Did it.',
      })
      .returning({ id: evidence.id });
    const mapped = i % 3 === 0 ? ['ee2/pc/1', 'ee2/pc/2'] : ['ee2/pc/3'];
    await db
      .insert(evidenceCriteria)
      .values(mapped.map((criterionId) => ({ evidenceId: e!.id, criterionId, moduleSlug: MODULE, learnerId: l.id })));
    const judged = i % 3 === 0 ? [['ee2/pc/1', 'met'] as const] : [['ee2/pc/3', 'not_yet_met'] as const];
    for (const [criterionId, outcome] of judged)
      await db.insert(judgements).values({
        learnerId: l.id,
        criterionId,
        moduleSlug: MODULE,
        outcome,
        assessorId: assessor.id,
        feedback: 'Judged.',
        evidenceIds: [e!.id],
      });
  }
  cast = {
    coach,
    otherCoach,
    admin,
    assessor,
    learner: { id: inserted[0]!.id, email: 'matrix.0@test.example', name: inserted[0]!.name, role: 'learner' },
    cohortId: c!.id,
    expected: [...inserted].sort(before),
    otherId: others!.id,
  };
});

async function walkForward(actor: TestUser): Promise<CohortMatrix[]> {
  const pages: CohortMatrix[] = [];
  let page = await cohortMatrix(actor, { cohortId: cast.cohortId, moduleSlug: MODULE, size: SIZE });
  pages.push(page);
  while (page.next) {
    page = await cohortMatrix(actor, { cohortId: cast.cohortId, moduleSlug: MODULE, size: SIZE, after: page.next });
    pages.push(page);
    if (pages.length > 100) throw new Error('the pages never end');
  }
  return pages;
}

describe('criteria matrix, paged by keyset', () => {
  it('shows every learner once, in name order, a page at a time; ties in name fall back to the id', async () => {
    const pages = await walkForward(cast.coach);
    expect(pages.map((p) => p.learners.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4]);
    expect(pages.flatMap((p) => p.learners.map((l) => l.id))).toEqual(cast.expected.map((l) => l.id));
    expect(pages[0]!.previous).toBeNull();
    expect(pages.slice(1).every((p) => p.previous)).toBe(true);
    expect(pages.at(-1)!.next).toBeNull();
    // The three "Learner 04" sit across the boundary between the first and second pages.
    expect(pages[0]!.learners.at(-1)!.name).toBe('Learner 04');
    expect(pages[1]!.learners[0]!.name).toBe('Learner 04');
  });

  it('walks back from the last page to the first through the same pages', async () => {
    const forward = await walkForward(cast.coach);
    const back: CohortMatrix[] = [forward.at(-1)!];
    while (back[0]!.previous) {
      back.unshift(
        await cohortMatrix(cast.coach, {
          cohortId: cast.cohortId,
          moduleSlug: MODULE,
          size: SIZE,
          before: back[0]!.previous,
        }),
      );
    }
    expect(back.map((p) => p.learners.map((l) => l.id))).toEqual(forward.map((p) => p.learners.map((l) => l.id)));
    expect(back[0]!.previous).toBeNull();
  });

  it('going back past the start shows a full first page', async () => {
    const pages = await walkForward(cast.coach);
    // A page that starts at the third learner (rows were added before it since): only two learners lie before it.
    const third = pages[0]!.learners[2]!;
    const back = await cohortMatrix(cast.coach, {
      cohortId: cast.cohortId,
      moduleSlug: MODULE,
      size: SIZE,
      before: { name: third.name, id: third.id },
    });
    expect(back.learners.map((l) => l.id)).toEqual(pages[0]!.learners.map((l) => l.id));
    expect(back.previous).toBeNull();
    expect(back.next).toEqual({ name: pages[0]!.learners.at(-1)!.name, id: pages[0]!.learners.at(-1)!.id });
  });

  it('gives each learner their statuses from lib/progress, and this page\u2019s totals', async () => {
    const pages = await walkForward(cast.coach);
    const truth = await criterionStatuses(
      getDb(),
      cast.expected.map((l) => l.id),
      items,
    );
    for (const p of pages)
      for (const l of p.learners)
        expect(l.statuses).toEqual(items.map((id) => truth.get(l.id)?.get(id)?.status ?? 'no_evidence'));
    const first = pages[0]!;
    expect(first.metPerCriterion).toEqual(
      items.map((_, i) => first.learners.filter((l) => l.statuses[i] === 'met').length),
    );
    // The fixture is not all "no evidence": learner 00 has PC 1 met and PC 2 waiting.
    const zero = pages.flatMap((p) => p.learners).find((l) => l.name === 'Learner 00')!;
    expect(zero.statuses.slice(0, 3)).toEqual(['met', 'evidence_submitted', 'no_evidence']);
  });

  it('sends as many statements for a page deep in the cohort as for the first', async () => {
    const pages = await walkForward(cast.coach);
    const count = async (after?: { name: string; id: string }) => {
      queryCounter.count = 0;
      await cohortMatrix(cast.coach, { cohortId: cast.cohortId, moduleSlug: MODULE, size: SIZE, after });
      return queryCounter.count;
    };
    const first = await count();
    // The cohort, the page's learners and their figures; then their mappings and judgements for reworded criteria.
    expect(first).toBeLessThanOrEqual(5);
    expect(await count(pages[5]!.next!)).toBe(first);
  });

  it('shows only the actor\u2019s learners (the gate\u2019s scope) and refuses learners', async () => {
    const coachIds = (await walkForward(cast.coach)).flatMap((p) => p.learners.map((l) => l.id));
    expect(coachIds).not.toContain(cast.otherId);
    const theirs = (await walkForward(cast.otherCoach)).flatMap((p) => p.learners.map((l) => l.id));
    expect(theirs).toEqual([cast.otherId]);
    const admin = (await walkForward(cast.admin)).flatMap((p) => p.learners.map((l) => l.id));
    const everyone = [...cast.expected, { id: cast.otherId, name: 'Learner 05 (other coach)' }].sort(before);
    expect(admin).toEqual(everyone.map((l) => l.id));
    await expect(cohortMatrix(cast.learner, { cohortId: cast.cohortId, moduleSlug: MODULE })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('reads positions from links, and ignores anything else', () => {
    const p = { name: 'Lovelace, Ada', id: cast.expected[0]!.id };
    expect(decodePosition(encodePosition(p))).toEqual(p);
    expect(decodePosition('not a position')).toBeUndefined();
    expect(decodePosition(Buffer.from('["x","not-a-uuid"]').toString('base64url'))).toBeUndefined();
    expect(decodePosition(Buffer.from('{"name":"x"}').toString('base64url'))).toBeUndefined();
    expect(decodePosition(undefined)).toBeUndefined();
  });
});

describe('criteria matrix CSV, streamed', () => {
  async function text(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let out = '';
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: out + decoder.decode(), chunks };
      chunks += 1;
      out += decoder.decode(value, { stream: true });
    }
  }

  /** The file built in memory from the whole cohort at once, with lib/csv's toCsv and lib/progress's statuses. */
  async function inMemory(actor: TestUser, ids: { id: string; name: string }[]) {
    const head = await matrixHead(actor, { cohortId: cast.cohortId, moduleSlug: MODULE });
    const truth = await criterionStatuses(
      getDb(),
      ids.map((l) => l.id),
      items,
    );
    const rows = ids.map((l) => {
      const statuses = items.map((id) => truth.get(l.id)?.get(id)?.status ?? 'no_evidence');
      return { name: l.name, statuses, met: statuses.filter((s) => s === 'met').length };
    });
    return toCsv(
      ['Learner', ...head.criteria.map((c) => c.label), 'Criteria met', 'Wording changed: review'],
      [
        // Nothing reworded here (tests/integration/wording-changed.test.ts fills the last column).
        ...rows.map((r) => [r.name, ...r.statuses.map((s) => STATUS_LABEL[s]), `${r.met}/${items.length}`, '']),
        ['Learners who met it', ...items.map((_, i) => rows.filter((r) => r.statuses[i] === 'met').length), '', ''],
      ],
    );
  }

  it('equals the whole file built in memory, read in batches of 7 or in one', async () => {
    const expected = await inMemory(cast.coach, cast.expected);
    const small = await matrixCsv(cast.coach, { cohortId: cast.cohortId, moduleSlug: MODULE }, getDb(), 7);
    const read = await text(small.stream);
    expect(read.text).toBe(expected);
    // Header, one chunk per batch of 7 (60 learners: 8 full batches and one of 4), totals.
    expect(read.chunks).toBe(1 + 9 + 1);
    const whole = await matrixCsv(cast.coach, { cohortId: cast.cohortId, moduleSlug: MODULE });
    expect((await text(whole.stream)).text).toBe(expected);
    expect(whole.fileName).toBe('criteria-matrix-Matrix-programme-EE2.csv');
  });

  it('quotes separators and neutralises formulas through lib/csv', async () => {
    const { stream } = await matrixCsv(cast.coach, { cohortId: cast.cohortId, moduleSlug: MODULE });
    const lines = (await text(stream)).text.split('\r\n');
    expect(lines[0]).toMatch(/^Learner,EE2 PC 1,EE2 PC 2,/);
    expect(lines).toContainEqual(expect.stringMatching(/^"Lovelace, Ada",/));
    expect(lines).toContainEqual(expect.stringMatching(/^"Ada ""the Countess""",/));
    expect(lines).toContainEqual(expect.stringMatching(/^"'=HYPERLINK\(""https:\/\/x\.example""\)",/));
    expect(lines.at(-2)).toMatch(/^Learners who met it,20,0,0,/);
    expect(lines.at(-1)).toBe('');
  });

  it('holds only the actor\u2019s learners, and is refused to learners and assessors', async () => {
    const { stream } = await matrixCsv(cast.otherCoach, { cohortId: cast.cohortId, moduleSlug: MODULE });
    expect((await text(stream)).text).toBe(
      await inMemory(cast.otherCoach, [{ id: cast.otherId, name: 'Learner 05 (other coach)' }]),
    );
    for (const actor of [cast.learner, cast.assessor])
      await expect(matrixCsv(actor, { cohortId: cast.cohortId, moduleSlug: MODULE })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
  });

  it('reads batches by the same keyset as the pages', async () => {
    const head = await matrixHead(cast.coach, { cohortId: cast.cohortId, moduleSlug: MODULE });
    const seen: string[] = [];
    for await (const batch of matrixBatches(cast.coach, head, 10)) {
      expect(batch.length).toBeLessThanOrEqual(10);
      seen.push(...batch.map((l) => l.id));
    }
    expect(seen).toEqual(cast.expected.map((l) => l.id));
  });
});
