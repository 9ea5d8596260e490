import { countWords } from './count';
import { normaliseHeading } from './heading';
import { parseLine } from './markdown';

export interface ReportRules {
  /** Headings whose sections (with their subsections) are left out, e.g. "References". */
  excludedSections: string[];
  /** Whether the words of headings count towards the total that is checked. */
  countHeadings: boolean;
}

interface SectionCount {
  heading: string;
  level: number;
  words: number;
  counted: boolean;
  reason?: string;
}

export interface ReportCount {
  /** Every word in the report, headings included (what a word processor shows for the whole text). */
  total: number;
  /** Words that count: counted sections, plus their headings when rules.countHeadings. */
  counted: number;
  /** Each excluded section with everything under it (heading and subsections included). */
  excluded: { heading: string; words: number; reason: string }[];
  /** Every section in order; text before the first heading is a section with heading "" and level 0. */
  sections: SectionCount[];
}

const DEFAULT_EXCLUDED_SECTIONS: readonly string[] = [
  'References',
  'Reference list',
  'Bibliography',
  'Appendix',
  'Appendices',
];

export const DEFAULT_REPORT_RULES: ReportRules = {
  excludedSections: [...DEFAULT_EXCLUDED_SECTIONS],
  countHeadings: true,
};

function headingMatches(heading: string, excluded: string[]): string | null {
  const h = normaliseHeading(heading);
  for (const name of excluded) {
    const n = name.trim().toLowerCase();
    if (!n) continue;
    if (h.startsWith(n)) {
      const next = h.charCodeAt(n.length);
      // a whole word: "references" matches "references:" and "references and notes", not "referencesx"
      if (Number.isNaN(next) || !/[\p{L}\p{N}]/u.test(h[n.length])) return name;
    }
  }
  return null;
}

interface WorkSection {
  heading: string;
  level: number;
  headingWords: number;
  bodyWords: number;
  excludedBy: string | null; // heading of the excluded section this one is in (itself included)
  matched: string | null; // the rule name when this heading itself matched
  root: boolean; // this heading starts an excluded section
}

/**
 * Counts a Markdown report the way a reader would see it formatted, split into sections by
 * headings (ATX `#`..`######`, and single-line setext headings). A section whose heading starts
 * with one of rules.excludedSections (case-insensitive, numbering ignored) is excluded together
 * with its subsections, up to the next heading of the same or a higher level.
 */
export function countReport(markdown: string, rules: ReportRules): ReportCount {
  const excludedNames = rules.excludedSections ?? [];
  const sections: WorkSection[] = [];
  let current: WorkSection = {
    heading: '',
    level: 0,
    headingWords: 0,
    bodyWords: 0,
    excludedBy: null,
    matched: null,
    root: false,
  };
  sections.push(current);
  // The innermost excluded ancestor: its level and heading.
  let exclLevel = -1;
  let exclHeading: string | null = null;

  const startSection = (heading: string, level: number, words: number): void => {
    if (exclHeading !== null && level <= exclLevel) {
      exclHeading = null;
      exclLevel = -1;
    }
    const matched = headingMatches(heading, excludedNames);
    const root = exclHeading === null && matched !== null;
    if (root) {
      exclHeading = heading;
      exclLevel = level;
    }
    current = { heading, level, headingWords: words, bodyWords: 0, excludedBy: exclHeading, matched, root };
    sections.push(current);
  };

  let inFence = false;
  let fenceMarker = '';
  // Last line, for setext headings: a one-line paragraph directly above the underline.
  let prevKind: 'blank' | 'text' | 'other' = 'blank';
  let prevText = '';
  let prevWords = 0;
  let prevPrevKind: 'blank' | 'text' | 'other' = 'blank';

  const n = markdown.length;
  let start = markdown.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= n) {
    let end = markdown.indexOf('\n', start);
    if (end < 0) end = n;
    let line = markdown.slice(start, end);
    if (line.charCodeAt(line.length - 1) === 0x0d) line = line.slice(0, -1);
    start = end + 1;
    // a lone CR or a form feed also ends a paragraph
    const parts = line.indexOf('\r') >= 0 || line.indexOf('\f') >= 0 ? line.split(/[\r\f]/) : [line];
    for (const part of parts) {
      let kind: 'blank' | 'text' | 'other' = 'other';
      let words = 0;
      let text = '';
      if (inFence) {
        const p = parseLine(part);
        if (p.kind === 'fence' && p.text[0] === fenceMarker[0] && p.text.length >= fenceMarker.length) {
          inFence = false;
        } else {
          words = countWords(part);
          current.bodyWords += words;
        }
      } else {
        const p = parseLine(part);
        switch (p.kind) {
          case 'blank':
            kind = 'blank';
            break;
          case 'fence':
            inFence = true;
            fenceMarker = p.text;
            break;
          case 'heading':
            startSection(p.text, p.level, countWords(p.text));
            break;
          case 'setext1':
          case 'setext2':
            if (prevKind === 'text' && prevPrevKind !== 'text') {
              // the previous line was a one-line paragraph: it is a heading
              current.bodyWords -= prevWords;
              startSection(prevText, p.level, prevWords);
            } else if (p.kind === 'setext2' && p.text.length === 1) {
              // "-" alone: an empty list item
            } else if (p.kind === 'setext2' && p.text.length >= 3) {
              // thematic break
            } else {
              words = countWords(p.text);
              current.bodyWords += words;
              kind = 'text';
              text = p.text;
            }
            break;
          case 'break':
          case 'hidden':
            break;
          case 'text':
            words = countWords(p.text);
            current.bodyWords += words;
            kind = 'text';
            text = p.text;
            break;
        }
      }
      prevPrevKind = prevKind;
      prevKind = kind;
      prevText = text;
      prevWords = words;
    }
    if (end >= n) break;
  }

  const out: SectionCount[] = [];
  const excluded: ReportCount['excluded'] = [];
  let total = 0;
  let counted = 0;
  let openExcluded: { heading: string; words: number; reason: string } | null = null;
  for (const s of sections) {
    if (s.level === 0 && s.heading === '' && s.bodyWords === 0 && s === sections[0]) continue; // empty preamble
    const all = s.headingWords + s.bodyWords;
    total += all;
    if (s.excludedBy === null) {
      const words = s.bodyWords + (rules.countHeadings ? s.headingWords : 0);
      counted += words;
      const section: SectionCount = { heading: s.heading, level: s.level, words, counted: true };
      if (!rules.countHeadings && s.headingWords > 0) section.reason = 'heading words not counted';
      out.push(section);
      openExcluded = null;
    } else {
      let reason: string;
      if (s.root) {
        reason = `"${s.matched}" sections are not counted`;
        openExcluded = { heading: s.heading, words: 0, reason };
        excluded.push(openExcluded);
      } else {
        reason = `part of excluded section "${s.excludedBy}"`;
      }
      if (openExcluded) openExcluded.words += all;
      out.push({ heading: s.heading, level: s.level, words: all, counted: false, reason });
    }
  }
  return { total, counted, excluded, sections: out };
}
