/**
 * Validate raw content and build the in-memory index. Pure: no file system, so tests (including property
 * tests) can feed it content directly; load.ts does the reading.
 *
 * Every problem found is collected and thrown together as one ContentError, each line naming the file and
 * the item, so a broken build shows everything to fix at once.
 */
import { ContentError, displayPath, formatZodIssues } from './errors';
import { FrontmatterError, splitFrontmatter } from './frontmatter';
import { ASSESSABLE_KINDS, parseItemId } from './ids';
import { crosswalksFileSchema, frontmatterSchema, moduleFileSchema, type ModuleFile, type RawGroup } from './schema';
import type { ContentItem, Crosswalk, ItemGroup, ItemKind, ModuleData, RangeBlock } from './types';

/** JSX components an MDX body may use. They are passed in through `components` when rendering. */
const MDX_COMPONENTS = ['WorksheetSection'] as const;

export interface ModuleSource {
  /** Folder name under modules/; must equal the frontmatter slug. */
  slug: string;
  mdxFile: string;
  moduleFile: string;
  /** index.mdx as written, frontmatter included. */
  mdxSource: string;
  /** module.json, already JSON-parsed. */
  data: unknown;
}

export interface ContentSources {
  dir: string;
  modules: ModuleSource[];
  crosswalksFile: string;
  crosswalks: unknown;
  /** Problems found while reading (unreadable files), reported together with the rest. */
  problems?: string[];
}

export interface ContentIndex {
  dir: string;
  /** In display order: standards, then units, then worksheets; by title within each. */
  modules: ModuleData[];
  /** Every item, in document order. */
  items: Map<string, ContentItem>;
  /** Range blocks by assessment-criterion id. */
  rangeBlocks: Map<string, RangeBlock[]>;
  /** Crosswalk partners by item id, both directions (symmetric), never chained (not transitive). */
  equivalents: Map<string, ContentItem[]>;
  crosswalks: Crosswalk[];
  /** index.mdx source by module slug, for compiling. */
  mdx: Map<string, { file: string; source: string }>;
}

const KIND_ORDER = { standard: 0, unit: 1, worksheet: 2 } as const;

/** State shared while building: what is defined so far, and what went wrong. */
class Builder {
  readonly problems: string[] = [];
  readonly items = new Map<string, ContentItem>();
  readonly rangeBlocks = new Map<string, RangeBlock[]>();
  private readonly idFiles = new Map<string, string>();

  problem(file: string, message: string): void {
    this.problems.push(`${displayPath(file)}: ${message}`);
  }

  /**
   * Check an id's prefix, shape and uniqueness. Ids are claimed even when they fail other checks, so one
   * mistake is reported once rather than again as a duplicate.
   */
  claim(file: string, id: string, kind: ItemKind, prefix: string, owner?: string): boolean {
    const other = this.idFiles.get(id);
    if (other !== undefined) {
      this.problem(file, `duplicate id "${id}"${other === file ? '' : ` (also in ${displayPath(other)})`}`);
      return false;
    }
    this.idFiles.set(id, file);
    if (id.split('/')[0] !== prefix) {
      this.problem(file, `id "${id}" is not prefixed by the module's prefix "${prefix}"`);
      return false;
    }
    const parsed = parseItemId(id);
    if (!parsed || parsed.kind !== kind) {
      this.problem(file, `id "${id}" is not a valid ${kind} id`);
      return false;
    }
    if (owner !== undefined && !id.startsWith(`${owner}/`)) {
      this.problem(file, `id "${id}" does not belong under "${owner}"`);
      return false;
    }
    return true;
  }
}

