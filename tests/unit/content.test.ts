import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { getMDXComponent } from 'mdx-bundler/client';
import { describe, expect, it } from 'vitest';
import {
  assessableItems,
  compileModuleBody,
  getEquivalents,
  getItem,
  getModule,
  getModuleBodyCode,
  getRangeBlocks,
  getRangeItems,
  listModules,
  loadContent,
  moduleItems,
  type ModuleData,
} from '@/lib/content';
import { splitFrontmatter } from '@/lib/content/frontmatter';
import { expectAllItemsVerbatim } from '../helpers/verbatim';

const SLUGS = {
  wrc: 'win-retain-customers',
  ee2: 'ee2-win-keep-customers',
  dcr: 'develop-customer-relationships',
  u306: 'u306-customers-retention',
  ws28: 'ws-2-8-keeping-customers',
} as const;

function mod(slug: string): ModuleData {
  const m = getModule(slug);
  if (!m) throw new Error(`no module ${slug}`);
  return m;
}

describe('content loads', () => {
  it('validates every module and the crosswalks', () => {
    const index = loadContent();
    expect(index.modules.map((m) => m.slug).sort()).toEqual(Object.values(SLUGS).sort());
  });

  it('counts match the source documents', () => {
    const counts = Object.fromEntries(listModules().map((m) => [m.slug, m.counts]));
    expect(counts).toEqual({
      [SLUGS.wrc]: { pc: 18, k: 18, lo: 0, ac: 0, range: 0 },
      [SLUGS.ee2]: { pc: 15, k: 11, lo: 0, ac: 0, range: 0 },
      [SLUGS.dcr]: { pc: 15, k: 15, lo: 0, ac: 0, range: 0 },
      [SLUGS.u306]: { pc: 0, k: 0, lo: 3, ac: 14, range: 62 },
      [SLUGS.ws28]: { pc: 0, k: 0, lo: 0, ac: 0, range: 0 },
    });
  });

  it('lists standards, then the unit, then the worksheet', () => {
    expect(listModules().map((m) => m.kind)).toEqual(['standard', 'standard', 'standard', 'unit', 'worksheet']);
    expect(listModules().find((m) => m.slug === SLUGS.u306)).toMatchObject({ code: '306/696', level: 3 });
  });

  it('returns undefined or empty for unknown ids and slugs', () => {
    expect(getModule('nope')).toBeUndefined();
    expect(getItem('wrc/pc/99')).toBeUndefined();
    expect(getRangeItems('wrc/pc/1')).toEqual([]);
    expect(getEquivalents('nope')).toEqual([]);
    expect(assessableItems('nope')).toEqual([]);
  });

  it('freezes shared data so a page cannot change it for every other request', () => {
    const item = getItem('wrc/pc/1')!;
    expect(() => {
      (item as { text: string }).text = 'changed';
    }).toThrow(TypeError);
  });
});

