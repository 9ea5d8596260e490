/**
 * A framework tree to a Criterion module: module.json (checked by the same zod schema as hand-written modules),
 * index.mdx, and the review file of crosswalk proposals and changed wording.
 *
 * A file Criterion exported (its items carry Criterion's own ids in CASE extensions) comes back exactly as it was.
 * Any other framework becomes knowledge groups: every heading with statements directly under it is a group
 * (`<prefix>/k/<name>`, the name from the source's coding scheme), the headings above it its section, and every
 * statement with nothing under it an assessable item. Ids come from the source's ids: a re-import keeps them.
 */
import { moduleFileSchema, type ImportedFrom, type ModuleFile } from '@/lib/content/schema';
import { LOCAL_ID_PATTERN, PREFIX_PATTERN } from '@/lib/content/ids';
import { depthOf, shortHash, slugify, textHash, walk, type Framework, type FwNode } from './framework';

export interface PreviousModule {
  data: ModuleFile;
  mdx: string;
}

export interface ToModuleOptions {
  slug?: string;
  prefix?: string;
  /** The module already at the destination (a re-import), if any. */
  previous?: PreviousModule;
  /** Prefixes of the other modules, which the new one must not take. */
  usedPrefixes: Set<string>;
  /** Another module's item for a CASE identifier or source id (its uuid, or the id an importer kept). */
  resolveExternal: (identifier: string) => string | undefined;
}

interface CrosswalkProposal {
  a: string;
  b: string;
  note: string;
  accept: boolean;
}

export interface ReviewFile {
  module: string;
  /** Pairs proposed from exactMatchOf associations: set accept to true, then `npm run standards -- accept`. */
  proposals: CrosswalkProposal[];
  /** Items whose wording changed since the last import: evidence mapped to them needs another look. */
  changed: { id: string; was: string; now: string }[];
  /** Items the source no longer has (or that moved): their ids are retired, never reused. */
  retired: string[];
}

export interface DryRunSummary {
  format: string;
  title: string;
  items: number;
  groups: number;
  maxDepth: number;
  crosswalks: number;
  externalReferences: number;
  warnings: string[];
}

export interface ImportedModule {
  slug: string;
  data: ModuleFile;
  mdx: string;
  review: ReviewFile;
  summary: DryRunSummary;
}

const FORMAT_NAMES = { case: 'CASE', matrix: 'Mahara SmartEvidence', moodle: 'Moodle competency framework' } as const;

export function toModule(fw: Framework, opts: ToModuleOptions): ImportedModule {
  const native = fw.criterionModule && everyNode(fw.roots, (n) => n.criterion !== undefined);
  return native ? nativeModule(fw, opts) : foreignModule(fw, opts);
}

function everyNode(nodes: FwNode[], test: (n: FwNode) => boolean): boolean {
  return nodes.every((n) => test(n) && everyNode(n.children, test));
}

function chooseSlug(fw: Framework, opts: ToModuleOptions): string {
  const slug = opts.slug ?? (slugify(fw.title) || 'imported-framework');
  if (!LOCAL_ID_PATTERN.test(slug)) throw new Error(`--slug "${slug}" must be lower-case words joined by hyphens`);
  return slug;
}

function choosePrefix(fw: Framework, opts: ToModuleOptions): string {
  if (opts.previous) return opts.previous.data.prefix;
  if (opts.prefix) {
    if (!PREFIX_PATTERN.test(opts.prefix))
      throw new Error(`--prefix "${opts.prefix}" must be lower-case letters and digits, starting with a letter`);
    if (opts.usedPrefixes.has(opts.prefix))
      throw new Error(`--prefix "${opts.prefix}" is already used by another module`);
    return opts.prefix;
  }
  const words = slugify(fw.title, 200)
    .split('-')
    .filter((w) => /^[a-z]/.test(w));
  let base = words
    .map((w) => w[0])
    .join('')
    .slice(0, 5);
  if (base.length < 2) base = (words.join('') || 'std').slice(0, 4);
  let p = base;
  for (let n = 2; opts.usedPrefixes.has(p); n += 1) p = `${base}${n}`;
  return p;
}

// ---- a file Criterion wrote ---------------------------------------------------------------------------------

