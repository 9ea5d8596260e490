/**
 * A module of 1,000+ items (a national science or maths framework) stays usable (issue 23): it imports and loads,
 * its page groups and collapses, and the criteria picker opens it heading by heading and caps search results.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '@/lib/content/load';
import { importFramework, writeImported } from '@/lib/standards/import';
import { ModuleItems } from '@/components/content/ModuleItems';
import { CriteriaPicker, filterModules } from '@/components/evidence/CriteriaPicker';
import type { PickerModule } from '@/lib/evidence/picker-types';
import { largeCasePackage } from '../helpers/large-framework';

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'standards-large-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

fs.cpSync(path.join(root, 'content'), path.join(tmp, 'content'), { recursive: true });
const file = path.join(tmp, 'national.json');
fs.writeFileSync(file, JSON.stringify(largeCasePackage()));
const modules = path.join(tmp, 'content/modules');

describe('a framework of 1,200 statements', () => {
  const started = performance.now();
  const imported = importFramework({ file, out: modules });
  writeImported(modules, imported);
  const index = loadContent(path.join(tmp, 'content'));
  const elapsed = performance.now() - started;
  const mod = index.modules.find((m) => m.slug === imported.slug)!;

  it('imports and loads with every statement, grouped under its headings', () => {
    expect(imported.summary).toMatchObject({ items: 1200, groups: 132, maxDepth: 3, warnings: [] });
    expect(mod.groups).toHaveLength(120);
    expect(mod.groups[0]!.section).toBe('D1 Domain 1: scientific practice area 1');
    expect(index.items.get(`${mod.prefix}/k/d3-c7/12`)).toBeUndefined(); // only 10 standards per cluster
    expect(index.items.get(`${mod.prefix}/k/d3-c7/10`)!.number).toBe('D3.C7.10');
    expect(elapsed).toBeLessThan(20_000);
  });

  it('the module page collapses each group, and still holds every statement for find-in-page', () => {
    const html = renderToStaticMarkup(createElement(ModuleItems, { module: mod }));
    expect(html.match(/<details/g)).toHaveLength(120);
    expect(html).not.toMatch(/<details[^>]* open/);
    expect(html).toContain('1200 items under 120 headings');
    expect(html.match(/<li id=/g)).toHaveLength(1200);
    // The five hand-written modules are small and stay open.
    const small = renderToStaticMarkup(
      createElement(ModuleItems, { module: index.modules.find((m) => m.slug === 'win-retain-customers')! }),
    );
    expect(small).not.toContain('<details');
  });

  const picker: PickerModule = {
    slug: mod.slug,
    code: 'NSF',
    title: mod.title,
    groups: mod.groups.map((g) => ({
      id: g.id,
      title: g.title,
      items: g.items.map((i) => ({ id: i.id, label: `K ${i.number}`, text: i.text })),
    })),
  };

  it('the picker opens a large module heading by heading, drawing no checkbox until a heading is opened', () => {
    const html = renderToStaticMarkup(
      createElement(CriteriaPicker, {
        modules: [picker],
        equivalents: {},
        value: [],
        onChange: () => {},
        noteMax: 500,
      }),
    );
    expect(html.match(/<details/g)!.length).toBe(121); // the module, and its 120 headings
    expect(html).not.toContain('type="checkbox"');
  });

  it('the picker search finds a statement by code or words and lists at most 100 matches', () => {
    const q = 'd3.c7.1';
    const byCode = filterModules([picker], (i) => i.label.toLowerCase().includes(q), true);
    expect(byCode.matched).toBe(2); // D3.C7.1 and D3.C7.10
    const words = 'cluster 7 of domain 3';
    const byWords = filterModules([picker], (i) => i.text.toLowerCase().includes(words), true);
    expect(byWords.matched).toBe(10);
    const all = filterModules([picker], (i) => i.text.includes('Explain'), true);
    expect(all).toMatchObject({ matched: 1200, shown: 100 });
  });
});
