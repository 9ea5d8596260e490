/**
 * Importing competency frameworks (issue 23): the three formats, the repairs made with a warning, the refusals
 * that name the file, the item and the problem, and re-imports that keep ids. Imports go into a temporary copy
 * of content/, and the copy must still load (the same validation as the build).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '@/lib/content/load';
import { compileModuleBody } from '@/lib/content/mdx';
import { ImportRefusal, htmlToText } from '@/lib/standards/framework';
import { acceptProposals, importFramework, readFramework, REVIEW_FILE, writeImported } from '@/lib/standards/import';
import { itemId } from '@/lib/standards/case-write';
import { uuidV5 } from '@/lib/standards/uuid';
import type { ModuleFile } from '@/lib/content/schema';

/** Imported modules hold knowledge groups only. */
const kGroups = (data: ModuleFile) => data.groups.flatMap((g) => (g.kind === 'lo' ? [] : [g]));

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'tests/fixtures/standards');
const fx = (name: string) => path.join(fixtures, name);
const temps: string[] = [];

/** A throw-away copy of content/ to import into. */
function tempContent(): { dir: string; modules: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standards-'));
  temps.push(dir);
  fs.cpSync(path.join(root, 'content'), path.join(dir, 'content'), { recursive: true });
  return { dir: path.join(dir, 'content'), modules: path.join(dir, 'content', 'modules') };
}
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function refusal(file: string, format?: string): string {
  try {
    readFramework(fx(file), format);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportRefusal);
    return (e as Error).message;
  }
  throw new Error(`${file} was not refused`);
}

describe('dry run summaries', () => {
  it('CASE 1.0, minimal: 12 statements under 2 headings', () => {
    const m = importFramework({
      file: fx('opensalt-smartlevel-minimal.json'),
      out: path.join(root, 'content/modules'),
    });
    expect(m.summary).toEqual({
      format: 'case',
      title: 'SmartLevel Test',
      items: 12,
      groups: 2,
      maxDepth: 2,
      crosswalks: 0,
      externalReferences: 0,
      warnings: [],
    });
  });

  it('CASE 1.1, messy: repairs each recorded, the exactMatchOf to a Criterion item proposed, the rest kept as references', () => {
    const m = importFramework({ file: fx('messy-case-1.1.json'), out: path.join(root, 'content/modules') });
    expect(m.summary).toMatchObject({
      format: 'case',
      title: 'Customer care essentials',
      items: 6,
      groups: 3,
      maxDepth: 2,
      crosswalks: 1,
      externalReferences: 2,
    });
    const w = m.summary.warnings.join('\n');
    expect(w).toMatch(/HTML in the statement was turned into plain text/);
    expect(w).toMatch(/every sequence number is 0/);
    expect(w).toMatch(/sequence numbers written as text were read as numbers/);
    expect(w).toMatch(/no isChildOf link: treated as top-level/);
    expect(m.review.proposals).toEqual([
      { a: expect.stringMatching(/^cce\/k\/dd\/\d$/), b: 'dcr/pc/5', note: expect.any(String), accept: false },
    ]);
    expect(m.data.source!.references.map((r) => r.type).sort()).toEqual(['exactMatchOf', 'exemplar']);
    // Order: sequence 0 everywhere falls back to listEnumeration (CC.2 has 1, CC.1 has 2); text sequence numbers sort as numbers.
    const cc = kGroups(m.data).find((g) => g.id === 'cce/k/cc')!;
    expect(cc.items.map((i) => i.text)).toEqual([
      'Explain clearly what you can do',
      'Listen to the customer & confirm what they need',
      'Keep the customer informed',
    ]);
    const dd = m.data.groups.find((g) => g.id === 'cce/k/dd')!;
    expect(dd.items.map((i) => i.text)).toEqual(['Put things right', 'Record the complaint']);
    expect(cc.title).toBe('CC Caring for customers');
  });

  it('Mahara .matrix: parentid and parentelementid both read, duplicate element ids repaired', () => {
    const m = importFramework({ file: fx('customer-care.matrix'), out: path.join(root, 'content/modules') });
    expect(m.summary).toMatchObject({
      format: 'matrix',
      title: 'Customer service skills',
      items: 6,
      groups: 3,
      maxDepth: 3,
    });
    expect(m.summary.warnings.join('\n')).toMatch(/element id 2\.2 is listed twice with the same name/);
    expect(m.summary.warnings.join('\n')).toMatch(/element id 2\.3 is used twice for different elements/);
    const comm = kGroups(m.data).find((g) => g.title === '2.0 Communication')!;
    expect(comm.section).toBe('Serving your customers');
    expect(comm.items.map((i) => i.text)).toEqual(['Speak clearly and politely', 'Check that you have understood']);
  });

  it('Moodle CSV: the framework row, three levels, cross references kept', () => {
    const m = importFramework({ file: fx('digital-skills.csv'), out: path.join(root, 'content/modules') });
    expect(m.summary).toMatchObject({
      format: 'moodle',
      title: 'Digital skills for work',
      items: 5,
      groups: 3,
      maxDepth: 3,
      crosswalks: 0,
      externalReferences: 2,
    });
    expect(m.mdx).toContain('Everyday digital skills.\n\nFor adult learners.');
    expect(Object.values(m.data.source!.items).map((v) => v.sourceId)).toEqual([
      'DS1.1',
      'DS1.2',
      'DS2.1',
      'DS2.2.1',
      'DS2.2.2',
    ]);
  });

  it('OpenSALT ordering: sequence numbers with gaps and duplicates give a stable order', () => {
    const m = importFramework({ file: fx('opensalt-ordering-65.json'), out: path.join(root, 'content/modules') });
    expect(m.summary).toMatchObject({ items: 49, groups: 17, maxDepth: 6 });
    const fractions = m.data.groups.find((g) => g.id.endsWith('/m-f-1-2-s1'))!;
    expect(fractions.items.slice(0, 2).map((i) => i.text)).toEqual([
      'Students can add or subtract fractions',
      expect.stringMatching(/^Students can/),
    ]);
  });
});

