/**
 * A Criterion module as a CASE 1.1 CFPackage: the module is the CFDocument, each group heading and each item a
 * CFItem, the hierarchy isChildOf associations with sequenceNumber, each crosswalk pair an exactMatchOf, and each
 * kept reference its own association. Identifiers are name-based UUIDs of Criterion's ids (uuid.ts).
 *
 * Criterion's own structure (item ids and kinds, group fields, range blocks, the module's facts) rides along in
 * CASE 1.1 `extensions`, so importing the package gives back the module exactly (the round trip tests prove it).
 */
import type { ContentIndex } from '@/lib/content/build';
import type { ContentItem, ItemGroup, ModuleData } from '@/lib/content/types';
import { caseId } from './uuid';

/** CASE requires a lastChangeDateTime; content has no dates, so one fixed instant keeps exports identical. */
const CONTENT_CHANGED = '2026-12-01T00:00:00+00:00';

const CASE_PATH = '/ims/case/v1p1';

const ITEM_TYPES: Record<ContentItem['kind'] | 'group', string> = {
  pc: 'Performance criterion',
  k: 'Knowledge',
  lo: 'Learning outcome',
  ac: 'Assessment criterion',
  range: 'Range',
  group: 'Group',
};

interface LinkURI {
  title: string;
  identifier: string;
  uri: string;
}

export interface CFItem {
  identifier: string;
  uri: string;
  fullStatement: string;
  humanCodingScheme?: string;
  listEnumeration?: string;
  CFItemType: string;
  lastChangeDateTime: string;
  CFDocumentURI: LinkURI;
  extensions: { criterion: Record<string, unknown> };
}

export interface CFAssociation {
  identifier: string;
  uri: string;
  associationType: string;
  sequenceNumber?: number;
  originNodeURI: LinkURI;
  destinationNodeURI: LinkURI;
  lastChangeDateTime: string;
  CFDocumentURI: LinkURI;
}

export interface CFDocument {
  identifier: string;
  uri: string;
  creator: string;
  title: string;
  lastChangeDateTime: string;
  description: string;
  humanCodingScheme: string;
  caseVersion: '1.1';
  frameworkType: string;
  CFPackageURI: LinkURI;
  extensions: { criterion: Record<string, unknown> };
}

export interface CFPackage {
  CFDocument: CFDocument;
  CFItems: CFItem[];
  CFAssociations: CFAssociation[];
}

export const documentId = (slug: string) => caseId(`module:${slug}`);
export const itemId = (id: string) => caseId(`item:${id}`);
export const groupId = (id: string) => caseId(`group:${id}`);
export const associationId = (type: string, origin: string, destination: string) =>
  caseId(`assoc:${type}:${origin}:${destination}`);