describe('standards', () => {
  it('groups wrc knowledge items using the NOS numbering (1-18 straight through)', () => {
    const groups = mod(SLUGS.wrc).groups;
    expect(groups.map((g) => [g.id, g.items.map((i) => i.number).join(',')])).toEqual([
      ['wrc/pc', '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18'],
      ['wrc/k/market', '1,2,3,4,5,6'],
      ['wrc/k/infrastructure', '7,8'],
      ['wrc/k/experience', '9,10,11,12,13,14,15,16,17,18'],
    ]);
    expect(getItem('wrc/k/infrastructure/7')).toMatchObject({
      kind: 'k',
      number: '7',
      moduleSlug: SLUGS.wrc,
      groupId: 'wrc/k/infrastructure',
      text: 'the impact your business infrastructure has on the quality of customer service delivered',
    });
  });

  it('keeps ee2 in five knowledge groups with their own numbering', () => {
    const groups = mod(SLUGS.ee2).groups;
    expect(groups.map((g) => [g.id, g.title, g.items.length])).toEqual([
      ['ee2/pc', 'What you need to do', 15],
      ['ee2/k/market', 'The market', 3],
      ['ee2/k/marketing', 'Marketing', 1],
      ['ee2/k/infrastructure', 'Business infrastructure', 1],
      ['ee2/k/experience', 'Customer’s experience', 3],
      ['ee2/k/feedback', 'Customer feedback', 3],
    ]);
  });

  it('keeps each source’s punctuation: ee2 items end with a full stop, wrc and dcr items do not', () => {
    for (const i of assessableItems(SLUGS.ee2)) expect(i.text).toMatch(/\.$/);
    for (const i of [...assessableItems(SLUGS.wrc), ...assessableItems(SLUGS.dcr)]) expect(i.text).not.toMatch(/[.;]$/);
    expect(getItem('ee2/pc/2')?.text).toBe('Identify your customers’ current needs and future requirements.');
    expect(getItem('wrc/pc/3')?.text).toBe("identify your customers' current needs and potential future requirements");
  });

  it('carries ee2’s related units as data, with the broken apostrophe fixed', () => {
    const units = mod(SLUGS.ee2).relatedUnits;
    expect(units.map((u) => u.code)).toEqual([
      'EE4',
      'EE5',
      'WB1',
      'WB2',
      'WB11',
      'WB12',
      'BI1',
      'F4',
      'F5',
      'F6',
      'F9',
      'F10',
      'F11',
    ]);
    expect(units.find((u) => u.code === 'F9')).toEqual({
      code: 'F9',
      title: 'Build your organisation’s understanding of its market & customers',
      framework: 'Management and Leadership Standards',
    });
  });

  it('has no list markers, markdown or extraction debris in any wording', () => {
    for (const item of loadContent().items.values()) {
      expect(item.text, item.id).not.toMatch(/^([-•*]|\d+\.)\s|\*\*|u2019|cracsbit|\s{2}/);
    }
    expect(JSON.stringify(loadContent().modules)).not.toMatch(/u2019|cracsbit/);
  });
});

describe('unit 306', () => {
  const u = () => mod(SLUGS.u306);

  it('has its facts, report rules and portfolio guidance', () => {
    const facts = Object.fromEntries(u().facts.map((f) => [f.label, f.value]));
    expect(facts).toMatchObject({
      UAN: 'J/506/2910',
      Level: '3',
      'Credit value': '4',
      GLH: '35',
      'Assessment type': 'E-volve or portfolio of evidence',
    });
    expect(facts['Relationship to NOS']).toContain('CFACSB14 Review the quality of customer service');
    expect(facts['Relationship to NOS']).toContain('CFACSB15 Build and maintain effective customer relations');
    expect(u().reportRules).toEqual({
      minWords: 3000,
      maxWords: 5000,
      excludedSections: ['References', 'Reference list', 'Bibliography', 'Appendix', 'Appendices'],
      countHeadings: true,
    });
    expect(u().guidance).toHaveLength(5);
  });

  it('has one group per learning outcome holding its assessment criteria', () => {
    expect(u().groups.map((g) => [g.id, g.title, g.items.map((i) => i.number)])).toEqual([
      ['u306/lo/1', 'understand Customer Relationship Management (CRM)', ['1.1', '1.2', '1.3', '1.4', '1.5']],
      ['u306/lo/2', 'understand customer retention', ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6']],
      ['u306/lo/3', 'understand the measurement of customer satisfaction', ['3.1', '3.2', '3.3']],
    ]);
    expect(getItem('u306/lo/2')).toMatchObject({ kind: 'lo', number: '2', text: 'understand customer retention' });
    expect(getItem('u306/ac/2.4')).toMatchObject({
      kind: 'ac',
      parentId: 'u306/lo/2',
      groupId: 'u306/lo/2',
      text: 'describe techniques used to attract and retain customers',
    });
  });

  it('attaches each range block to the right assessment criterion', () => {
    const perAc = Object.fromEntries(
      u()
        .groups.flatMap((g) => g.items)
        .map((ac) => [ac.number, getRangeBlocks(ac.id).map((b) => `${b.heading} (${b.items.length})`)]),
    );
    expect(perAc).toEqual({
      '1.1': ['Customer experience (3)'],
      '1.2': ['Methods of segmenting customers (5)', 'Methods of characterising customers (2)'],
      '1.3': ['Purpose of customer relationship management (4)', 'Scope of customer relationship management (5)'],
      '1.4': ['Features (5)'],
      '1.5': ['Uses to an organisation (7)'],
      '2.1': [],
      '2.2': ['Benefits (3)'],
      '2.3': ['Factors (5)'],
      '2.4': ['Techniques to attract customers (5)', 'Techniques to retain customers (6)'],
      '2.5': [],
      '2.6': ['Factors (2)'],
      '3.1': ['Techniques (2)'],
      '3.2': ['Factors (2)'],
      '3.3': ['Techniques to measure customer satisfaction (6)'],
    });
    expect(getRangeBlocks('u306/ac/1.1')[0].intro).toMatch(
      /^The customer experience is the sum of all the experiences/,
    );
  });

  it('gives range items stable ids, their criterion and their block heading', () => {
    const items = getRangeItems('u306/ac/2.4');
    expect(items).toHaveLength(11);
    expect(items[0]).toEqual({
      id: 'u306/ac/2.4/range/promotions',
      kind: 'range',
      number: '1',
      text: 'promotions',
      moduleSlug: SLUGS.u306,
      groupId: 'u306/lo/2',
      parentId: 'u306/ac/2.4',
      rangeHeading: 'Techniques to attract customers',
    });
    expect(items[5]).toMatchObject({
      text: 'develop a formal strategy',
      rangeHeading: 'Techniques to retain customers',
      number: '6',
    });
    expect(getItem('u306/ac/3.3/range/complaints-data')?.text).toBe('complaints data.');
  });

  it('offers only assessment criteria for evidence, not outcomes or range items', () => {
    const items = assessableItems(SLUGS.u306);
    expect(items).toHaveLength(14);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['ac']));
  });
});

