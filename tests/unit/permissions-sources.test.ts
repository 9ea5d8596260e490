import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS } from '@/lib/permissions';
import { readInventory } from '../helpers/authz-inventory';

/**
 * The gate is the only way to the question "which learners may I see". Read from the sources:
 * - no code outside lib/permissions.ts reads the staff assignments (the table that makes a learner "mine"), so every
 *   list of other people's learners must take its scope from learnerScope (or its learners from a function that does);
 *   lib/admin, which writes the assignments and shows them to administrators, is the one exception;
 * - no page lists roles by hand: each opens with requireAccess(capability) from ACCESS, or is open to anyone signed
 *   in (its lib function authorizes per learner), or is public.
 */

const root = path.resolve(__dirname, '../..');

function files(dir: string): string[] {
  return (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')))
    .filter((f) => /\.(ts|tsx)$/.test(f) && fs.statSync(path.join(root, f)).isFile());
}

/** The code without its comments, so a comment that names the table is not a reader. */
function code(file: string): string {
  return fs
    .readFileSync(path.join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');
}

const GATE = ['lib/permissions.ts'];
// Administration writes and lists the assignments themselves (who assesses or coaches whom): it is not a scope.
const ADMIN = /^lib\/admin\//;

// Pages open to anyone: they show public documents (the standards, their search, the glossary, the accessibility statement) or the
// sign-in form; a single-use link's page is open to whoever
// holds its token (lib/links checks the token; the authorization matrix proves a token that is no link's gets 404);
// a badge's verification page shows anyone what the signed badge itself says (lib/badges publicBadge).
const PUBLIC_PAGES = new Set([
  'app/(public)/confirm/[token]/page.tsx',
  'app/(public)/badges/[badgeId]/page.tsx',
  'app/page.tsx',
  'app/signin/page.tsx',
  'app/(public)/modules/page.tsx',
  'app/(public)/glossary/page.tsx',
  'app/(public)/accessibility/page.tsx',
  'app/(public)/search/page.tsx',
  'app/(study)/modules/[slug]/page.tsx',
  'app/(study)/modules/[slug]/items/[...id]/page.tsx',
]);

describe('one gate for which learners may I see', () => {
  it('nothing outside lib/permissions.ts (and lib/admin, which manages them) reads staff assignments', () => {
    const readers = [...files('lib'), ...files('app'), ...files('components')]
      .filter((f) => !GATE.includes(f) && !ADMIN.test(f))
      .filter((f) => /staffAssignments|staff_assignments|cohortStaff|cohort_staff/.test(code(f)));
    expect(readers, 'use learnerScope / authorize / assignedStaff from @/lib/permissions instead').toEqual([]);
  });

  it('the check above can see a reader (it is not vacuous)', () => {
    expect(code('lib/permissions.ts')).toMatch(/staffAssignments/);
    expect(files('lib/admin').filter((f) => /staffAssignments/.test(code(f))).length).toBeGreaterThan(0);
  });

  it('every list of other learners takes its scope from the gate', () => {
    const lists: Record<string, string> = {
      'lib/dashboards/scope.ts': 'scopeCondition',
      'lib/reports/list.ts': 'listReportsForStaff',
      'lib/evidence/portfolio.ts': 'assignedLearners',
      'lib/worksheets/review.ts': 'coachReviewQueue',
    };
    for (const [file, fn] of Object.entries(lists)) {
      const source = code(file);
      const body = source.slice(source.indexOf(`function ${fn}`));
      expect(body.slice(0, body.indexOf('\n}\n')), `${file} ${fn}`).toMatch(/learnerScope\(/);
    }
  });

  it('no page lists roles by hand: each asks requireAccess, or is for anyone signed in, or is public', () => {
    const capabilities = new Set(Object.keys(ACCESS));
    const problems: string[] = [];
    for (const page of readInventory(root).pages) {
      const source = code(page);
      if (/requireUser\(\s*['"]/.test(source))
        problems.push(`${page}: lists roles in requireUser(...); use requireAccess('<capability>')`);
      if (/\.role\s*(===|!==)[^\n]*(forbidden|notFound|redirect)\(/.test(source))
        problems.push(`${page}: decides access on user.role by hand`);
      const asked = [...source.matchAll(/requireAccess\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
      for (const cap of asked) if (!capabilities.has(cap)) problems.push(`${page}: unknown capability ${cap}`);
      const gated = asked.length > 0 || /requireUser\(\s*\)|requireSignedIn\(\s*\)/.test(source);
      if (!gated && !PUBLIC_PAGES.has(page))
        problems.push(`${page}: no requireAccess/requireUser/requireSignedIn and not a public page`);
    }
    expect(problems).toEqual([]);
  });
});
