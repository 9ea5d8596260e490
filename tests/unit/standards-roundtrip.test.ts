/**
 * Round trip (issue 23): exporting a module as CASE and importing the export gives back the same items,
 * hierarchy, order, ids and crosswalks: for each of the five hand-written modules and for each fixture. The same for a
 * Mahara .matrix export (items, hierarchy, order and ids; a .matrix file has no associations, so no crosswalks).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '@/lib/content/load';
import type { ContentIndex } from '@/lib/content/build';
import { casePackage, documentId, itemId } from '@/lib/standards/case-write';
import { importFramework, readFramework, writeImported } from '@/lib/standards/import';
import { matrixFile } from '@/lib/standards/matrix-write';

const root = path.resolve(__dirname, '../..');
const contentModules = path.join(root, 'content/modules');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'standards-rt-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const pairKey = (a: string, b: string) => [a, b].sort().join(' ');

function roundTrip(index: ContentIndex, slug: string, out: string, format: 'case' | 'matrix' = 'case') {
  const mod = index.modules.find((m) => m.slug === slug)!;
  const file = path.join(
    tmp,
    `${slug}-${Math.random().toString(36).slice(2)}.${format === 'case' ? 'case.json' : 'matrix'}`,
  );
  const exported = format === 'case' ? casePackage(index, mod, 'https://portal.example') : matrixFile(index, mod);
  fs.writeFileSync(file, JSON.stringify(exported));
  const back = importFramework({ file, out, format });
  const original = JSON.parse(fs.readFileSync(path.join(out, slug, 'module.json'), 'utf8'));
  expect(back.slug).toBe(slug);
  expect(back.summary.format).toBe(format);
  expect(back.summary.warnings).toEqual([]);
  expect(back.data).toEqual(original);
  expect(back.review.changed).toEqual([]);
  if (format === 'matrix') {
    expect(back.review.proposals).toEqual([]);
    return back;
  }
  // Crosswalk pairs come back as proposals (they take effect once accepted): exactly the module's pairs.
  const expected = index.crosswalks
    .filter((p) => [p.a, p.b].some((id) => index.items.get(id)!.moduleSlug === slug))
    .map((p) => pairKey(p.a, p.b));
  expect(back.review.proposals.map((p) => pairKey(p.a, p.b)).sort()).toEqual(expected.sort());
  return back;
}

describe('a package Criterion wrote, imported over the module it came from', () => {
  it('lists wording that differs from the module here, criterion by criterion, for another look', () => {
    const index = loadContent(path.join(root, 'content'));
    const mod = index.modules.find((m) => m.slug === 'win-retain-customers')!;
    const pkg = casePackage(index, mod, 'https://portal.example');
    const item = pkg.CFItems.find((i) => i.identifier === itemId('wrc/pc/3'))!;
    const was = item.fullStatement;
    item.fullStatement = `${was} (reworded)`;
    const file = path.join(tmp, 'wrc-reworded.case.json');
    fs.writeFileSync(file, JSON.stringify(pkg));
    const back = importFramework({ file, out: contentModules });
    expect(back.review.changed).toEqual([{ id: 'wrc/pc/3', was, now: `${was} (reworded)` }]);
  });
});

describe('CASE round trip of the hand-written modules', () => {
  const index = loadContent(path.join(root, 'content'));
  it('covers all five', () => expect(index.modules).toHaveLength(5));
  it.each(index.modules.map((m) => m.slug))('%s', (slug) => {
    roundTrip(index, slug, contentModules);
  });

  it('uses name-based UUIDs, isChildOf with 1-based sequenceNumber, and one exactMatchOf per pair and side', () => {
    const mod = index.modules.find((m) => m.slug === 'win-retain-customers')!;
    const pkg = casePackage(index, mod, 'https://portal.example');
    expect(pkg.CFDocument.identifier).toBe(documentId('win-retain-customers'));
    expect(pkg.CFDocument.caseVersion).toBe('1.1');
    const item = pkg.CFItems.find((i) => i.identifier === itemId('wrc/pc/3'))!;
    expect(item.fullStatement).toBe(index.items.get('wrc/pc/3')!.text);
    const link = pkg.CFAssociations.find(
      (a) => a.associationType === 'isChildOf' && a.originNodeURI.identifier === item.identifier,
    )!;
    expect(link.sequenceNumber).toBe(3);
    const pairs = index.crosswalks.filter((p) => p.a.startsWith('wrc/') || p.b.startsWith('wrc/')).length;
    expect(pkg.CFAssociations.filter((a) => a.associationType === 'exactMatchOf')).toHaveLength(pairs);
    expect(pairs).toBeGreaterThan(0);
  });
});

describe('CASE round trip of imported fixtures', () => {
  const dir = path.join(tmp, 'content');
  fs.cpSync(path.join(root, 'content'), dir, { recursive: true });
  const modules = path.join(dir, 'modules');
  const fixtures = [
    'opensalt-smartlevel-minimal.json',
    'opensalt-ordering-65.json',
    'messy-case-1.1.json',
    'customer-care.matrix',
    'digital-skills.csv',
  ];
  const slugs = fixtures.map((f) => {
    const m = importFramework({ file: path.join(root, 'tests/fixtures/standards', f), out: modules });
    writeImported(modules, m);
    return m.slug;
  });
  const index = loadContent(dir);
  it.each(slugs)('%s', (slug) => {
    const back = roundTrip(index, slug, modules);
    // The source's ids, coding schemes and kept references survive too (they ride in the document's extensions).
    expect(back.data.source).toEqual(index.modules.find((m) => m.slug === slug)!.source);
  });
});

describe('Mahara .matrix round trip of the hand-written modules', () => {
  const index = loadContent(path.join(root, 'content'));
  it.each(index.modules.map((m) => m.slug))('%s', (slug) => {
    roundTrip(index, slug, contentModules, 'matrix');
  });

  it('is a SmartEvidence file: standards, elements with Criterion ids, range items under their criterion, priority', () => {
    const u306 = index.modules.find((m) => m.kind === 'unit' && index.rangeBlocks.size > 0)!;
    const file = matrixFile(index, u306);
    expect(Object.keys(file.framework)).toEqual(
      expect.arrayContaining([
        'institution',
        'name',
        'description',
        'selfassess',
        'evidencestatuses',
        'standards',
        'standardelements',
      ]),
    );
    expect(file.framework.standards.map((s) => s.standardid)).toEqual(file.framework.standards.map((_s, i) => i + 1));
    const [acId, blocks] = [...index.rangeBlocks].find(([id]) => index.items.get(id)!.moduleSlug === u306.slug)!;
    const range = file.framework.standardelements.filter((e) => e.parentelementid === acId);
    expect(range.map((e) => e.elementid)).toEqual(blocks.flatMap((b) => b.items.map((i) => i.id)));
    expect(range.map((e) => e.priority)).toEqual(range.map((_e, i) => i));
    // The file reads back into the same tree, in the same order, whichever way it is read.
    const out = path.join(tmp, `${u306.slug}.matrix`);
    fs.writeFileSync(out, JSON.stringify(file));
    const fw = readFramework(out);
    expect(fw.format).toBe('matrix');
    expect(fw.roots.map((r) => r.criterion!.id)).toEqual(u306.groups.map((g) => g.id));
  });
});

describe('Mahara .matrix round trip of imported fixtures', () => {
  const dir = path.join(tmp, 'content-matrix');
  fs.cpSync(path.join(root, 'content'), dir, { recursive: true });
  const modules = path.join(dir, 'modules');
  const slugs = ['opensalt-ordering-65.json', 'customer-care.matrix', 'digital-skills.csv'].map((f) => {
    const m = importFramework({ file: path.join(root, 'tests/fixtures/standards', f), out: modules });
    writeImported(modules, m);
    return m.slug;
  });
  const index = loadContent(dir);
  it.each(slugs)('%s', (slug) => {
    const back = roundTrip(index, slug, modules, 'matrix');
    expect(back.data.source).toEqual(index.modules.find((m) => m.slug === slug)!.source);
  });
});