export function buildIndex(sources: ContentSources): ContentIndex {
  const b = new Builder();
  b.problems.push(...(sources.problems ?? []));
  const modules: ModuleData[] = [];
  const mdx = new Map<string, { file: string; source: string }>();
  const prefixes = new Map<string, string>();

  for (const src of sources.modules) {
    const mod = buildModule(b, src);
    if (!mod) continue;
    const other = prefixes.get(mod.prefix);
    if (other) b.problem(src.moduleFile, `prefix "${mod.prefix}" is already used by ${displayPath(other)}`);
    prefixes.set(mod.prefix, src.moduleFile);
    modules.push(mod);
    mdx.set(mod.slug, { file: src.mdxFile, source: src.mdxSource });
  }

  for (const mod of modules) checkEvidences(b, mod, sources.modules.find((s) => s.slug === mod.slug)!.moduleFile);
  const { crosswalks, equivalents } = buildCrosswalks(b, sources.crosswalksFile, sources.crosswalks);

  if (b.problems.length) throw new ContentError(b.problems);

  modules.sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || x.title.localeCompare(y.title, 'en'));
  return deepFreeze({ dir: sources.dir, modules, items: b.items, rangeBlocks: b.rangeBlocks, equivalents, crosswalks, mdx });
}

function buildModule(b: Builder, src: ModuleSource): ModuleData | undefined {
  let front: unknown;
  let body = '';
  try {
    ({ data: front, body } = splitFrontmatter(src.mdxSource));
  } catch (e) {
    if (!(e instanceof FrontmatterError)) throw e;
    b.problem(src.mdxFile, e.message);
  }
  const fm = front === undefined ? undefined : frontmatterSchema.safeParse(front);
  if (fm && !fm.success) b.problems.push(...formatZodIssues(src.mdxFile, front, fm.error));
  const file = moduleFileSchema.safeParse(src.data);
  if (!file.success) b.problems.push(...formatZodIssues(src.moduleFile, src.data, file.error));
  if (!fm?.success || !file.success) return undefined;

  const meta = fm.data;
  const data = file.data;
  if (meta.slug !== src.slug) b.problem(src.mdxFile, `slug "${meta.slug}" does not match its folder "${src.slug}"`);
  if ((meta.kind === 'worksheet') !== (data.worksheet !== undefined)) {
    b.problem(src.moduleFile, meta.kind === 'worksheet' ? 'missing field "worksheet"' : `"worksheet" is only allowed on a worksheet module`);
  }
  if (data.reportRules && meta.kind !== 'unit') b.problem(src.moduleFile, `"reportRules" is only allowed on a unit`);

  const groups = buildGroups(b, src.moduleFile, src.slug, data);
  checkMdxBody(b, src, body, data);

  return {
    slug: src.slug,
    code: meta.code,
    title: meta.title,
    kind: meta.kind,
    ...(meta.level !== undefined && { level: meta.level }),
    summary: meta.summary,
    prefix: data.prefix,
    facts: data.facts,
    groups,
    relatedUnits: data.relatedUnits,
    ...(data.reportRules && { reportRules: data.reportRules }),
    ...(data.worksheet && { worksheet: data.worksheet }),
    ...(data.guidance && { guidance: data.guidance }),
    ...(data.source && { source: data.source }),
  };
}

/**
 * Numbers run on without gaps, so a dropped item fails the build. Within a group they go up by one; a new
 * group of the same kind starts at 1 (EE2's knowledge groups) or carries on (the NOS numbers its three
 * knowledge groups 1-18 straight through).
 */
class Sequence {
  private last = new Map<string, number>();
  constructor(private readonly strict = true) {}
  check(b: Builder, file: string, scope: string, id: string, n: number, firstInGroup: boolean): void {
    if (!this.strict) return;
    const prev = this.last.get(scope) ?? 0;
    const ok = n === prev + 1 || (firstInGroup && n === 1);
    if (!ok) b.problem(file, `item "${id}" is out of sequence (after number ${prev}): missing or misnumbered item`);
    this.last.set(scope, n);
  }
}

function buildGroups(b: Builder, file: string, slug: string, data: ModuleFile): ItemGroup[] {
  // An imported module keeps an item's id when the source inserts or drops items around it, so its numbers may
  // have gaps or run out of order; the source, not the numbering, is what shows nothing was dropped.
  const seq = data.source ? new Sequence(false) : new Sequence();
  const groupIds = new Set<string>();
  return data.groups.map((raw) => {
    if (groupIds.has(raw.id)) b.problem(file, `duplicate group id "${raw.id}"`);
    groupIds.add(raw.id);
    return raw.kind === 'lo'
      ? buildOutcomeGroup(b, file, slug, data.prefix, raw, seq)
      : buildCriteriaGroup(b, file, slug, data.prefix, raw, seq, data.source?.items);
  });
}

