/**
 * Read a Moodle competency framework CSV (tool_lpimportcsv): 14 columns, the framework on the row with
 * "Is framework" = 1, the hierarchy from "Parent id number", cross references as a comma list of id numbers.
 */
import { parse } from 'csv-parse/sync';
import { htmlToText, looksLikeHtml, ImportRefusal, type Framework, type FwAssociation } from './framework';
import { buildTree, type FlatNode, type ParentLink } from './tree';

const MOODLE_COLUMNS = [
  'Parent id number',
  'Id number',
  'Shortname',
  'Description',
  'Description format',
  'Scale values',
  'Scale configuration',
  'Rule type (optional)',
  'Rule outcome (optional)',
  'Rule config (optional)',
  'Cross referenced competency id numbers',
  'Exported id (optional)',
  'Is framework',
  'Taxonomy',
] as const;

export function isMoodleCsv(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /^"?Parent id number"?\s*,\s*"?Id number"?/i.test(first);
}

export function readMoodle(file: string, text: string): Framework {
  if (!isMoodleCsv(text)) {
    throw new ImportRefusal(file, [
      'not a Moodle competency framework CSV: the first line should start "Parent id number,Id number"',
    ]);
  }
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    throw new ImportRefusal(file, [`the CSV cannot be read: ${(e as Error).message}`]);
  }
  const header = rows.shift()!.map((h) => h.trim().toLowerCase());
  const col = (name: (typeof MOODLE_COLUMNS)[number]) => {
    const at = header.indexOf(name.toLowerCase());
    return at >= 0 ? at : MOODLE_COLUMNS.indexOf(name);
  };
  const get = (row: string[], name: (typeof MOODLE_COLUMNS)[number]) => (row[col(name)] ?? '').trim();
  const warnings: string[] = [];
  const problems: string[] = [];
  let framework: { id: string; title: string; description?: string } | undefined;
  const nodes: FlatNode[] = [];
  const links: ParentLink[] = [];
  const seen = new Set<string>();
  const cross: { from: string; to: string }[] = [];

  rows.forEach((row, i) => {
    const line = `line ${i + 2}`;
    const idnumber = get(row, 'Id number');
    const html = get(row, 'Description format') === '1';
    const rawDesc = get(row, 'Description');
    const description = rawDesc ? (html || looksLikeHtml(rawDesc) ? htmlToText(rawDesc, true) : rawDesc) : undefined;
    const shortname = htmlToText(get(row, 'Shortname'));
    if (get(row, 'Is framework') === '1') {
      if (framework) {
        problems.push(`${line}: a second framework row ("${shortname}"); import one framework per file`);
        return;
      }
      if (!shortname) problems.push(`${line}: the framework row has no title (no Shortname)`);
      framework = { id: idnumber || shortname, title: shortname, ...(description && { description }) };
      return;
    }
    const label = `${line}, competency "${idnumber || shortname || '(blank)'}"`;
    if (!idnumber) {
      problems.push(`${label} has no id number`);
      return;
    }
    if (seen.has(idnumber)) {
      problems.push(`${label}: id number "${idnumber}" is used twice`);
      return;
    }
    seen.add(idnumber);
    if (!shortname) {
      problems.push(`${label} has no title (no Shortname)`);
      return;
    }
    if (looksLikeHtml(get(row, 'Shortname'))) warnings.push(`${label}: HTML in the name was turned into plain text`);
    nodes.push({ sourceId: idnumber, text: shortname });
    const parent = get(row, 'Parent id number');
    links.push({ child: idnumber, parent: parent || undefined });
    for (const to of get(row, 'Cross referenced competency id numbers').split(',')) {
      if (to.trim()) cross.push({ from: idnumber, to: to.trim() });
    }
  });
  if (!framework) problems.push('there is no framework row (a row with "Is framework" = 1)');
  const describe = (id: string) => `competency "${id}"`;
  const roots = buildTree(nodes, links, warnings, problems, describe);
  if (problems.length) throw new ImportRefusal(file, problems);
  const titles = new Map(nodes.map((n) => [n.sourceId, n.text]));
  const associations: FwAssociation[] = cross.map((c) => ({
    type: 'isRelatedTo',
    originId: c.from,
    destinationId: c.to,
    ...(titles.has(c.to) && { destinationTitle: titles.get(c.to) }),
  }));
  return {
    format: 'moodle',
    sourceId: framework!.id,
    title: framework!.title,
    ...(framework!.description && { description: framework!.description }),
    roots,
    associations,
    warnings,
  };
}
