/**
 * Module and item pages render every item of the standard word for word. The page components are rendered
 * to HTML with the real content and the real compiled MDX bodies (no database: statuses are passed in).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { getMDXComponent } from 'mdx-bundler/client';
import { describe, expect, it } from 'vitest';
import { ItemView } from '@/components/content/ItemView';
import { itemHref } from '@/components/content/labels';
import { renderMdxToParts } from '@/components/content/mdx-html';
import { getModuleBody } from '@/components/content/module-body';
import { ModuleView } from '@/components/content/ModuleView';
import { StatusTag } from '@/components/content/StatusTag';
import { getEquivalents, getModule, getModuleBodyCode, getRangeItems, listModules, MDX_COMPONENTS, moduleItems } from '@/lib/content';
import { expectAllItemsVerbatim, htmlToText } from '@/tests/helpers/verbatim';

const slugs = listModules().map((m) => m.slug);

async function modulePage(slug: string, extra: Partial<Parameters<typeof ModuleView>[0]> = {}): Promise<string> {
  const mod = getModule(slug)!;
  return renderToStaticMarkup(createElement(ModuleView, { module: mod, body: await getModuleBody(slug), ...extra }));
}

describe('module pages', () => {
  it('covers all five modules', () => {
    expect(slugs.sort()).toEqual([
      'develop-customer-relationships', 'ee2-win-keep-customers', 'u306-customers-retention', 'win-retain-customers', 'ws-2-8-keeping-customers',
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
    for (const fact of ['UANJ/506/2910', 'Level3', 'Credit value4', 'GLH35', 'Assessment typeE-volve or portfolio of evidence', 'Relationship to NOS', 'Aim']) {
      expect(text).toContain(fact);
    }
    expect(text).toContain('Techniques to attract customers');
    expect(text).toContain('Report of 3,000 to 5,000 words; references and appendices are not counted.');
    expect(text).toContain('Candidates will be required to submit a report of a minimum of 3000 words to a maximum of 5000 words.');
  });

  it('EE2 lists its related units and Management and Leadership links as plain text, not links', async () => {
    const html = await modulePage('ee2-win-keep-customers');
    const from = html.indexOf('id="related"');
    const related = html.slice(from, html.indexOf('</section>', from));
    for (const u of getModule('ee2-win-keep-customers')!.relatedUnits) expect(htmlToText(related)).toContain(`${u.code}${u.title}`);
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
    for (const s of getModule('ws-2-8-keeping-customers')!.worksheet!.sections) expect(htmlToText(html)).toContain(`Exercise: ${s.title}`);
    expect(html).not.toMatch(/<(input|textarea|form)\b/);
  });

  it('shows a learner their status on each criterion and their progress', async () => {
    const slug = 'ee2-win-keep-customers';
    const html = await modulePage(slug, {
      progress: { met: 3, submitted: 2, total: 26 },
      statusFor: (item) => (item.id === 'ee2/pc/3' ? createElement(StatusTag, { status: 'met' }) : createElement(StatusTag, { status: 'no_evidence' })),
    });
    const text = htmlToText(html);
    expect(text).toContain('3 of 26 criteria met · 2 awaiting judgement');
    const row = html.slice(html.indexOf('id="ee2-pc-3"'), html.indexOf('id="ee2-pc-4"'));
    expect(htmlToText(row)).toContain('Met');
    expect(htmlToText(row)).not.toContain('No evidence yet');
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

  it('offers a learner the evidence link only when given one', () => {
    const mod = getModule('u306-customers-retention')!;
    const item = moduleItems(mod.slug).find((i) => i.id === 'u306/ac/2.4')!;
    const staff = renderToStaticMarkup(createElement(ItemView, { item, module: mod }));
    expect(staff).not.toContain('/learner/evidence/new');
    const learner = renderToStaticMarkup(
      createElement(ItemView, { item, module: mod, status: createElement(StatusTag, { status: 'evidence_submitted' }), evidenceHref: '/learner/evidence/new?criterion=u306%2Fac%2F2.4' }),
    );
    expect(learner).toContain('href="/learner/evidence/new?criterion=u306%2Fac%2F2.4"');
    expect(htmlToText(learner)).toContain('Awaiting judgement');
    expect(htmlToText(learner)).toContain('promotions');
  });
});

describe('MDX bodies rendered to HTML once', () => {
  // Our string renderer must produce what React would for the same compiled MDX.
  it.each(slugs)('%s renders exactly as React renders it', async (slug) => {
    const code = await getModuleBodyCode(slug);
    const mine = renderMdxToParts(code, MDX_COMPONENTS)
      .map((p) => (p.kind === 'html' ? p.html : `<hr data-slot="${String(p.props.id)}"/>`))
      .join('');
    const Component = getMDXComponent(code);
    const slot = ({ id }: { id: string }) => createElement('hr', { 'data-slot': id });
    const react = renderToStaticMarkup(createElement(Component, { components: { WorksheetSection: slot } }));
    const norm = (s: string) => s.replace(/>\s+</g, '><').replace(/<hr data-slot="([^"]+)"\/?>/g, '[$1]').trim();
    expect(norm(mine)).toEqual(norm(react));
    expect(mine.length).toBeGreaterThan(500);
  });

  it('refuses a component nested inside other markup rather than dropping it', () => {
    const code = `var Component=(()=>{var o=_jsx_runtime;function c(t){let e={p:"p",...t.components},{WorksheetSection:n}=e;return (0,o.jsx)(e.p,{children:(0,o.jsx)(n,{id:"x"})})}return {default:c};})();return Component;`;
    expect(() => renderMdxToParts(code, MDX_COMPONENTS)).toThrow(/line of its own/);
  });

  it('escapes text and attributes', () => {
    const code = `var Component=(()=>{var o=_jsx_runtime;function c(){return (0,o.jsxs)(o.Fragment,{children:[(0,o.jsx)("p",{children:"<b>&'\\""}),(0,o.jsx)("a",{href:"x\\"><script>",children:"y"})]})}return {default:c};})();return Component;`;
    const [part] = renderMdxToParts(code, []);
    expect(part).toEqual({ kind: 'html', html: '<p>&lt;b&gt;&amp;&#x27;&quot;</p><a href="x&quot;&gt;&lt;script&gt;">y</a>' });
  });
});