function buildCriteriaGroup(
  b: Builder,
  file: string,
  moduleSlug: string,
  prefix: string,
  raw: Extract<RawGroup, { kind: 'pc' | 'k' }>,
  seq: Sequence,
  codes?: NonNullable<ModuleFile['source']>['items'],
): ItemGroup {
  const validGroupId = raw.kind === 'pc' ? raw.id === `${prefix}/pc` : new RegExp(`^${prefix}/k(/[a-z0-9]+(-[a-z0-9]+)*)?$`).test(raw.id);
  if (!validGroupId) {
    b.problem(file, `group id "${raw.id}" should be "${prefix}/${raw.kind}"${raw.kind === 'k' ? ` or "${prefix}/k/<name>"` : ''}`);
  }
  const items: ContentItem[] = [];
  raw.items.forEach((it, i) => {
    if (!b.claim(file, it.id, raw.kind, prefix, raw.id)) return;
    const key = parseItemId(it.id)!.key;
    seq.check(b, file, raw.kind, it.id, Number(key), i === 0);
    // An imported item is shown by the source's own code ("CC.1"), which is what its readers know it by.
    const number = codes?.[it.id]?.code ?? key;
    const item: ContentItem = { id: it.id, kind: raw.kind, number, text: it.text, moduleSlug, groupId: raw.id };
    b.items.set(item.id, item);
    items.push(item);
  });
  return {
    id: raw.id,
    title: raw.title,
    ...(raw.intro !== undefined && { intro: raw.intro }),
    ...(raw.section !== undefined && { section: raw.section }),
    items,
  };
}

function buildOutcomeGroup(
  b: Builder,
  file: string,
  moduleSlug: string,
  prefix: string,
  raw: Extract<RawGroup, { kind: 'lo' }>,
  seq: Sequence,
): ItemGroup {
  const groupId = raw.id;
  if (b.claim(file, raw.id, 'lo', prefix)) {
    const number = parseItemId(raw.id)!.key;
    seq.check(b, file, 'lo', raw.id, Number(number), false);
    b.items.set(raw.id, { id: raw.id, kind: 'lo', number, text: raw.text, moduleSlug, groupId });
  }
  const loNumber = raw.id.split('/').pop()!;
  const items: ContentItem[] = [];
  raw.items.forEach((ac, i) => {
    if (!b.claim(file, ac.id, 'ac', prefix, `${prefix}/ac`)) return;
    const number = parseItemId(ac.id)!.key;
    const [lo, n] = number.split('.');
    if (lo !== loNumber) b.problem(file, `item "${ac.id}" is listed under learning outcome "${raw.id}"`);
    seq.check(b, file, `ac/${lo}`, ac.id, Number(n), i === 0);
    const item: ContentItem = { id: ac.id, kind: 'ac', number, text: ac.text, moduleSlug, groupId, parentId: raw.id };
    b.items.set(item.id, item);
    items.push(item);

    const blocks: RangeBlock[] = (ac.range ?? []).map((block) => ({
      heading: block.heading,
      ...(block.intro !== undefined && { intro: block.intro }),
      items: [],
    }));
    let position = 0;
    (ac.range ?? []).forEach((block, bi) => {
      for (const r of block.items) {
        position += 1;
        if (!b.claim(file, r.id, 'range', prefix, `${ac.id}/range`)) continue;
        const rangeItem: ContentItem = {
          id: r.id,
          kind: 'range',
          number: String(position),
          text: r.text,
          moduleSlug,
          groupId,
          parentId: ac.id,
          rangeHeading: block.heading,
        };
        b.items.set(r.id, rangeItem);
        blocks[bi].items.push(rangeItem);
      }
    });
    if (blocks.length) b.rangeBlocks.set(ac.id, blocks);
  });
  return { id: groupId, title: raw.text, ...(raw.intro !== undefined && { intro: raw.intro }), items };
}

/**
 * The MDX body is teaching text. It may use only the components the page passes in (never imports: the
 * page supplies them at render time), and a worksheet must place each of its sections exactly once.
 */
