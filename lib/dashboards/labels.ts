import { assessableItems, getModule, listModules, type ContentItem } from '@/lib/content';
import { itemLabel } from '@/lib/evidence/criteria';

const KIND: Record<string, string> = { pc: 'PC', k: 'K', ac: 'AC', lo: 'LO', range: 'Range' };

let repeated: Set<string> | undefined;

/**
 * Labels that name more than one criterion: EE2 numbers its knowledge items afresh under each heading, so
 * "EE2 K 1" is four different items. Dashboards that list criteria side by side need a label for each.
 */
function repeatedLabels(): Set<string> {
  if (repeated) return repeated;
  const seen = new Map<string, number>();
  for (const m of listModules())
    for (const item of assessableItems(m.slug)) {
      const label = itemLabel(item);
      seen.set(label, (seen.get(label) ?? 0) + 1);
    }
  repeated = new Set([...seen].filter(([, n]) => n > 1).map(([label]) => label));
  return repeated;
}

/** The heading an item is listed under, as a short key: "ee2/k/market" -> "market". */
function groupKey(item: ContentItem): string {
  return item.groupId.split('/').pop() ?? item.groupId;
}

/** "EE2 PC 3"; for a repeated number, "EE2 K 1 (market)". */
export function criterionLabel(item: ContentItem): string {
  const label = itemLabel(item, getModule(item.moduleSlug));
  return repeatedLabels().has(label) ? `${label} (${groupKey(item)})` : label;
}

/** Column heading without the module code: "PC 3", or "K 1" with `group` set when the number repeats. */
export function shortLabel(item: ContentItem): { text: string; group?: string } {
  const text = `${KIND[item.kind] ?? item.kind} ${item.number}`;
  return repeatedLabels().has(itemLabel(item, getModule(item.moduleSlug))) ? { text, group: groupKey(item) } : { text };
}
