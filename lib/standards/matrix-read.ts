/**
 * Read a Mahara SmartEvidence `.matrix` file (JSON): standards are the headings, standard elements the
 * statements. Mahara's import reads `parentelementid` and its export writes `parentid`: both are accepted. Siblings
 * are ordered by `priority` where the file has it (as Mahara's tables do), else as tree.ts falls back. A file Criterion
 * wrote (matrix-write.ts) carries its own structure in `criterion` objects, read back as the CASE extensions are.
 */
const extOf = (o: Obj) => (isObj(o.criterion) ? (o.criterion as unknown as CriterionItemExt) : undefined);

import {
  isObj,
  str,
  type Obj,
  htmlToText,
  looksLikeHtml,
  ImportRefusal,
  type CriterionItemExt,
  type Framework,
} from './framework';
import { buildTree, type FlatNode, type ParentLink } from './tree';

export function isMatrix(json: unknown): boolean {
  return isObj(json) && isObj(json.framework) && Array.isArray(json.framework.standards);
}

export function readMatrix(file: string, json: unknown): Framework {
  if (!isMatrix(json))
    throw new ImportRefusal(file, ['not a Mahara .matrix file: there is no "framework" object with "standards"']);
  const fw = (json as Obj).framework as Obj;
  const warnings: string[] = [];
  const problems: string[] = [];
  const name = str(fw.name);
  if (!name) problems.push('the framework has no name');
  const nodes: FlatNode[] = [];
  const links: ParentLink[] = [];
  const plain = (s: string, label: string) => {
    if (looksLikeHtml(s)) warnings.push(`${label}: HTML was turned into plain text`);
    return htmlToText(s);
  };

  const standardIds = new Set<string>();
  (fw.standards as unknown[]).forEach((raw, i) => {
    const s = isObj(raw) ? raw : {};
    const sid = str(s.standardid) ?? String(i + 1);
    const label = `standard "${str(s.shortname) ?? sid}"`;
    if (standardIds.has(sid)) {
      problems.push(`${label}: standard id ${sid} is used twice`);
      return;
    }
    standardIds.add(sid);
    const ext = extOf(s);
    // Criterion writes plain text, word for word: read it back as it is. Anything else may hold HTML.
    const rawName = str(s.name) ?? str(s.shortname) ?? '';
    const text = ext ? rawName : plain(rawName, label);
    if (!text) {
      problems.push(`${label} has no title (no name)`);
      return;
    }
    nodes.push({
      sourceId: `s:${sid}`,
      ...(str(s.shortname) && { code: str(s.shortname) }),
      text,
      ...(ext && { criterion: ext }),
    });
    links.push({ child: `s:${sid}`, parent: undefined, sequence: s.priority });
  });

  const elements = Array.isArray(fw.standardelements) ? (fw.standardelements as unknown[]) : [];
  const firstBySourceId = new Map<string, Obj>();
  const pending: { id: string; parent: string; label: string; sequence: unknown }[] = [];
  elements.forEach((raw, i) => {
    if (!isObj(raw)) {
      problems.push(`standardelements[${i}] is not an object`);
      return;
    }
    const eid = str(raw.elementid);
    const sid = str(raw.standardid);
    const label = `element "${str(raw.shortname) ?? eid ?? `#${i + 1}`}"`;
    if (!eid) {
      problems.push(`${label} has no elementid`);
      return;
    }
    if (!sid || !standardIds.has(sid)) {
      problems.push(`${label} belongs to standard ${sid ?? '(none)'}, which is not in the file`);
      return;
    }
    let id = `e:${eid}`;
    const prev = firstBySourceId.get(id);
    if (prev) {
      if (str(prev.name) === str(raw.name) && str(prev.standardid) === sid) {
        warnings.push(`${label}: element id ${eid} is listed twice with the same name: the copy is ignored`);
        return;
      }
      let n = 2;
      while (firstBySourceId.has(`e:${eid}#${n}`)) n += 1;
      id = `e:${eid}#${n}`;
      warnings.push(
        `${label}: element id ${eid} is used twice for different elements: the second is kept as ${eid}#${n}`,
      );
    }
    firstBySourceId.set(id, raw);
    const ext = extOf(raw);
    const rawText = str(raw.name) ?? str(raw.description) ?? '';
    const text = ext ? rawText : plain(rawText, label);
    if (!text) {
      problems.push(`${label} has no title (no name)`);
      return;
    }
    nodes.push({
      sourceId: id,
      ...(str(raw.shortname) && { code: str(raw.shortname) }),
      text,
      ...(ext && { criterion: ext }),
    });
    const parent = str(raw.parentelementid) ?? str(raw.parentid);
    pending.push({ id, parent: parent ? `e:${parent}` : `s:${sid}`, label, sequence: raw.priority });
  });
  for (const p of pending) links.push({ child: p.id, parent: p.parent, sequence: p.sequence });

  const describe = (id: string) => {
    const n = nodes.find((x) => x.sourceId === id);
    const kind = id.startsWith('s:') ? 'standard' : 'element';
    return `${kind} "${n?.code ?? id.slice(2)}"`;
  };
  const roots = buildTree(nodes, links, warnings, problems, describe);
  if (problems.length) throw new ImportRefusal(file, problems);
  const desc = str(fw.description);
  const moduleExt = isObj(fw.criterion) ? fw.criterion : undefined;
  return {
    format: 'matrix',
    // Mahara frameworks carry no identifier: the institution and name are what identify one.
    sourceId: `${str(fw.institution) ?? 'mahara'}/${name}`,
    title: moduleExt ? name! : htmlToText(name!),
    ...(desc && { description: htmlToText(desc, true) }),
    roots,
    associations: [],
    warnings,
    ...(moduleExt && { criterionModule: moduleExt }),
  };
}