function checkMdxBody(b: Builder, src: ModuleSource, body: string, data: ModuleFile): void {
  const file = src.mdxFile;
  const prose = body.replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
  if (/^(import|export)\s/m.test(prose)) {
    b.problem(file, 'MDX must not import or export; components are passed in through `components` at render time');
  }
  for (const m of prose.matchAll(/<([A-Z][A-Za-z0-9.]*)/g)) {
    if (!(MDX_COMPONENTS as readonly string[]).includes(m[1])) b.problem(file, `unknown component <${m[1]}>`);
  }
  const tags = [...prose.matchAll(/<WorksheetSection\b[^>]*>/g)].map((m) => m[0]);
  const placed: string[] = [];
  for (const tag of tags) {
    const m = /^<WorksheetSection\s+id="([a-z0-9-]+)"\s*\/>$/.exec(tag);
    if (!m) b.problem(file, `write worksheet sections as <WorksheetSection id="section-id" />, not ${tag}`);
    else placed.push(m[1]);
  }
  const sections = data.worksheet?.sections ?? [];
  const defined = new Set<string>();
  for (const s of sections) {
    if (defined.has(s.id)) b.problem(src.moduleFile, `duplicate worksheet section id "${s.id}"`);
    defined.add(s.id);
    const localIds = s.kind === 'table' ? s.columns.map((c) => c.id) : s.kind === 'checklist' ? s.items.map((i) => i.id) : [];
    const seen = new Set<string>();
    for (const id of localIds) {
      if (seen.has(id)) b.problem(src.moduleFile, `duplicate id "${id}" in worksheet section "${s.id}"`);
      seen.add(id);
    }
    const count = placed.filter((p) => p === s.id).length;
    if (count !== 1) b.problem(file, `worksheet section "${s.id}" is placed ${count} times; place it exactly once`);
  }
  for (const p of new Set(placed)) {
    if (!defined.has(p)) b.problem(file, `<WorksheetSection id="${p}" /> names no section in module.json`);
  }
}

function checkEvidences(b: Builder, mod: ModuleData, file: string): void {
  const seen = new Set<string>();
  for (const id of mod.worksheet?.evidences ?? []) {
    const item = b.items.get(id);
    if (seen.has(id)) b.problem(file, `worksheet evidence "${id}" is listed twice`);
    else if (!item) b.problem(file, `worksheet evidence refers to unknown id "${id}"`);
    else if (!ASSESSABLE_KINDS.includes(item.kind)) b.problem(file, `worksheet evidence "${id}" is not assessable (pc, k or ac)`);
    seen.add(id);
  }
}

function buildCrosswalks(b: Builder, file: string, raw: unknown) {
  const equivalents = new Map<string, ContentItem[]>();
  const parsed = crosswalksFileSchema.safeParse(raw);
  if (!parsed.success) {
    b.problems.push(...formatZodIssues(file, raw, parsed.error));
    return { crosswalks: [] as Crosswalk[], equivalents };
  }
  const seen = new Set<string>();
  parsed.data.forEach((pair, i) => {
    const label = `pair ${i + 1} ("${pair.a}" - "${pair.b}")`;
    const a = b.items.get(pair.a);
    const c = b.items.get(pair.b);
    for (const [id, item] of [[pair.a, a], [pair.b, c]] as const) {
      if (!item) b.problem(file, `${label}: unknown id "${id}"`);
      else if (!ASSESSABLE_KINDS.includes(item.kind)) b.problem(file, `${label}: id "${id}" is not assessable (pc, k or ac)`);
    }
    if (!a || !c) return;
    if (a.moduleSlug === c.moduleSlug) b.problem(file, `${label}: both ids are in module "${a.moduleSlug}"`);
    const key = [pair.a, pair.b].sort().join(' ');
    if (seen.has(key)) b.problem(file, `${label}: duplicate pair`);
    seen.add(key);
    equivalents.set(a.id, [...(equivalents.get(a.id) ?? []), c]);
    equivalents.set(c.id, [...(equivalents.get(c.id) ?? []), a]);
  });
  return { crosswalks: parsed.data, equivalents };
}

/**
 * The index is cached for the life of the process and shared by every request: make mutating a module or
 * an item throw. (The index's own Maps stay internal to lib/content.)
 */
function deepFreeze<T>(value: T): T {
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v);
    return value;
  }
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
