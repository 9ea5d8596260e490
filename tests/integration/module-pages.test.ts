/**
 * Module and item pages render every item of the standard word for word. The page components are rendered
 * to HTML with the real content and the real compiled MDX bodies (no database: statuses are passed in).
 */
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { getMDXComponent } from 'mdx-bundler/client';
import { describe, expect, it } from 'vitest';
import { ItemView } from '@/components/content/ItemView';
import { itemHref } from '@/components/content/labels';
import { getModuleBody, mdxBodyParts } from '@/components/content/body-parts.server';
import type { LiveStatuses } from '@/lib/modules/learner';
import { ModuleView } from '@/components/content/ModuleView';
import { catalogueProgress, itemStatuses, moduleStatuses, toLiveStatuses } from '@/lib/modules/learner';
import {
  assessableItems,
  getEquivalents,
  getModule,
  getModuleBodyCode,
  getRangeItems,
  listModules,
  moduleItems,
} from '@/lib/content';
import { useTestDatabase } from '@/tests/helpers/db';
import { enrol, makeCast } from '@/tests/helpers/fixtures';
import { expectAllItemsVerbatim, htmlToText } from '@/tests/helpers/verbatim';
import { judge } from '../helpers/judgements';
import { createEvidence } from '../helpers/evidence';

// Only the "learner's own statuses" tests below touch the database; the page tests run on content alone.
useTestDatabase();

const slugs = listModules().map((m) => m.slug);

/**
 * A module page as the route builds it: the cached body parts with a placeholder per status, inside the page
 * shell; `live` is what the page fetches for a learner after load (live-statuses.tsx).
 */
async function modulePage(slug: string, live?: LiveStatuses) {
  return renderToStaticMarkup(
    createElement(ModuleView, { module: getModule(slug)!, body: await getModuleBody(slug), live }),
  );
}

describe('module pages', () => {
  it('covers all five modules', () => {
    expect(slugs.sort()).toEqual([
      'develop-customer-relationships',
      'ee2-win-keep-customers',
      'u306-customers-retention',
      'win-retain-customers',
      'ws-2-8-keeping-customers',
    ]);
  });

  it.each(slugs)('%s shows every item verbatim, each with an anchor and a link to its own page', async (slug) => {
    const html = await modulePage(slug);
    expectAllItemsVerbatim(html, slug);
    for (const item of moduleItems(slug)) {
      expect(html, item.id).toContain(`id="${item.id.replaceAll('/', '-')}"`);
      if (item.kind !== 'range') expect(html, item.id).toContain(`href="${itemHref(item)}"`);
    }
  });

  it.each(slugs)('%s shows its teaching text and facts', async (slug) => {
    const mod = getModule(slug)!;
    const text = htmlToText(await modulePage(slug));
    const firstHeading = (await getModuleBodyCode(slug)).match(/jsx\)\(e\.h2,\{children:"([^"]+)"/)?.[1];
    expect(firstHeading, 'body has a heading').toBeTruthy();
    expect(text).toContain(firstHeading!);
    for (const f of mod.facts) expect(text).toContain(`${f.label}${f.value}`);
  });

  it('unit 306 shows its facts, range headings and report rules', async () => {
    const text = htmlToText(await modulePage('u306-customers-retention'));
    for (const fact of [
      'UANJ/506/2910',
      'Level3',
      'Credit value4',
      'GLH35',
      'Assessment typeE-volve or portfolio of evidence',
      'Relationship to NOS',
      'Aim',
    ]) {
      expect(text).toContain(fact);
    }
    expect(text).toContain('Techniques to attract customers');
    expect(text).toContain('Report of 3,000 to 5,000 words; references and appendices are not counted.');
    expect(text).toContain(
      'Candidates will be required to submit a report of a minimum of 3000 words to a maximum of 5000 words.',
    );
  });

  it('EE2 lists its related units and Management and Leadership links as plain text, not links', async () => {
    const html = await modulePage('ee2-win-keep-customers');
    const from = html.indexOf('id="related"');
    const related = html.slice(from, html.indexOf('</section>', from));
    for (const u of getModule('ee2-win-keep-customers')!.relatedUnits)
      expect(htmlToText(related)).toContain(`${u.code}${u.title}`);
    expect(htmlToText(related)).toContain('Management and Leadership Standards');
    expect(related).not.toMatch(/<a\b/);
  });

  it('standards keep their lead-in lines', async () => {
    const text = htmlToText(await modulePage('win-retain-customers'));
    expect(text).toContain('You must be able to:');
    expect(text).toContain('You need to know and understand:');
  });

  it('the worksheet module describes its exercises read-only and links to the live worksheet', async () => {
    const html = await modulePage('ws-2-8-keeping-customers');
    expect(html).toContain('href="/worksheets/ws-2-8-keeping-customers"');
    expect(htmlToText(html)).toContain('Open the worksheet');
    for (const s of getModule('ws-2-8-keeping-customers')!.worksheet!.sections)
      expect(htmlToText(html)).toContain(`Exercise: ${s.title}`);
    expect(html).not.toMatch(/<(input|textarea|form)\b/);
  });

  it('has a placeholder for the status of each criterion, and shows a learner their progress once known', async () => {
    const slug = 'ee2-win-keep-customers';
    const html = await modulePage(slug, {
      statuses: { 'ee2/pc/3': 'met' },
      progress: { met: 3, submitted: 2, notYetMet: 1, noEvidence: 20, total: 26 },
    });
    expect(htmlToText(html)).toContain('3 of 26 met · 2 awaiting judgement · 1 not yet met');
    const row = html.slice(html.indexOf('id="ee2-pc-3"'), html.indexOf('id="ee2-pc-4"'));
    expect(row).toContain('data-status-for="ee2/pc/3"');
    // One placeholder per assessable item, none for anything else.
    expect(html.match(/data-status-for=/g)).toHaveLength(assessableItems(slug).length);
  });

  it('is the same for every reader before load: no statuses and no progress', async () => {
    const html = await modulePage('u306-customers-retention');
    expect(html).not.toContain('data-status=');
    expect(html).not.toContain('Your progress');
    expect(html).toContain('data-status-for="u306/ac/2.4"');
  });
});

