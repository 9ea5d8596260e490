/**
 * Read a 1EdTech CASE CFPackage (1.0 or 1.1 JSON). Not validated strictly: real exports carry extra fields,
 * datetimes without a zone, sequence numbers as text and null descriptions. Items are joined on `identifier`,
 * never on `uri`.
 */
import {
  isObj,
  str,
  type Obj,
  htmlToText,
  looksLikeHtml,
  type CriterionItemExt,
  type Framework,
  type FwAssociation,
  ImportRefusal,
} from './framework';
import { buildTree, type FlatNode, type ParentLink } from './tree';

/** True when the parsed JSON looks like a CFPackage (used to detect the format). */
export function isCasePackage(json: unknown): boolean {
  return isObj(json) && isObj(json.CFDocument);
}

function linkId(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  return str(v.identifier) ?? (str(v.uri) ? str(v.uri)!.split('/').pop() : undefined);
}

export function readCase(file: string, json: unknown): Framework {
  if (!isCasePackage(json))
    throw new ImportRefusal(file, ['not a CASE package: there is no CFDocument object at the top level']);
  const pkg = json as Obj;
  const doc = pkg.CFDocument as Obj;
  const warnings: string[] = [];
  const problems: string[] = [];
  const docId = str(doc.identifier);
  const title = str(doc.title);
  if (!docId) problems.push('the CFDocument has no identifier');
  if (!title) problems.push('the CFDocument has no title');
  const rawItems = Array.isArray(pkg.CFItems) ? pkg.CFItems : [];
  const rawAssocs = Array.isArray(pkg.CFAssociations) ? pkg.CFAssociations : [];
  if (pkg.CFItems !== undefined && !Array.isArray(pkg.CFItems)) problems.push('CFItems is not a list');

  const texts = new Map<string, string>();
  const nodes: FlatNode[] = [];
  rawItems.forEach((raw, i) => {
    if (!isObj(raw)) {
      problems.push(`CFItems[${i}] is not an object`);
      return;
    }
    const id = str(raw.identifier);
    const code = str(raw.humanCodingScheme);
    const label = `item ${code ? `"${code}" ` : ''}${id ? `(${id})` : `CFItems[${i}]`}`;
    if (!id) {
      problems.push(`${label} has no identifier`);
      return;
    }
    if (texts.has(id)) {
      problems.push(`${label} appears twice in CFItems`);
      return;
    }
    const rawText = str(raw.fullStatement) ?? str(raw.abbreviatedStatement);
    if (!rawText) {
      problems.push(`${label} has no title (no fullStatement)`);
      return;
    }
    if (!str(raw.fullStatement)) warnings.push(`${label} has no fullStatement: its abbreviatedStatement is used`);
    const ext =
      isObj(raw.extensions) && isObj(raw.extensions.criterion)
        ? (raw.extensions.criterion as unknown as CriterionItemExt)
        : undefined;
    // Criterion writes plain text, word for word: read it back as it is. Anything else may hold HTML.
    if (!ext && looksLikeHtml(rawText)) warnings.push(`${label}: HTML in the statement was turned into plain text`);
    const text = ext ? rawText : htmlToText(rawText);
    if (!text) {
      problems.push(`${label} has no title (its statement is empty once HTML is removed)`);
      return;
    }
    texts.set(id, text);
    nodes.push({
      sourceId: id,
      ...(code && { code }),
      text,
      ...(str(raw.listEnumeration) && { listEnumeration: str(raw.listEnumeration) }),
      ...(ext && { criterion: ext }),
    });
  });

  const describe = (id: string) => {
    const n = nodes.find((x) => x.sourceId === id);
    return n ? `item ${n.code ? `"${n.code}" ` : ''}(${id})` : `"${id}"`;
  };
  const links: ParentLink[] = [];
  const associations: FwAssociation[] = [];
  rawAssocs.forEach((raw, i) => {
    if (!isObj(raw)) {
      problems.push(`CFAssociations[${i}] is not an object`);
      return;
    }
    const type = str(raw.associationType);
    const origin = linkId(raw.originNodeURI);
    const dest = linkId(raw.destinationNodeURI);
    const label = `association ${str(raw.identifier) ?? `CFAssociations[${i}]`}`;
    if (!type || !origin || !dest) {
      warnings.push(`${label} has no type, origin or destination: ignored`);
      return;
    }
    if (type === 'isChildOf') {
      links.push({ child: origin, parent: dest === docId ? undefined : dest, sequence: raw.sequenceNumber });
      return;
    }
    if (!texts.has(origin)) {
      warnings.push(`${label} (${type}) starts outside the package: ignored`);
      return;
    }
    const d = raw.destinationNodeURI as Obj;
    associations.push({
      type,
      originId: origin,
      destinationId: dest,
      ...(str(d.title) && { destinationTitle: htmlToText(str(d.title)!) }),
      ...(str(d.uri) && { destinationUri: str(d.uri) }),
    });
  });
  // Items with no isChildOf link at all are roots (some exports omit the link for top-level items).
  const linked = new Set(links.map((l) => l.child));
  const orphans = nodes.filter((n) => !linked.has(n.sourceId));
  if (orphans.length && links.length)
    warnings.push(`${orphans.length} item(s) have no isChildOf link: treated as top-level items`);

  const roots = buildTree(nodes, links, warnings, problems, describe);
  if (problems.length) throw new ImportRefusal(file, problems);

  const rawDesc = str(doc.description);
  const ext = isObj(doc.extensions) && isObj(doc.extensions.criterion) ? (doc.extensions.criterion as Obj) : undefined;
  return {
    format: 'case',
    sourceId: docId!,
    title: ext ? title! : htmlToText(title!),
    ...(rawDesc && { description: htmlToText(rawDesc, true) }),
    ...(str(doc.version) && { version: str(doc.version) }),
    roots,
    associations,
    warnings,
    ...(ext && { criterionModule: ext }),
  };
}
