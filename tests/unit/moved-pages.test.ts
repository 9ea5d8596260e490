import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { movedPagePath } from '@/lib/moved-pages';

const ID = '3f1c2a4e-9b7d-4c1e-8f2a-6d5e4c3b2a10';
const page = (...segments: string[]) => path.resolve(__dirname, '../../app/(app)', ...segments, 'page.tsx');

describe('pages that moved', () => {
  it('sends the old role-named addresses to the pages named by what they show', () => {
    expect(movedPagePath(`/assessor/learners/${ID}`)).toBe(`/learners/${ID}`);
    expect(movedPagePath(`/assessor/learners/${ID}/`)).toBe(`/learners/${ID}`);
    expect(movedPagePath(`/coach/worksheets/${ID}`)).toBe(`/hand-ins/${ID}`);
    expect(movedPagePath(`/assessor/reports/${ID}`)).toBe(`/reports/${ID}`);
    expect(movedPagePath(`/assessor/reports/${ID}/versions/3`)).toBe(`/reports/${ID}/versions/3`);
    expect(movedPagePath(`/assessor/reports/${ID}/versions/3/`)).toBe(`/reports/${ID}/versions/3`);
  });

  it('leaves the lists, deeper paths and every other page alone', () => {
    for (const p of [
      '/assessor/learners',
      '/coach/worksheets',
      '/assessor/reports',
      '/coach/learners/x',
      `/learners/${ID}`,
      `/assessor/learners/${ID}/x`,
      `/assessor/reports/${ID}/x`,
      `/assessor/reports/${ID}/versions`,
      `/reports/${ID}`,
    ]) {
      expect([p, movedPagePath(p)]).toEqual([p, null]);
    }
  });

  it('points at pages that exist, from addresses no page serves any more', () => {
    expect(fs.existsSync(page('learners', '[learnerId]'))).toBe(true);
    expect(fs.existsSync(page('hand-ins', '[submissionId]'))).toBe(true);
    expect(fs.existsSync(page('assessor', 'learners', '[learnerId]'))).toBe(false);
    expect(fs.existsSync(page('coach', 'worksheets', '[submissionId]'))).toBe(false);
    expect(fs.existsSync(page('reports', '[learnerId]'))).toBe(true);
    expect(fs.existsSync(page('reports', '[learnerId]', 'versions', '[number]'))).toBe(true);
    expect(fs.existsSync(page('assessor', 'reports', '[learnerId]'))).toBe(false);
  });
});