describe('item pages', () => {
  const all = slugs.flatMap((slug) => moduleItems(slug));

  it.each(all.map((i) => [i.id, i] as const))('%s shows its wording, range and equivalents', (_id, item) => {
    const html = renderToStaticMarkup(createElement(ItemView, { item, module: getModule(item.moduleSlug)! }));
    const text = htmlToText(html);
    expect(text).toContain(item.text.replace(/\s+/g, ' '));
    if (item.kind === 'ac') for (const r of getRangeItems(item.id)) expect(text).toContain(r.text);
    for (const eq of getEquivalents(item.id)) {
      expect(html).toContain(`href="${itemHref(eq)}"`);
      expect(text).toContain(eq.text);
    }
  });

  it('offers a learner their status and the evidence link once their statuses are known, staff and visitors neither', () => {
    const mod = getModule('u306-customers-retention')!;
    const item = moduleItems(mod.slug).find((i) => i.id === 'u306/ac/2.4')!;
    const before = renderToStaticMarkup(createElement(ItemView, { item, module: mod }));
    expect(before).not.toContain('/learner/evidence/new');
    const staff = renderToStaticMarkup(
      createElement(ItemView, { item, module: mod, live: { statuses: null, progress: null } }),
    );
    expect(staff).not.toContain('/learner/evidence/new');
    expect(staff).not.toContain('Your status');
    const learner = renderToStaticMarkup(
      createElement(ItemView, {
        item,
        module: mod,
        live: { statuses: { 'u306/ac/2.4': 'evidence_submitted' }, progress: null },
      }),
    );
    expect(learner).toContain('href="/learner/evidence/new?criterion=u306%2Fac%2F2.4"');
    expect(learner).toContain('data-status="evidence_submitted"');
    expect(htmlToText(learner)).toContain('promotions');
  });
});

