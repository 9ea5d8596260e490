import type { LearnerRecord } from './record-schema';

/**
 * The record as Leap2A (an Atom feed, http://www.leapspecs.org/2010-07/2A/), the format Mahara and PebblePad import:
 * leap2a.xml at the root of the signed ZIP, its files under files/ as the feed's enclosures point to, so the one ZIP
 * is both a checkable Criterion record and a Leap2A package. Evidence become entries (files as resources), each
 * module a selection of the evidence mapped to it, judgements and report versions entries of their own.
 */

const x = (s: string | number | null | undefined) =>
  String(s ?? '')
    // Characters XML 1.0 does not allow at all are dropped rather than escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

interface Entry {
  id: string;
  title: string;
  updated: string;
  type: 'person' | 'entry' | 'resource' | 'selection';
  content: string;
  links?: { rel: string; href: string; type?: string; length?: number }[];
  categories?: { scheme: string; term: string }[];
}

function entry(e: Entry): string {
  const links = (e.links ?? [])
    .map(
      (l) =>
        `    <link rel="${x(l.rel)}" href="${x(l.href)}"${l.type ? ` type="${x(l.type)}"` : ''}${l.length !== undefined ? ` length="${l.length}"` : ''}/>`,
    )
    .join('\n');
  const categories = (e.categories ?? [])
    .map((c) => `    <category scheme="${x(c.scheme)}" term="${x(c.term)}"/>`)
    .join('\n');
  return `  <entry>
    <title>${x(e.title)}</title>
    <id>${x(e.id)}</id>
    <updated>${x(e.updated)}</updated>
    <content type="text">${x(e.content)}</content>
    <rdf:type rdf:resource="leap2:${e.type}"/>
${[links, categories].filter(Boolean).join('\n')}
  </entry>`;
}

export function leap2aXml(r: LearnerRecord): string {
  const id = (kind: string, key: string) => `portfolio:${kind}/${key}`;
  const entries: Entry[] = [
    { id: id('person', r.learner.id), title: r.learner.name, updated: r.exportedAt, type: 'person', content: '' },
    ...r.evidence.map<Entry>((e) => ({
      id: id('evidence', e.id),
      title: e.title,
      updated: e.recordedAt,
      type: e.file ? 'resource' : 'entry',
      content: [e.description, e.text, e.url, e.witness ? `Witness: ${e.witness.name}, ${e.witness.role}` : '']
        .filter(Boolean)
        .join('\n\n'),
      links: [
        ...(e.file
          ? [{ rel: 'enclosure', href: e.file.path, type: e.file.contentType, length: e.file.sizeBytes }]
          : []),
        ...e.mappings.map((m) => ({ rel: 'leap2:is_part_of', href: id('module', m.moduleSlug) })),
      ],
      categories: [{ scheme: 'categories:life_area#', term: 'Work' }],
    })),
    ...r.modules.map<Entry>((m) => ({
      id: id('module', m.slug),
      title: `${m.code} ${m.title}`,
      updated: r.exportedAt,
      type: 'selection',
      content: m.criteria.map((c) => `${c.label}: ${c.text}`).join('\n'),
      links: r.evidence
        .filter((e) => e.mappings.some((mp) => mp.moduleSlug === m.slug))
        .map((e) => ({ rel: 'leap2:has_part', href: id('evidence', e.id) })),
      categories: [{ scheme: 'categories:selection_type#', term: 'Grouping' }],
    })),
    ...r.judgements.map<Entry>((j) => ({
      id: id('judgement', j.id),
      title: `${j.criterionId}: ${j.outcome === 'met' ? 'met' : 'not yet met'} (${j.assessor.name})`,
      updated: j.at,
      type: 'entry',
      content: j.feedback,
      links: [
        { rel: 'leap2:is_part_of', href: id('module', j.moduleSlug) },
        ...j.citedEvidence.map((e) => ({ rel: 'leap2:relation', href: id('evidence', e) })),
      ],
    })),
    ...r.reportVersions.map<Entry>((v) => ({
      id: id('report', v.id),
      title: `Report version ${v.number} (${v.countedWords} words)${v.decisions.some((d) => d.outcome === 'signed_off') ? ', signed off' : ''}`,
      updated: v.submittedAt,
      type: 'entry',
      content: v.text,
      links: [{ rel: 'leap2:is_part_of', href: id('module', v.moduleSlug) }],
    })),
  ];
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:leap2="http://terms.leapspecs.org/" xmlns:categories="http://wiki.leapspecs.org/2A/categories/"
  xmlns:portfolio="${x(r.issuer.url ?? 'urn:criterion')}/record/${x(r.recordId)}/">
  <leap2:version>http://www.leapspecs.org/2010-07/2A/</leap2:version>
  <id>urn:uuid:${x(r.recordId)}</id>
  <title>Criterion learner record: ${x(r.learner.name)}</title>
  <updated>${x(r.exportedAt)}</updated>
  <generator uri="https://github.com/criterion">Criterion</generator>
  <author>
    <name>${x(r.learner.name)}</name>
    <email>${x(r.learner.email)}</email>
    <uri>${x(id('person', r.learner.id))}</uri>
  </author>
${entries.map(entry).join('\n')}
</feed>
`;
}
