/**
 * Sections a learner links to assessment criteria, taken from the shared counter's own section split
 * so "what is a heading" is decided in one place. Browser-safe.
 */
import { normaliseHeading } from '@/lib/wordcount/heading';
import type { ReportCount } from '@/lib/wordcount/report';
import type { SectionTags } from './types';

export interface TaggableSection {
  key: string;
  heading: string;
  level: number;
  words: number;
}

/** Renumbering or re-casing a heading keeps its links: "2. CRM systems" and "crm systems" share a key. */
export function sectionKey(heading: string): string {
  return normaliseHeading(heading).replace(/\s+/g, ' ').slice(0, 200);
}

/** Counted sections that have a heading, once per key, in document order. */
export function taggableSections(count: ReportCount): TaggableSection[] {
  const seen = new Set<string>();
  const out: TaggableSection[] = [];
  for (const s of count.sections) {
    if (!s.counted || !s.heading.trim()) continue;
    const key = sectionKey(s.heading);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, heading: s.heading, level: s.level, words: s.words });
  }
  return out;
}

/** For each criterion, the headings of the sections the learner linked to it (present headings only). */
export function coverageByCriterion(sections: TaggableSection[], tags: SectionTags): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of sections) {
    for (const acId of tags[s.key] ?? []) {
      const list = out.get(acId) ?? [];
      list.push(s.heading);
      out.set(acId, list);
    }
  }
  return out;
}

/**
 * For each criterion, the counted sections the learner linked to it, each with its place among the report's headings
 * (the position ReportText numbers its heading ids by), so a page can point at the section itself.
 */
export function linkedSections(
  count: ReportCount,
  tags: SectionTags,
): Map<string, { heading: string; index: number }[]> {
  const out = new Map<string, { heading: string; index: number }[]>();
  const seen = new Set<string>();
  count.sections
    .filter((s) => s.heading !== '' || s.level > 0)
    .forEach((s, index) => {
      const key = sectionKey(s.heading);
      if (!s.counted || !key || seen.has(key)) return;
      seen.add(key);
      for (const acId of tags[key] ?? []) out.set(acId, [...(out.get(acId) ?? []), { heading: s.heading, index }]);
    });
  return out;
}

/** Only the links of headings present in the text, for the record a submission keeps. */
export function presentTags(sections: TaggableSection[], tags: SectionTags): SectionTags {
  const out: SectionTags = {};
  for (const s of sections) {
    const ids = tags[s.key];
    if (ids?.length) out[s.key] = [...ids];
  }
  return out;
}

/**
 * Links each section whose heading starts with a criterion number ("2.4 Techniques ...", "AC 1.3: ...")
 * to that criterion, adding to the links the learner already made.
 */
export function suggestTags(
  sections: TaggableSection[],
  criteria: { id: string; number: string }[],
  tags: SectionTags,
): SectionTags {
  const byNumber = new Map(criteria.map((c) => [c.number, c.id]));
  const out: SectionTags = { ...tags };
  for (const s of sections) {
    const m = /^\s*(?:ac\s*)?(\d+\.\d+)(?![\d.]*\d)/i.exec(s.heading);
    const id = m ? byNumber.get(m[1]!) : undefined;
    if (id && !(out[s.key] ?? []).includes(id)) out[s.key] = [...(out[s.key] ?? []), id];
  }
  return out;
}