describe('worksheet 2.8', () => {
  const ws = () => mod(SLUGS.ws28).worksheet!;

  it('defines its sections', () => {
    expect(ws().sections.map((s) => `${s.id}:${s.kind}`)).toEqual([
      'contacts:table',
      'tips:checklist',
      'contacts-review:reflection',
      'organising:checklist',
      'ask-customers:reflection',
      'opportunities:reflection',
      'complaints:checklist',
      'complaints-learning:reflection',
      'coach:reflection',
    ]);
    expect(ws().sections[0]).toMatchObject({
      columns: [
        { id: 'contact', label: 'Customer contact points' },
        { id: 'service', label: 'Good customer service' },
      ],
      maxRows: 30,
    });
    for (const s of ws().sections) if (s.kind === 'reflection') expect(s.maxLength).toBe(5000);
  });

  it('keeps the 14 tips, the four questions and the ten complaint tips, glued words split', () => {
    const lengths = Object.fromEntries(
      ws().sections.flatMap((s) => (s.kind === 'checklist' ? [[s.id, s.items.length]] : [])),
    );
    expect(lengths).toEqual({ tips: 14, organising: 4, complaints: 10 });
    const texts = ws().sections.flatMap((s) => (s.kind === 'checklist' ? s.items.map((i) => i.text) : []));
    expect(texts).toContain('Be a ‘can do’ person - if you can’t solve a problem see if you can find someone who can');
    expect(texts).toContain('Apologise.');
    for (const t of texts) expect(t).not.toMatch(/[a-z.!?][A-Z]/); // no "youRespond" glue left
  });

  it('can be offered as evidence against assessable items of the standards', () => {
    expect(ws().evidences.length).toBeGreaterThan(0);
    for (const id of ws().evidences) {
      expect(getItem(id), id).toBeDefined();
      expect(['pc', 'k', 'ac']).toContain(getItem(id)!.kind);
    }
  });
});