describe('refusals name the file, the item and the problem', () => {
  it.each([
    ['refuse-two-parents.json', undefined, /refuse-two-parents\.json: item "C" \(.*\) has two parents/],
    ['refuse-cycle.json', undefined, /refuse-cycle\.json: items form a cycle: item "B".*item "C".*item "B"/],
    ['refuse-no-title.json', undefined, /refuse-no-title\.json: item "B" .* has no title/],
    ['refuse-cycle.csv', undefined, /refuse-cycle\.csv: items form a cycle: competency "X" → competency "Y"/],
    ['refuse-no-title.matrix', undefined, /refuse-no-title\.matrix: element "1\.1" has no title/],
    ['refuse-not-a-framework.txt', undefined, /refuse-not-a-framework\.txt: not a framework file/],
    [
      'opensalt-ordering-65.json',
      'matrix',
      /opensalt-ordering-65\.json: not a Mahara \.matrix file \(it looks like a CASE package\)/,
    ],
    ['digital-skills.csv', 'case', /digital-skills\.csv: not a CASE package \(it looks like a Moodle/],
  ])('%s (claimed: %s)', (file, format, message) => {
    expect(refusal(file, format)).toMatch(message);
  });
});

describe('imported modules load like hand-written ones', () => {
  it('every fixture imports into content/ and the whole content still validates and compiles', async () => {
    const { dir, modules } = tempContent();
    for (const f of [
      'opensalt-smartlevel-minimal.json',
      'opensalt-ordering-65.json',
      'messy-case-1.1.json',
      'customer-care.matrix',
      'digital-skills.csv',
    ]) {
      const m = importFramework({ file: fx(f), out: modules });
      writeImported(modules, m);
      expect(fs.existsSync(path.join(modules, m.slug, REVIEW_FILE))).toBe(true);
    }
    const index = loadContent(dir);
    expect(index.modules).toHaveLength(10);
    const prefixes = index.modules.map((m) => m.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    const body = await compileModuleBody(index, 'customer-care-essentials');
    expect(body.code).toContain('What good customer care looks like.');
  });

  it('accepting a proposal adds the pair to crosswalks.json, which the build then checks', () => {
    const { dir, modules } = tempContent();
    writeImported(modules, importFramework({ file: fx('messy-case-1.1.json'), out: modules }));
    const reviewFile = path.join(modules, 'customer-care-essentials', REVIEW_FILE);
    const review = JSON.parse(fs.readFileSync(reviewFile, 'utf8'));
    expect(acceptProposals(modules, 'customer-care-essentials', path.join(dir, 'crosswalks.json'))).toBe(0); // none accepted yet
    review.proposals[0].accept = true;
    fs.writeFileSync(reviewFile, JSON.stringify(review));
    expect(acceptProposals(modules, 'customer-care-essentials', path.join(dir, 'crosswalks.json'))).toBe(1);
    const index = loadContent(dir);
    expect(index.equivalents.get('dcr/pc/5')!.map((i) => i.moduleSlug)).toContain('customer-care-essentials');
  });
});

describe('re-importing a newer version', () => {
  it('keeps the ids of unchanged items, flags changed wording, retires removed ids and never reuses them', () => {
    const { dir, modules } = tempContent();
    const v1 = importFramework({ file: fx('messy-case-1.1.json'), out: modules });
    writeImported(modules, v1);
    const idOf = (data: typeof v1.data, sourceId: string) =>
      Object.entries(data.source!.items).find(([, v]) => v.sourceId === sourceId)![0];
    const pkg = JSON.parse(fs.readFileSync(fx('messy-case-1.1.json'), 'utf8'));
    const I = (n: number) => `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    // v2: CC.3 reworded, DD.1 removed, a new DD.3 added before DD.2.
    pkg.CFItems.find((i: { identifier: string }) => i.identifier === I(4)).fullStatement =
      'Keep the customer informed at every step';
    pkg.CFItems = pkg.CFItems.filter((i: { identifier: string }) => i.identifier !== I(6));
    pkg.CFAssociations = pkg.CFAssociations.filter(
      (a: { originNodeURI: { identifier: string } }) => a.originNodeURI.identifier !== I(6),
    );
    pkg.CFItems.push({
      identifier: I(9),
      uri: 'u',
      lastChangeDateTime: '2022-01-01',
      humanCodingScheme: 'DD.3',
      fullStatement: 'Apologise sincerely',
    });
    pkg.CFAssociations.push({
      identifier: 'a9',
      uri: 'u',
      lastChangeDateTime: '2022-01-01',
      associationType: 'isChildOf',
      originNodeURI: { title: 'x', identifier: I(9), uri: 'u' },
      destinationNodeURI: { title: 'x', identifier: I(5), uri: 'u' },
      sequenceNumber: 0,
    });
    const v2file = path.join(path.dirname(dir), 'v2.json');
    fs.writeFileSync(v2file, JSON.stringify(pkg));
    const v2 = importFramework({ file: v2file, out: modules });
    expect(v2.slug).toBe(v1.slug);
    for (const unchanged of [I(2), I(3), I(7), I(8)]) expect(idOf(v2.data, unchanged)).toBe(idOf(v1.data, unchanged));
    expect(idOf(v2.data, I(4))).toBe(idOf(v1.data, I(4)));
    expect(v2.review.changed).toEqual([
      { id: idOf(v1.data, I(4)), was: 'Keep the customer informed', now: 'Keep the customer informed at every step' },
    ]);
    const removed = idOf(v1.data, I(6));
    expect(v2.review.retired).toEqual([removed]);
    expect(v2.data.source!.retired).toContain(removed);
    const added = idOf(v2.data, I(9));
    expect(added).not.toBe(removed);
    expect(Object.keys(v1.data.source!.items)).not.toContain(added);
    writeImported(modules, v2);
    expect(() => loadContent(dir)).not.toThrow();
  });
});

describe('helpers', () => {
  it('uuid v5 matches the RFC example', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(itemId('dcr/pc/5')).toBe(itemId('dcr/pc/5'));
  });

  it('HTML becomes safe plain text', () => {
    expect(htmlToText('<p>A &amp; B</p><script>alert(1)</script><p>C&#39;s&nbsp;<b>d</b></p>')).toBe("A & B C's d");
    expect(htmlToText('<p>One</p><p>Two</p>', true)).toBe('One\n\nTwo');
  });
});

describe('the command line', () => {
  it('--dry-run --json prints one JSON object and writes nothing', () => {
    const { modules } = tempContent();
    const before = fs.readdirSync(modules).sort();
    const r = spawnSync(
      'npx',
      ['tsx', 'scripts/standards.ts', 'import', fx('customer-care.matrix'), '--out', modules, '--dry-run', '--json'],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'format',
      'title',
      'items',
      'groups',
      'maxDepth',
      'crosswalks',
      'externalReferences',
      'warnings',
    ]);
    expect(fs.readdirSync(modules).sort()).toEqual(before);
    const bad = spawnSync('npx', ['tsx', 'scripts/standards.ts', 'import', fx('refuse-cycle.json'), '--out', modules], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/refuse-cycle\.json: items form a cycle/);
  });
});
