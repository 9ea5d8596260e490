/**
 * Parent links to a tree, shared by the three readers. Lenient where the meaning is clear (a parent outside the
 * file makes a root; order falls back from sequence numbers to list enumeration, coding scheme and file order),
 * refusing where it is not (two parents, a cycle).
 */
import type { CriterionItemExt, FwNode } from './framework';

export interface FlatNode {
  sourceId: string;
  code?: string;
  text: string;
  listEnumeration?: string;
  criterion?: CriterionItemExt;
}

export interface ParentLink {
  child: string;
  /** undefined: the document itself (a root). */
  parent: string | undefined;
  sequence?: unknown;
}

const natural = (a: string | undefined, b: string | undefined) =>
  a === undefined || b === undefined || a === b ? 0 : a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });

function seqValue(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw)) return Number(raw);
  return undefined;
}

export function buildTree(
  nodes: FlatNode[],
  links: ParentLink[],
  warnings: string[],
  problems: string[],
  describe: (id: string) => string,
): FwNode[] {
  const byId = new Map(nodes.map((n, i) => [n.sourceId, { n, i }]));
  const parentOf = new Map<string, ParentLink>();
  for (const link of links) {
    if (!byId.has(link.child)) {
      warnings.push(`a hierarchy link names ${describe(link.child)}, which is not in the file: ignored`);
      continue;
    }
    let l = link;
    if (l.parent !== undefined && !byId.has(l.parent)) {
      warnings.push(
        `${describe(l.child)} is a child of "${l.parent}", which is not in the file: made a top-level item`,
      );
      l = { ...l, parent: undefined };
    }
    if (l.parent === l.child) {
      problems.push(`${describe(l.child)} is its own parent`);
      continue;
    }
    const prev = parentOf.get(l.child);
    if (prev) {
      if (prev.parent === l.parent) {
        warnings.push(`${describe(l.child)} is linked to the same parent twice: the second link is ignored`);
        continue;
      }
      const names = [prev.parent, l.parent].map((p) => (p === undefined ? 'the framework itself' : describe(p)));
      problems.push(
        `${describe(l.child)} has two parents (${names[0]} and ${names[1]}); an item may sit in one place only`,
      );
      continue;
    }
    parentOf.set(l.child, l);
  }
  // Cycles: walk up from every item; meeting an item twice is a loop no root can reach.
  const reported = new Set<string>();
  for (const n of nodes) {
    const seen: string[] = [];
    let at: string | undefined = n.sourceId;
    while (at !== undefined) {
      if (seen.includes(at)) {
        const loop = seen.slice(seen.indexOf(at));
        const key = [...loop].sort().join(' ');
        if (!reported.has(key)) problems.push(`items form a cycle: ${[...loop, at].map(describe).join(' → ')}`);
        reported.add(key);
        for (const id of loop) parentOf.delete(id);
        break;
      }
      seen.push(at);
      at = parentOf.get(at)?.parent;
    }
  }

  const children = new Map<string | undefined, { n: FlatNode; i: number; seq?: number; rawSeq: unknown }[]>();
  for (const [id, { n, i }] of byId) {
    const link = parentOf.get(id);
    const key = link?.parent;
    const list = children.get(key) ?? [];
    list.push({ n, i, seq: seqValue(link?.sequence), rawSeq: link?.sequence });
    children.set(key, list);
  }
  for (const [parent, list] of children) {
    const where = parent === undefined ? 'the top level' : `the children of ${describe(parent)}`;
    const seqs = list.map((c) => c.seq);
    if (list.some((c) => typeof c.rawSeq === 'string' && c.seq !== undefined)) {
      warnings.push(`${where}: sequence numbers written as text were read as numbers`);
    }
    const allZero = seqs.every((s) => s === 0);
    if (allZero && list.length > 1)
      warnings.push(`${where}: every sequence number is 0, ordered by list enumeration, coding scheme and file order`);
    const usable = allZero ? [] : seqs.filter((s) => s !== undefined);
    if (!allZero && usable.length > 0 && usable.length < list.length) {
      warnings.push(`${where}: some sequence numbers are missing; those items come after the numbered ones`);
    }
    if (new Set(usable).size < usable.length)
      warnings.push(
        `${where}: duplicated sequence numbers, ties ordered by list enumeration, coding scheme and file order`,
      );
    list.sort((a, b) => {
      const sa = allZero ? undefined : a.seq;
      const sb = allZero ? undefined : b.seq;
      if (sa !== sb) {
        if (sa === undefined) return 1;
        if (sb === undefined) return -1;
        return sa - sb;
      }
      return natural(a.n.listEnumeration, b.n.listEnumeration) || natural(a.n.code, b.n.code) || a.i - b.i;
    });
  }
  const make = (flat: FlatNode): FwNode => ({
    sourceId: flat.sourceId,
    ...(flat.code && { code: flat.code }),
    text: flat.text,
    ...(flat.criterion && { criterion: flat.criterion }),
    children: (children.get(flat.sourceId) ?? []).map((c) => make(c.n)),
  });
  return (children.get(undefined) ?? []).map((c) => make(c.n));
}
