/**
 * Finding module items by their words or by their reference ("AC 2.4", "PC 3", "EE2 PC 12"), across every module,
 * imported ones included: the index is built once per content load (getContent is cached per process) and answers
 * from memory. Pure Node, no Next imports.
 */
import { getContent } from './load';
import type { ContentItem, ItemKind, ModuleData } from './types';

export const SEARCH_QUERY_MAX = 200;
const HITS_MAX = 100;

interface SearchHit {
  item: ContentItem;
  /** Why it matched: the item's reference, or its words. */
  by: 'reference' | 'words';
}

interface SearchGroup {
  module: Pick<ModuleData, 'slug' | 'code' | 'title'>;
  hits: SearchHit[];
}

export interface SearchResult {
  query: string;
  groups: SearchGroup[];
  total: number;
  /** More matched than are listed (HITS_MAX). */
  truncated: boolean;
}

/** Lower case, accents and apostrophes removed, other punctuation as spaces: "Customer’s" reads as "customers". */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .trim();
}

const KINDS: Record<string, ItemKind> = { pc: 'pc', k: 'k', ac: 'ac', lo: 'lo' };
/** "[module code] kind number": "ac 2.4", "pc3", "ee2 pc 12", "306/696 ac 1.1". */
const REFERENCE = /^(?:(.+?)\s+)?(pc|k|ac|lo)\s*(\d+(?:\.\d+)?)$/;

interface Indexed {
  item: ContentItem;
  module: ModuleData;
  words: string;
}

const indexMemo = new WeakMap<object, Indexed[]>();

function index(): Indexed[] {
  const content = getContent();
  let idx = indexMemo.get(content);
  if (!idx) {
    const modules = new Map(content.modules.map((m) => [m.slug, m]));
    idx = [...content.items.values()].flatMap((item) => {
      const module = modules.get(item.moduleSlug);
      return module ? [{ item, module, words: ` ${normalise(`${item.text} ${item.rangeHeading ?? ''}`)} ` }] : [];
    });
    indexMemo.set(content, idx);
  }
  return idx;
}

/** Items matching every word of the query (as the start of a word), or the item the reference names; by module. */
export function searchItems(rawQuery: string): SearchResult {
  const query = rawQuery.trim().slice(0, SEARCH_QUERY_MAX);
  const q = normalise(query);
  const empty = { query, groups: [], total: 0, truncated: false };
  if (!q) return empty;
  const hits: (Indexed & { by: SearchHit['by'] })[] = [];
  const ref = REFERENCE.exec(q.replace(/\s+/g, ' '));
  if (ref) {
    const [, code, kind, number] = ref;
    const wantCode = code ? normalise(code).replace(/\s+/g, '') : null;
    for (const e of index())
      if (
        e.item.kind === KINDS[kind!] &&
        e.item.number === number &&
        (!wantCode || normalise(e.module.code).replace(/\s+/g, '') === wantCode)
      )
        hits.push({ ...e, by: 'reference' });
  }
  const words = q.split(' ').filter(Boolean);
  const seen = new Set(hits.map((h) => h.item.id));
  for (const e of index())
    if (!seen.has(e.item.id) && words.every((w) => e.words.includes(` ${w}`))) hits.push({ ...e, by: 'words' });

  const groups = new Map<string, SearchGroup>();
  for (const h of hits.slice(0, HITS_MAX)) {
    let g = groups.get(h.module.slug);
    if (!g)
      groups.set(
        h.module.slug,
        (g = { module: { slug: h.module.slug, code: h.module.code, title: h.module.title }, hits: [] }),
      );
    g.hits.push({ item: h.item, by: h.by });
  }
  return { query, groups: [...groups.values()], total: hits.length, truncated: hits.length > HITS_MAX };
}
