/**
 * Page tests: assert that a rendered module page shows every item's wording exactly as the standard has
 * it. Markup is stripped and entities decoded first, so React's escaping (&#x27; for ') and inline
 * formatting (<strong> around a word) do not matter; white space is compared collapsed.
 */
import { expect } from 'vitest';
import { getModule, moduleItems, type ItemKind } from '@/lib/content';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The visible text of an HTML string: no comments, scripts, styles or tags; entities decoded. */
export function htmlToText(html: string): string {
  const stripped = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return collapse(decodeEntities(stripped));
}

/**
 * Every item of the module (criteria, knowledge items, outcomes, assessment criteria, range items and, for a
 * worksheet, checklist items) must appear verbatim in `html`. `kinds` narrows the check for pages that show
 * only some kinds.
 */
export function expectAllItemsVerbatim(html: string, slug: string, options: { kinds?: ItemKind[] } = {}): void {
  const mod = getModule(slug);
  expect(mod, `module "${slug}"`).toBeDefined();
  const expected = moduleItems(slug)
    .filter((i) => !options.kinds || options.kinds.includes(i.kind))
    .map((i) => ({ id: i.id, text: i.text }));
  if (!options.kinds) {
    for (const s of mod?.worksheet?.sections ?? []) {
      if (s.kind === 'checklist') expected.push(...s.items.map((i) => ({ id: `${s.id}/${i.id}`, text: i.text })));
    }
  }
  const text = htmlToText(html);
  const missing = expected.filter((e) => !text.includes(collapse(e.text))).map((e) => `${e.id}: ${e.text}`);
  expect(missing, `items of "${slug}" not shown verbatim:\n${missing.join('\n')}`).toEqual([]);
}