describe('the MDX body cut at the worksheet sections', () => {
  it.each(slugs)('%s: the parts render as React renders the whole compiled MDX', async (slug) => {
    const code = await getModuleBodyCode(slug);
    const mine = mdxBodyParts(code)
      .map((p) =>
        p.kind === 'prose'
          ? renderToStaticMarkup(createElement(Fragment, null, ...p.nodes))
          : `<hr data-slot="${p.id}"/>`,
      )
      .join('');
    const Component = getMDXComponent(code);
    const slot = ({ id }: { id: string }) => createElement('hr', { 'data-slot': id });
    const react = renderToStaticMarkup(createElement(Component, { components: { WorksheetSection: slot } }));
    // React keeps the line breaks between top-level blocks; the parts drop those at the ends and between sections.
    const norm = (s: string) =>
      s
        .replace(/>\s+</g, '><')
        .replace(/<hr data-slot="([^"]+)"\/?>/g, '[$1]')
        .trim();
    expect(norm(mine)).toEqual(norm(react));
    expect(mine.length).toBeGreaterThan(500);
  });

  it('finds top-level sections, and refuses one placed inside other markup (it would vanish from the page)', async () => {
    const { bundleMDX } = await import('mdx-bundler');
    const parts = mdxBodyParts(
      (await bundleMDX({ source: '# A\n\n<WorksheetSection id="one" />\n\nText <WorksheetSection id="two" />\n' }))
        .code,
    );
    expect(parts.map((p) => (p.kind === 'section' ? p.id : 'prose'))).toEqual(['prose', 'one', 'prose']);
    const last = parts[2]!;
    expect(() =>
      renderToStaticMarkup(createElement(Fragment, null, ...(last.kind === 'prose' ? last.nodes : []))),
    ).toThrow(/line of its own/);
  });
});

describe("a learner's own statuses on module pages", () => {
  const EE2 = 'ee2-win-keep-customers';

  it("shows the learner their statuses and progress, staff none, and never another learner's", async () => {
    const c = await makeCast();
    await enrol(c.learner, EE2, 'u306-customers-retention');
    await enrol(c.otherLearner, EE2);
    const { id } = await createEvidence(c.learner, {
      kind: 'account',
      title: 'My customer groups',
      occurredOn: '2025-03-01',
      description: '',
      body: 'I grouped my customers by need.',
      criteria: [{ id: 'ee2/pc/1' }, { id: 'ee2/pc/3' }],
    });
    await judge(c.assessor, {
      learnerId: c.learner.id,
      criterionId: 'ee2/pc/1',
      outcome: 'met',
      feedback: 'Clear.',
      evidenceIds: [id],
    });

    const mine = (await moduleStatuses(c.learner, EE2))!;
    expect(mine.statuses.get('ee2/pc/1')?.status).toBe('met');
    expect(mine.statuses.get('ee2/pc/3')?.status).toBe('evidence_submitted');
    expect(mine.statuses.get('ee2/pc/2')?.status).toBe('no_evidence');
    expect(mine.progress).toMatchObject({ total: assessableItems(EE2).length, met: 1, submitted: 1 });

    const live = toLiveStatuses(mine);
    expect(live.statuses).toMatchObject({
      'ee2/pc/1': 'met',
      'ee2/pc/3': 'evidence_submitted',
      'ee2/pc/2': 'no_evidence',
    });
    const html = await modulePage(EE2, live);
    expect(htmlToText(html)).toContain(`1 of ${assessableItems(EE2).length} met · 1 awaiting judgement`);

    const theirs = (await moduleStatuses(c.otherLearner, EE2))!;
    expect([...theirs.statuses.values()].every((s) => s.status === 'no_evidence')).toBe(true);
    expect((await itemStatuses(c.learner, ['ee2/pc/3']))?.get('ee2/pc/3')?.status).toBe('evidence_submitted');

    for (const staff of [c.assessor, c.coach, c.admin]) {
      expect(await moduleStatuses(staff, EE2)).toBeNull();
      expect(await catalogueProgress(staff)).toBeNull();
    }
    // Worksheets have no criteria of their own: nothing to show.
    expect(await moduleStatuses(c.learner, 'ws-2-8-keeping-customers')).toBeNull();
  });

  it("puts the learner's enrolled modules and their progress in the catalogue", async () => {
    const c = await makeCast();
    await enrol(c.learner, EE2);
    await createEvidence(c.learner, {
      kind: 'account',
      title: 'Competitors',
      occurredOn: '2025-03-01',
      description: '',
      body: 'Three stalls sell the same.',
      criteria: [{ id: 'ee2/pc/5' }],
    });
    const cat = (await catalogueProgress(c.learner))!;
    expect([...cat.enrolled]).toEqual([EE2]);
    expect(cat.progress.get(EE2)).toMatchObject({ submitted: 1, met: 0 });
    expect(cat.progress.get('win-retain-customers')).toMatchObject({ submitted: 0 });
    expect(cat.progress.has('ws-2-8-keeping-customers')).toBe(false);
  });
});