export function casePackage(index: ContentIndex, mod: ModuleData, baseUrl: string): CFPackage {
  const base = `${baseUrl.replace(/\/+$/, '')}${CASE_PATH}`;
  const docId = documentId(mod.slug);
  const docLink: LinkURI = { title: mod.title, identifier: docId, uri: `${base}/CFDocuments/${docId}` };
  const items: CFItem[] = [];
  const assocs: CFAssociation[] = [];
  const link = (identifier: string, title: string): LinkURI => ({
    title,
    identifier,
    uri: `${base}/CFItems/${identifier}`,
  });
  const associate = (type: string, origin: LinkURI, dest: LinkURI, sequenceNumber?: number) => {
    const identifier = associationId(type, origin.identifier, dest.identifier);
    assocs.push({
      identifier,
      uri: `${base}/CFAssociations/${identifier}`,
      associationType: type,
      ...(sequenceNumber !== undefined && { sequenceNumber }),
      originNodeURI: origin,
      destinationNodeURI: dest,
      lastChangeDateTime: CONTENT_CHANGED,
      CFDocumentURI: docLink,
    });
  };
  const addItem = (
    identifier: string,
    text: string,
    type: string,
    code: string | undefined,
    ext: Record<string, unknown>,
    parent: LinkURI,
    seq: number,
  ) => {
    const me = link(identifier, text);
    items.push({
      identifier,
      uri: me.uri,
      fullStatement: text,
      ...(code && { humanCodingScheme: code, listEnumeration: code }),
      CFItemType: type,
      lastChangeDateTime: CONTENT_CHANGED,
      CFDocumentURI: docLink,
      extensions: { criterion: ext },
    });
    associate('isChildOf', me, parent, seq);
    return me;
  };
  const code = (item: ContentItem) => mod.source?.items[item.id]?.code ?? item.number;

  mod.groups.forEach((g, gi) => {
    const outcome = index.items.get(g.id);
    if (outcome?.kind === 'lo') {
      const lo = addItem(
        itemId(g.id),
        outcome.text,
        ITEM_TYPES.lo,
        code(outcome),
        { id: g.id, role: 'item', group: { kind: 'lo', ...(g.intro !== undefined && { intro: g.intro }) } },
        docLink,
        gi + 1,
      );
      g.items.forEach((ac, ai) => {
        const blocks = index.rangeBlocks.get(ac.id) ?? [];
        const acExt = {
          id: ac.id,
          role: 'item',
          ...(blocks.length && {
            rangeBlocks: blocks.map((b) => ({
              heading: b.heading,
              ...(b.intro !== undefined && { intro: b.intro }),
              count: b.items.length,
            })),
          }),
        };
        const acLink = addItem(itemId(ac.id), ac.text, ITEM_TYPES.ac, code(ac), acExt, lo, ai + 1);
        blocks
          .flatMap((b) => b.items)
          .forEach((r, ri) =>
            addItem(itemId(r.id), r.text, ITEM_TYPES.range, r.number, { id: r.id, role: 'item' }, acLink, ri + 1),
          );
      });
      return;
    }
    const heading = addItem(
      groupId(g.id),
      g.title,
      ITEM_TYPES.group,
      undefined,
      { id: g.id, role: 'group', group: rawGroupFields(g) },
      docLink,
      gi + 1,
    );
    g.items.forEach((it, ii) =>
      addItem(itemId(it.id), it.text, ITEM_TYPES[it.kind], code(it), { id: it.id, role: 'item' }, heading, ii + 1),
    );
  });

  // Crosswalk pairs, each from this module's side.
  for (const pair of index.crosswalks) {
    for (const [mine, theirs] of [
      [pair.a, pair.b],
      [pair.b, pair.a],
    ] as const) {
      const a = index.items.get(mine);
      const b = index.items.get(theirs);
      if (a?.moduleSlug !== mod.slug || !b) continue;
      associate('exactMatchOf', link(itemId(a.id), a.text), link(itemId(b.id), b.text));
    }
  }
  // References kept from an imported file point where the file pointed.
  for (const ref of mod.source?.references ?? []) {
    const from = index.items.get(ref.item);
    const origin = from ? link(itemId(from.id), from.text) : link(groupId(ref.item), ref.item);
    associate(ref.type, origin, {
      title: ref.title ?? ref.identifier,
      identifier: ref.identifier,
      uri: ref.uri ?? ref.identifier,
    });
  }

  const { groups: _groups, slug, code: modCode, title: _title, ...rest } = mod;
  return {
    CFDocument: {
      identifier: docId,
      uri: docLink.uri,
      creator: 'Criterion',
      title: mod.title,
      lastChangeDateTime: CONTENT_CHANGED,
      description: mod.summary,
      humanCodingScheme: modCode,
      caseVersion: '1.1',
      frameworkType: mod.kind === 'unit' ? 'Unit' : mod.kind === 'worksheet' ? 'Worksheet' : 'Standard',
      CFPackageURI: { title: mod.title, identifier: docId, uri: `${base}/CFPackages/${docId}` },
      extensions: { criterion: { slug, code: modCode, ...rest } },
    },
    CFItems: items,
    CFAssociations: assocs,
  };
}

export function rawGroupFields(g: ItemGroup): Record<string, unknown> {
  const kind = g.items[0]?.kind ?? 'k';
  return {
    kind,
    ...(g.section !== undefined && { section: g.section }),
    title: g.title,
    ...(g.intro !== undefined && { intro: g.intro }),
  };
}
