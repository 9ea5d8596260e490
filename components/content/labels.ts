/** Names, labels and addresses for modules and items, shared by the module, item and catalogue pages. */
import type { ContentItem, ItemKind, ModuleKind } from '@/lib/content';

export const MODULE_KIND_LABEL: Record<ModuleKind, string> = {
  standard: 'Standard',
  unit: 'Qualification unit',
  worksheet: 'Worksheet',
};

export const ITEM_KIND_NAME: Record<ItemKind, string> = {
  pc: 'Performance criterion',
  k: 'Knowledge item',
  lo: 'Learning outcome',
  ac: 'Assessment criterion',
  range: 'Range item',
};

const SHORT: Record<ItemKind, string> = { pc: 'PC', k: 'K', lo: 'LO', ac: 'AC', range: 'Range' };

/** "PC 3", "K 2", "AC 2.4": how an item is referred to next to its module's code. Range items by their words. */
export function itemShortLabel(item: ContentItem): string {
  if (item.kind === 'range') return item.text.length > 40 ? `${item.text.slice(0, 38).trimEnd()}…` : item.text;
  return `${SHORT[item.kind]} ${item.number}`;
}

export function moduleHref(slug: string): string {
  return `/modules/${slug}`;
}

/** Ids are path-like ("ee2/pc/3"), so they read naturally as the tail of the item's address. */
export function itemHref(item: Pick<ContentItem, 'id' | 'moduleSlug'>): string {
  return `/modules/${item.moduleSlug}/items/${item.id}`;
}

/** Fragment id for an item on its module page: "ee2/pc/3" -> "ee2-pc-3". */
export function itemAnchor(id: string): string {
  return id.replaceAll('/', '-');
}

export function recordEvidenceHref(itemId: string): string {
  return `/learner/evidence/new?criterion=${encodeURIComponent(itemId)}`;
}

export function worksheetHref(slug: string): string {
  return `/worksheets/${slug}`;
}