describe('crosswalks', () => {
  const index = loadContent();

  it('every pair resolves to assessable items of two different modules', () => {
    expect(index.crosswalks.length).toBeGreaterThan(0);
    for (const { a, b } of index.crosswalks) {
      const [x, y] = [getItem(a), getItem(b)];
      expect(x, a).toBeDefined();
      expect(y, b).toBeDefined();
      expect(x!.moduleSlug).not.toBe(y!.moduleSlug);
    }
  });

  it('maps every wrc performance criterion that has an ee2 equivalent', () => {
    const mapped = assessableItems(SLUGS.wrc).filter((i) =>
      getEquivalents(i.id).some((e) => e.moduleSlug === SLUGS.ee2),
    );
    expect(mapped.filter((i) => i.kind === 'pc').map((i) => i.number)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
    ]);
  });

  it('is symmetric and not transitive', () => {
    expect(getEquivalents('wrc/pc/1').map((i) => i.id)).toEqual(['ee2/pc/1']);
    expect(getEquivalents('ee2/pc/1').map((i) => i.id)).toEqual(['wrc/pc/1', 'wrc/pc/2']);
    // dcr/k/14 = wrc/k/experience/11 = ee2/k/experience/2, but dcr/k/14 is not thereby paired with ee2.
    expect(getEquivalents('dcr/k/14').map((i) => i.id)).toEqual(['wrc/k/experience/11']);
    for (const { a, b } of index.crosswalks) {
      expect(getEquivalents(a).map((i) => i.id)).toContain(b);
      expect(getEquivalents(b).map((i) => i.id)).toContain(a);
    }
  });
});

describe('MDX bodies', () => {
  /** Stand-in for the worksheet form component pages pass in through `components`. */
  const WorksheetSection = ({ id }: { id: string }): ReactNode => createElement('div', { 'data-section': id });

  async function render(slug: string): Promise<string> {
    const Body = getMDXComponent(await getModuleBodyCode(slug));
    return renderToStaticMarkup(createElement(Body, { components: { WorksheetSection } }));
  }

  it('compiles once per process (the promise is cached)', () => {
    expect(getModuleBodyCode(SLUGS.wrc)).toBe(getModuleBodyCode(SLUGS.wrc));
  });

  it('compiles and renders every module, with frontmatter read the same way YAML reads it', async () => {
    const index = loadContent();
    for (const m of index.modules) {
      const html = await render(m.slug);
      expect(html).toContain('<h2>');
      expect(html).not.toContain('slug:'); // frontmatter is not rendered as text
      const { frontmatter } = await compileModuleBody(index, m.slug);
      expect(splitFrontmatter(index.mdx.get(m.slug)!.source).data).toEqual(frontmatter);
    }
  });

  it('places every worksheet section in the body, in the order they are defined', async () => {
    const html = await render(SLUGS.ws28);
    const placed = [...html.matchAll(/data-section="([^"]+)"/g)].map((m) => m[1]);
    expect(placed).toEqual(mod(SLUGS.ws28).worksheet!.sections.map((s) => s.id));
  });
});

describe('expectAllItemsVerbatim', () => {
  /** Render items the way a page would, so React's escaping is exercised. */
  function page(texts: string[]): string {
    return renderToStaticMarkup(createElement('ul', null, ...texts.map((t, i) => createElement('li', { key: i }, t))));
  }
  function allTexts(slug: string): string[] {
    const ws = mod(slug).worksheet?.sections ?? [];
    return [
      ...moduleItems(slug).map((i) => i.text),
      ...ws.flatMap((s) => (s.kind === 'checklist' ? s.items.map((i) => i.text) : [])),
    ];
  }

  it('passes when every item is shown', () => {
    for (const slug of Object.values(SLUGS)) expectAllItemsVerbatim(page(allTexts(slug)), slug);
  });

  it('fails when an item is missing or reworded', () => {
    const texts = allTexts(SLUGS.wrc);
    expect(() => expectAllItemsVerbatim(page(texts.slice(1)), SLUGS.wrc)).toThrow(/wrc\/pc\/1/);
    const reworded = texts.map((t) => t.replace("customers'", 'customers’'));
    expect(() => expectAllItemsVerbatim(page(reworded), SLUGS.wrc)).toThrow(/wrc\/pc\/3/);
  });
});