function nativeModule(fw: Framework, opts: ToModuleOptions): ImportedModule {
  const m = fw.criterionModule as Record<string, unknown>;
  const groups = fw.roots.map((root) => {
    const ext = root.criterion!;
    const g = ext.group ?? {};
    if (g.kind === 'lo') {
      return {
        id: ext.id,
        kind: 'lo',
        text: root.text,
        ...(g.intro !== undefined && { intro: g.intro }),
        items: root.children.map((ac) => {
          let at = 0;
          const range = (ac.criterion!.rangeBlocks ?? []).map((block) => {
            const items = ac.children.slice(at, at + block.count).map((r) => ({ id: r.criterion!.id, text: r.text }));
            at += block.count;
            return { heading: block.heading, ...(block.intro !== undefined && { intro: block.intro }), items };
          });
          return { id: ac.criterion!.id, text: ac.text, ...(range.length && { range }) };
        }),
      };
    }
    return { ...g, id: ext.id, items: root.children.map((c) => ({ id: c.criterion!.id, text: c.text })) };
  });
  const { slug: exportedSlug, code, kind, level, summary, ...fields } = m;
  const raw = { ...fields, groups };
  const parsed = moduleFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `the Criterion extensions in the file do not make a valid module: ${parsed.error.issues[0]?.message}`,
    );
  const slug = opts.slug ?? (typeof exportedSlug === 'string' ? exportedSlug : chooseSlug(fw, opts));
  const mdx =
    opts.previous?.mdx ??
    frontmatter({
      slug,
      code: String(code),
      title: fw.title,
      kind: String(kind),
      level: typeof level === 'number' ? level : undefined,
      summary: String(summary),
    }) + body(fw);
  const data = parsed.data;
  const items = data.groups.reduce((n, g) => n + g.items.length, 0);
  // Over a module already here, Criterion's ids keep their meaning: an id an earlier import retired is refused, and
  // wording that differs from the module's is listed, like any re-import, so evidence mapped to it gets another look.
  const textsOf = (d: ModuleFile) => {
    const texts = new Map<string, string>();
    for (const item of d.groups.flatMap(
      (g) => g.items as { id: string; text: string; range?: { items: { id: string; text: string }[] }[] }[],
    )) {
      texts.set(item.id, item.text);
      for (const r of (item.range ?? []).flatMap((b) => b.items)) texts.set(r.id, r.text);
    }
    return texts;
  };
  const changed: ReviewFile['changed'] = [];
  if (opts.previous) {
    const retired = new Set(opts.previous.data.source?.retired ?? []);
    const before = textsOf(opts.previous.data);
    for (const [id, now] of textsOf(data)) {
      if (retired.has(id))
        throw new Error(`item ${id}: an earlier import retired this id, and it never takes another meaning`);
      const was = before.get(id);
      if (was !== undefined && was !== now) changed.push({ id, was, now });
    }
  }
  // Crosswalk pairs come back as proposals, as from any file: they take effect only when accepted.
  const ownIds = new Map<string, string>();
  walk(fw.roots, (n) => ownIds.set(n.sourceId, n.criterion!.id));
  const proposals: CrosswalkProposal[] = [];
  for (const a of fw.associations) {
    const from = ownIds.get(a.originId);
    const to =
      a.type === 'exactMatchOf' && !ownIds.has(a.destinationId) ? opts.resolveExternal(a.destinationId) : undefined;
    if (from && to)
      proposals.push({
        a: from,
        b: to,
        note: `Imported from ${fw.title}: exact match (CASE exactMatchOf).`,
        accept: false,
      });
  }
  return {
    slug,
    data,
    mdx,
    review: { module: slug, proposals, changed, retired: [] },
    summary: {
      format: fw.format,
      title: fw.title,
      items,
      groups: data.groups.length,
      maxDepth: depthOf(fw.roots),
      crosswalks: proposals.length,
      externalReferences: data.source?.references.length ?? 0,
      warnings: fw.warnings,
    },
  };
}

// ---- any other framework ------------------------------------------------------------------------------------

interface Planned {
  groupId: string;
  node: FwNode;
  section?: string;
  leaves: FwNode[];
}

