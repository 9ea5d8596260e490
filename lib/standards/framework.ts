/**
 * The one shape every importer reads a competency framework into, whatever the file format: a tree of
 * statements with the ids the source gave them. Turning that tree into a Criterion module (ids, groups,
 * crosswalk proposals) happens once, in to-module.ts, so the three formats cannot drift apart.
 */
import crypto from 'node:crypto';
import path from 'node:path';

export type StandardsFormat = 'case' | 'matrix' | 'moodle';
export const FORMATS: readonly StandardsFormat[] = ['case', 'matrix', 'moodle'];

export interface FwNode {
  /** The source's own id for the statement (CASE identifier, .matrix element id, Moodle id number). */
  sourceId: string;
  /** A human coding scheme ("1.2.3"), when the source has one: used for stable group names. */
  code?: string;
  /** The statement, as safe plain text. */
  text: string;
  children: FwNode[];
  /** Set when the file was written by Criterion: the item's own id and what it was (see case-write.ts). */
  criterion?: CriterionItemExt;
}

/** Criterion's own structure, carried in CASE 1.1 `extensions` so an export imports back exactly. */
export interface CriterionItemExt {
  /** Item id (pc, k, lo, ac, range) or, for a heading that is not an item, the group id. */
  id: string;
  role: 'group' | 'item';
  /** For a group: its raw module.json fields other than items. */
  group?: Record<string, unknown>;
  /** For an assessment criterion: its range blocks' headings and lead-ins, in order. */
  rangeBlocks?: { heading: string; intro?: string; count: number }[];
}

export interface FwAssociation {
  type: string;
  originId: string;
  destinationId: string;
  destinationTitle?: string;
  destinationUri?: string;
}

export interface Framework {
  format: StandardsFormat;
  sourceId: string;
  title: string;
  description?: string;
  version?: string;
  roots: FwNode[];
  /** Associations other than the hierarchy (exactMatchOf, isRelatedTo, ...), as found. */
  associations: FwAssociation[];
  warnings: string[];
  /** Set when the file was written by Criterion: the module's own fields (see case-write.ts). */
  criterionModule?: Record<string, unknown>;
}

/** A file the importer will not guess about: the message names the file, the item and the problem. */
export class ImportRefusal extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${path.basename(file)}: ${p}`).join('\n'));
    this.name = 'ImportRefusal';
  }
}

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A non-blank string field, trimmed (numbers too, as .matrix ids are either); undefined otherwise. */
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
};

/**
 * HTML (or plain text) from a file, as plain text a page can show safely: tags dropped, block ends and <br> as
 * line breaks, entities decoded, spaces collapsed. React escapes whatever is left when it renders.
 */
export function htmlToText(html: string, keepParagraphs = false): string {
  let s = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr|ul|ol)\s*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replaceAll('\u0000', '');
  if (!keepParagraphs) return s.replace(/\s+/g, ' ').trim();
  s = s
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  return s;
}

export function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][^>]*>|&(#?[a-z0-9]+);/i.test(s);
}

/** Lower-case words joined by hyphens, as content ids need; '' when nothing is left. */
export function slugify(s: string, max = 48): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

/** A short, stable fingerprint of a source id, for names a source gives no readable code for. */
export function shortHash(s: string, n = 8): string {
  return crypto.createHash('sha256').update(s, 'utf8').digest('hex').slice(0, n);
}

/** An item's wording fingerprint: changes when the wording does (re-imports flag evidence for review). */
export { wordingHash as textHash } from '@/lib/content/wording';

export function depthOf(nodes: FwNode[]): number {
  return nodes.reduce((max, n) => Math.max(max, 1 + depthOf(n.children)), 0);
}

export function walk(
  nodes: FwNode[],
  visit: (n: FwNode, parent: FwNode | undefined, depth: number) => void,
  parent?: FwNode,
  depth = 1,
): void {
  for (const n of nodes) {
    visit(n, parent, depth);
    walk(n.children, visit, n, depth + 1);
  }
}
