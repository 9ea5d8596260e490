/**
 * Content API: modules, items, range items, crosswalk equivalents and compiled MDX bodies.
 * Pure Node + zod, no Next imports; data comes from content/ via a per-process cached index.
 *
 * Returned modules and items are frozen (they are shared by every request): copy before sorting or editing.
 */
import { getContent } from './load';
import { ASSESSABLE_KINDS } from './ids';
import type { ContentItem, ItemCounts, ModuleData, ModuleSummary, RangeBlock } from './types';

export type * from './types';
export type {  ContentSources,  } from './build';
export { buildIndex,  } from './build';
export { ContentError } from './errors';
export { loadContent, readContentSources,  } from './load';
export { getModuleBodyCode, compileModuleBody } from './mdx';
export {  isAssessableId,  ASSESSABLE_KINDS } from './ids';

function countItems(slug: string): ItemCounts {
  const counts: ItemCounts = { pc: 0, k: 0, lo: 0, ac: 0, range: 0 };
  for (const item of getContent().items.values()) if (item.moduleSlug === slug) counts[item.kind] += 1;
  return counts;
}

export function listModules(): ModuleSummary[] {
  return getContent().modules.map((m) => ({
    slug: m.slug,
    code: m.code,
    title: m.title,
    kind: m.kind,
    ...(m.level !== undefined && { level: m.level }),
    summary: m.summary,
    counts: countItems(m.slug),
  }));
}

export function getModule(slug: string): ModuleData | undefined {
  return getContent().modules.find((m) => m.slug === slug);
}

export function getItem(id: string): ContentItem | undefined {
  return getContent().items.get(id);
}

/** Range items of an assessment criterion, in order; each carries its block heading in rangeHeading. */
export function getRangeItems(acId: string): ContentItem[] {
  return (getContent().rangeBlocks.get(acId) ?? []).flatMap((block) => block.items);
}

/** Range blocks of an assessment criterion, with headings and lead-in text, for grouped display. */
export function getRangeBlocks(acId: string): RangeBlock[] {
  return [...(getContent().rangeBlocks.get(acId) ?? [])];
}

/** Items a crosswalk declares equivalent to `id` (direct pairs only, in either direction). */
export function getEquivalents(id: string): ContentItem[] {
  return [...(getContent().equivalents.get(id) ?? [])];
}

/** Items evidence maps to and a status is computed for: pc, k and ac, in document order. */
const assessableMemo = new WeakMap<object, Map<string, ContentItem[]>>();

export function assessableItems(slug: string): ContentItem[] {
  // Dashboards ask once per learner and module (thousands of times a page): answered from a per-content memo.
  const content = getContent();
  let bySlug = assessableMemo.get(content);
  if (!bySlug) assessableMemo.set(content, (bySlug = new Map()));
  let items = bySlug.get(slug);
  if (!items) bySlug.set(slug, (items = [...content.items.values()].filter((i) => i.moduleSlug === slug && ASSESSABLE_KINDS.includes(i.kind))));
  return [...items];
}

/** Every item of a module (including outcomes and range items), in document order. */
export function moduleItems(slug: string): ContentItem[] {
  return [...getContent().items.values()].filter((i) => i.moduleSlug === slug);
}
