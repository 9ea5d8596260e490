import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script (it also runs on its own: `node scripts/js-budget.mjs`)
import { BUDGET_BYTES, formatTable, measureRoutes } from '../../scripts/js-budget.mjs';

/**
 * Pages whose controls must work the moment they are drawn keep their code in the first load: the assessor's criterion
 * cards (loaded after the page, a card shown by the server took no click until its code arrived, and a quick "Met" was
 * lost in the report e2e journey) and a progress review's signatures. Their ceilings may only fall.
 */
const CEILING_BYTES: Record<string, number> = { '/reports/[learnerId]': 154_000, '/reviews/[reviewId]': 151_000 };

interface RouteSize {
  route: string;
  scripts: number;
  bytes: number;
}

describe('first-load JavaScript of the production build', () => {
  const routes: RouteSize[] = measureRoutes(path.resolve(__dirname, '../..', process.env.NEXT_DIST_DIR ?? '.next'));
  console.log(formatTable(routes));

  it('reads every page route of the build', () => {
    const addresses = routes.map((r) => r.route);
    for (const page of ['/signin', '/learner', '/learner/report', '/coach', '/assessor', '/modules/[slug]']) {
      expect(addresses).toContain(page);
    }
  });

  it('keeps every route under 150 kB gzipped, but for a recorded ceiling that may only fall', () => {
    const over = routes
      .filter((r) => r.bytes > (CEILING_BYTES[r.route] ?? BUDGET_BYTES))
      .map(
        (r) =>
          `${r.route}: ${(r.bytes / 1000).toFixed(1)} kB (budget ${((CEILING_BYTES[r.route] ?? BUDGET_BYTES) / 1000).toFixed(1)})`,
      );
    expect(over).toEqual([]);
  });
});
