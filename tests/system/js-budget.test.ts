import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script (it also runs on its own: `node scripts/js-budget.mjs`)
import { BUDGET_BYTES, formatTable, measureRoutes } from '../../scripts/js-budget.mjs';

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

  it('keeps every route under 150 kB gzipped', () => {
    const over = routes
      .filter((r) => r.bytes > BUDGET_BYTES)
      .map((r) => `${r.route}: ${(r.bytes / 1000).toFixed(1)} kB (budget ${(BUDGET_BYTES / 1000).toFixed(1)})`);
    expect(over).toEqual([]);
  });
});