function foreignModule(fw: Framework, opts: ToModuleOptions): ImportedModule {
  const slug = chooseSlug(fw, opts);
  const prefix = choosePrefix(fw, opts);
  const warnings = [...fw.warnings];
  const prev = opts.previous?.data.source;
  const prevGroupBySource = new Map(Object.entries(prev?.groups ?? {}).map(([gid, sid]) => [sid, gid]));
  const prevItemBySource = new Map(Object.entries(prev?.items ?? {}).map(([id, v]) => [v.sourceId, { id, ...v }]));

  // Headings with statements right under them become groups, in document order.
  const planned: Planned[] = [];
  const usedGroupIds = new Set<string>(Object.keys(prev?.groups ?? {}));
  const takenNow = new Set<string>();
  const rootLeaves = fw.roots.filter((n) => n.children.length === 0);
  if (rootLeaves.length) {
    planned.push({
      groupId: `${prefix}/k`,
      node: { sourceId: fw.sourceId, text: fw.title, children: [] },
      leaves: rootLeaves,
    });
    takenNow.add(`${prefix}/k`);
  }
  let headings = 0;
  const visit = (nodes: FwNode[], trail: string[]) => {
    for (const n of nodes) {
      if (!n.children.length) continue;
      headings += 1;
      const leaves = n.children.filter((c) => c.children.length === 0);
      const title = n.code && !n.text.startsWith(n.code) ? `${n.code} ${n.text}` : n.text;
      if (leaves.length) {
        let gid = prevGroupBySource.get(n.sourceId);
        if (!gid || takenNow.has(gid)) {
          const name = slugify(n.code ?? '', 40);
          gid = `${prefix}/k/${name || `g${shortHash(n.sourceId)}`}`;
          if (usedGroupIds.has(gid) || takenNow.has(gid)) {
            const alt = `${prefix}/k/g${shortHash(n.sourceId)}`;
            warnings.push(
              `heading "${title}": its coding scheme gives the same group name as another heading, named ${alt} instead`,
            );
            gid = alt;
          }
        }
        takenNow.add(gid);
        planned.push({ groupId: gid, node: n, ...(trail.length && { section: trail.join(' › ') }), leaves });
      }
      visit(n.children, [...trail, title]);
    }
  };
  visit(fw.roots, []);

  // Ids: the previous import's id for the same source statement in the same group; otherwise the next number the
  // group has never used (retired ids included), so an id never changes meaning.
  const sourceItems: ImportedFrom['items'] = {};
  const sourceGroups: ImportedFrom['groups'] = {};
  const changed: ReviewFile['changed'] = [];
  const keptIds = new Set<string>();
  const everUsed = [...Object.keys(prev?.items ?? {}), ...(prev?.retired ?? [])];
  const seenSource = new Set<string>();
  const groups = planned.map((p) => {
    sourceGroups[p.groupId] = p.node.sourceId;
    let next =
      1 +
      Math.max(
        0,
        ...everUsed
          .filter((id) => id.startsWith(`${p.groupId}/`) && /^\d+$/.test(id.slice(p.groupId.length + 1)))
          .map((id) => Number(id.slice(p.groupId.length + 1))),
      );
    const items = p.leaves.map((leaf) => {
      if (seenSource.has(leaf.sourceId)) throw new Error(`source id ${leaf.sourceId} appears twice`);
      seenSource.add(leaf.sourceId);
      const before = prevItemBySource.get(leaf.sourceId);
      let id: string;
      const hash = textHash(leaf.text);
      if (before && before.id.startsWith(`${p.groupId}/`) && /^\d+$/.test(before.id.slice(p.groupId.length + 1))) {
        id = before.id;
        if (before.hash !== hash) {
          const old = opts.previous!.data.groups.flatMap((g) => g.items).find((i) => i.id === id)?.text ?? '';
          changed.push({ id, was: old, now: leaf.text });
          warnings.push(
            `item ${id} (${leaf.code ?? leaf.sourceId}): the wording changed; evidence mapped to it is listed for review`,
          );
        }
      } else {
        id = `${p.groupId}/${next}`;
        next += 1;
        if (before)
          warnings.push(
            `item ${leaf.code ?? leaf.sourceId} moved to another heading: its old id ${before.id} is retired and it is now ${id}`,
          );
      }
      keptIds.add(id);
      sourceItems[id] = { sourceId: leaf.sourceId, ...(leaf.code && { code: leaf.code }), hash };
      return { id, text: leaf.text };
    });
    const title = p.node.code && !p.node.text.startsWith(p.node.code) ? `${p.node.code} ${p.node.text}` : p.node.text;
    return { id: p.groupId, kind: 'k' as const, ...(p.section && { section: p.section }), title, items };
  });
  const retired = [
    ...new Set([...(prev?.retired ?? []), ...Object.keys(prev?.items ?? {}).filter((id) => !keptIds.has(id))]),
  ].sort();
  const newlyRetired = retired.filter((id) => !(prev?.retired ?? []).includes(id));

  // Associations: an exactMatchOf to an item Criterion knows is a crosswalk proposal; the rest are references.
  const idBySource = new Map(Object.entries(sourceItems).map(([id, v]) => [v.sourceId, id]));
  const groupBySource = new Map(Object.entries(sourceGroups).map(([id, sid]) => [sid, id]));
  const proposals: CrosswalkProposal[] = [];
  const references: ImportedFrom['references'] = [];
  for (const a of fw.associations) {
    const from = idBySource.get(a.originId) ?? groupBySource.get(a.originId);
    if (!from) {
      warnings.push(
        `a ${a.type} association starts at ${a.originId}, which is a heading Criterion does not keep: ignored`,
      );
      continue;
    }
    const inside = idBySource.get(a.destinationId);
    const known = inside ? undefined : opts.resolveExternal(a.destinationId);
    if (a.type === 'exactMatchOf' && known && idBySource.has(a.originId)) {
      if (!proposals.some((p) => p.a === from && p.b === known)) {
        proposals.push({
          a: from,
          b: known,
          note: `Imported from ${fw.title}: exact match (CASE exactMatchOf).`,
          accept: false,
        });
      }
      continue;
    }
    const title = a.destinationTitle ?? (inside ? undefined : undefined);
    references.push({
      item: from,
      type: a.type,
      identifier: inside ?? a.destinationId,
      ...(title && title.trim() && { title: title.trim() }),
      ...(a.destinationUri && { uri: a.destinationUri }),
    });
  }

  const previousFacts = opts.previous?.data.facts;
  const data: ModuleFile = {
    prefix,
    facts: previousFacts ?? [
      { label: 'Type', value: 'Imported framework' },
      { label: 'Source format', value: FORMAT_NAMES[fw.format] },
      ...(fw.version ? [{ label: 'Version', value: fw.version }] : []),
    ],
    relatedUnits: opts.previous?.data.relatedUnits ?? [],
    groups,
    source: {
      format: fw.format,
      identifier: fw.sourceId,
      title: fw.title,
      ...(fw.version && { version: fw.version }),
      items: sourceItems,
      groups: sourceGroups,
      retired,
      references,
    },
  };
  const parsed = moduleFileSchema.safeParse(data);
  if (!parsed.success)
    throw new Error(
      `the imported module is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  if (!groups.length) throw new Error(`${fw.title}: the framework has no statements to assess`);
  const summaryLine = firstSentence(fw.description) ?? `${FORMAT_NAMES[fw.format]} framework imported into Criterion.`;
  const mdx =
    opts.previous?.mdx ??
    frontmatter({ slug, code: prefix.toUpperCase(), title: fw.title, kind: 'standard', summary: summaryLine }) +
      body(fw);
  return {
    slug,
    data: parsed.data,
    mdx,
    review: { module: slug, proposals, changed, retired: newlyRetired },
    summary: {
      format: fw.format,
      title: fw.title,
      items: Object.keys(sourceItems).length,
      groups: headings + (rootLeaves.length ? 1 : 0),
      maxDepth: depthOf(fw.roots),
      crosswalks: proposals.length,
      externalReferences: references.length,
      warnings,
    },
  };
}

function firstSentence(text: string | undefined): string | undefined {
  const para = text?.split('\n\n')[0]?.trim();
  if (!para) return undefined;
  const m = /^(.{20,200}?[.!?])(\s|$)/.exec(para);
  const s = m ? m[1] : para.length <= 200 ? para : `${para.slice(0, 197).replace(/\s+\S*$/, '')}…`;
  return s.trim();
}

/** Double-quoted (JSON) values: always read the same by our frontmatter reader and by YAML. */
function frontmatter(f: {
  slug: string;
  code: string;
  title: string;
  kind: string;
  level?: number;
  summary: string;
}): string {
  const lines = [
    `slug: ${f.slug}`,
    `code: ${JSON.stringify(f.code)}`,
    `title: ${JSON.stringify(f.title)}`,
    `kind: ${f.kind}`,
  ];
  if (f.level !== undefined) lines.push(`level: ${f.level}`);
  lines.push(`summary: ${JSON.stringify(f.summary)}`);
  return `---\n${lines.join('\n')}\n---\n`;
}

/** Text from a file as MDX that shows it literally: no JSX, no expressions, no imports. */
function mdxText(s: string): string {
  return s
    .replace(/[&<>{}\\`*_[\]#|]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/^(\s*)(import|export)\b/gm, (_m, sp: string, w: string) => `${sp}&#${w.charCodeAt(0)};${w.slice(1)}`)
    .replace(
      /^(\s*)([-+>]|\d+[.)])(\s)/gm,
      (_m, sp: string, mark: string, after: string) =>
        `${sp}${mark.replace(/./, (c) => `&#${c.charCodeAt(0)};`)}${after}`,
    );
}

function body(fw: Framework): string {
  const about = fw.description
    ? fw.description.split('\n\n').map(mdxText).join('\n\n')
    : `${mdxText(fw.title)} has no description in its source file.`;
  return `\n## About this framework\n\n${about}\n\n## Where it comes from\n\nImported from a ${FORMAT_NAMES[fw.format]} file${fw.version ? `, version ${mdxText(fw.version)}` : ''}. Its statements keep their wording; each one you can be assessed against is listed below.\n`;
}
