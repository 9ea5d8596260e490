/**
 * Item ids: pure string helpers with no Node or React imports, so client components may use them too.
 *
 * Ids are the contract between content and the database (evidence links and judgements store them), so their
 * shape is fixed here and checked when content loads:
 *
 *   <prefix>/pc/<n>                      performance criterion ("what you need to do")   wrc/pc/3
 *   <prefix>/k/<n>                       knowledge item, ungrouped                        dcr/k/11
 *   <prefix>/k/<group>/<n>               knowledge item in a named group                  ee2/k/market/2
 *   <prefix>/lo/<n>                      learning outcome                                 u306/lo/2
 *   <prefix>/ac/<lo>.<n>                 assessment criterion                             u306/ac/2.4
 *   <prefix>/ac/<lo>.<n>/range/<slug>    range item of an assessment criterion            u306/ac/2.4/range/promotions
 */
import type { ItemKind } from './types';

const PREFIX = '[a-z][a-z0-9]*';
const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';

const PATTERNS: Record<ItemKind, RegExp> = {
  pc: new RegExp(`^(${PREFIX})/pc/([1-9][0-9]*)$`),
  k: new RegExp(`^(${PREFIX})/k/(?:${SLUG}/)?([1-9][0-9]*)$`),
  lo: new RegExp(`^(${PREFIX})/lo/([1-9][0-9]*)$`),
  ac: new RegExp(`^(${PREFIX})/ac/([1-9][0-9]*\\.[1-9][0-9]*)$`),
  range: new RegExp(`^(${PREFIX})/ac/[1-9][0-9]*\\.[1-9][0-9]*/range/(${SLUG})$`),
};

export const PREFIX_PATTERN = new RegExp(`^${PREFIX}$`);
/** Ids local to one worksheet: section ids, column ids, checklist item ids. */
export const LOCAL_ID_PATTERN = new RegExp(`^${SLUG}$`);

export interface ParsedId {
  prefix: string;
  kind: ItemKind;
  /** The last meaningful segment: "3" for wrc/pc/3, "2.4" for u306/ac/2.4, "promotions" for a range item. */
  key: string;
}

/** Parse an item id, or undefined if it has none of the shapes above. */
export function parseItemId(id: string): ParsedId | undefined {
  for (const kind of Object.keys(PATTERNS) as ItemKind[]) {
    const m = PATTERNS[kind].exec(id);
    if (m) return { prefix: m[1], kind, key: m[2] };
  }
  return undefined;
}

/** Kinds that evidence maps to and that have a met / not yet met status. */
export const ASSESSABLE_KINDS: readonly ItemKind[] = ['pc', 'k', 'ac'];

export function isAssessableId(id: string): boolean {
  const parsed = parseItemId(id);
  return parsed !== undefined && ASSESSABLE_KINDS.includes(parsed.kind);
}
