import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf, type DbOrTx } from '@/db/client';
import { drawQaSample, verifySnapshot } from '@/lib/qa/draw';
import { recordQaDecision } from '@/lib/qa/decisions';
import { performDraw, type DrawEngine } from '@/lib/qa/store';
import { REPORT_MODULE_SLUG } from '@/lib/reports/unit';
import { useTestDatabase } from '../helpers/db';
import { enrol } from '../helpers/fixtures';
import { judged, period, qaCast, signedOffReport } from '../helpers/qa';

/**
 * The draw done in the database (lib/qa/draw-sql.ts and the snapshot INSERT in lib/qa/store.ts) against the pure
 * sampler (lib/qa/sampler.ts, run by the 'node' engine) on the same data: the same items in the same order, the same
 * reasons, exclusions and gaps, and byte-identical snapshots and hashes. On PGlite, or PostgreSQL with DATABASE_URL.
 */
useTestDatabase();

class Rollback extends Error {}

async function drawBoth(engine: DrawEngine, input: Parameters<typeof performDraw>[1]) {
  let out: unknown;
  await getDb()
    .transaction(async (tx: DbOrTx) => {
      const draw = await performDraw(tx, input, engine);
      const items = rowsOf<Record<string, unknown>>(
        await tx.execute(sql`
          select position, kind, judgement_id, report_decision_id, learner_id, assessor_id, module_slug, criterion_id,
            methods, decided_at, reasons, snapshot::text as snapshot, snapshot_sha256
          from qa_sample_items where sample_id = ${draw.sampleId} order by position`),
      );
      const verified = [];
      for (const i of draw.items) verified.push(await verifySnapshot(tx, i.id));
      out = {
        candidateCount: draw.candidateCount,
        excluded: draw.excluded,
        uncovered: draw.uncovered,
        items: draw.items.map(({ id: _id, ...rest }) => rest),
        stored: items.map((r) => ({ ...r, decided_at: new Date(String(r.decided_at)).toISOString() })),
        verified,
      };
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return out as {
    candidateCount: number;
    items: { subjectId: string; reasons: { rule: string }[] }[];
    stored: { snapshot: string }[];
    verified: boolean[];
  } & Record<string, unknown>;
}

describe('the draw in the database gives the pure sampler’s sample', () => {
  it('same items, order, reasons, counts, gaps and snapshots, for several seeds and both IQAs', async () => {
    const c = await qaCast({
      standardRate: 0.3,
      signOffRate: 0.5,
      newAssessor: { firstDecisions: 2, rate: 1 },
      afterDisagreement: { rate: 0.8, forDecisions: 3 },
      coverage: [
        { dimension: 'assessor', scope: 'sample' },
        { dimension: 'module', scope: 'plan' },
        { dimension: 'method', scope: 'sample' },
        { dimension: 'stage', scope: 'plan' },
        { dimension: 'cohort', scope: 'plan' },
      ],
    });
    // An earlier sample, and a disagreement with one of Priya's decisions in it.
    const early = [];
    for (const id of ['ee2/pc/1', 'ee2/pc/2', 'ee2/pc/3']) early.push(await judged(c.amira, c.priya, id));
    await judged(c.ben, c.ian, 'ee2/pc/1');
    const first = await drawQaSample(c.iris, { cohortId: c.cohortId, ...period(), seed: 'first' });
    const priyaItem = first.items.find((i) => i.assessorId === c.priya.id)!;
    await recordQaDecision(c.iris, {
      itemId: priyaItem.id,
      verdict: 'disagree',
      feedback: 'Say what you saw.',
      actions: [],
    });
    await new Promise((r) => setTimeout(r, 5));
    // Later decisions: judgements met and not yet met (with and without evidence), a re-judgement, a sign-off.
    for (const [id, outcome] of [
      ['ee2/pc/4', 'met'],
      ['ee2/pc/5', 'not_yet_met'],
      ['ee2/pc/6', 'met'],
      ['ee2/pc/1', 'not_yet_met'],
      ['ee2/pc/7', 'met'],
    ] as const)
      await judged(c.amira, c.priya, id, outcome, `Evidence "quoted" \\ with a tab\tand ünïcödé for ${id}`);
    for (const id of ['ee2/pc/2', 'ee2/pc/3', 'ee2/pc/4']) await judged(c.ben, c.ian, id);
    await enrol(c.amira, REPORT_MODULE_SLUG);
    await signedOffReport(c.amira, c.priya);

    let drawnSomething = 0;
    for (const iqa of [c.ian, c.iris]) {
      for (const seed of ['alpha', 'beta', 'gamma', 'delta']) {
        const input = { iqaId: iqa.id, cohortId: c.cohortId, ...period(), seed };
        const viaNode = await drawBoth('node', { ...input, from: new Date(input.from), to: new Date(input.to) });
        const viaDb = await drawBoth('database', { ...input, from: new Date(input.from), to: new Date(input.to) });
        expect(viaDb, `${iqa.name}, seed ${seed}`).toEqual(viaNode);
        expect(viaDb.verified.every(Boolean)).toBe(true);
        drawnSomething += viaDb.items.length;
        // The rules the fixture is built to reach are reached.
        const rules = new Set(viaDb.items.flatMap((i) => i.reasons.map((r) => r.rule)));
        if (iqa === c.iris) expect(rules).toContain('rate.after-disagreement');
      }
    }
    expect(drawnSomething).toBeGreaterThan(8);
  });
});
