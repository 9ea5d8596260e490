import { countReport } from '@/lib/wordcount';
import { parseLine } from '@/lib/wordcount/markdown';
import { sectionKey } from '@/lib/reports/sections';
import type { SectionTags, UnitRules } from '@/lib/reports/types';

/**
 * A report's Markdown shown as a reader sees it: headings, paragraphs and lists as React elements
 * (learner text is never rendered as HTML). Sections left out of the count are marked, and the
 * criteria the learner linked to a section are shown beside its heading.
 */

type Block =
  | { kind: 'heading'; level: number; text: string; index: number }
  | { kind: 'p'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] };

const LIST = /^\s{0,3}([-*+•]|\d{1,9}[.)])\s+/;

function toBlocks(content: string): Block[] {
  const blocks: Block[] = [];
  let headings = 0;
  let fence = false;
  for (const raw of content.split(/\r\n|\r|\n/)) {
    const line = parseLine(raw);
    if (line.kind === 'fence') {
      fence = !fence;
      continue;
    }
    if (fence) {
      if (raw.trim()) blocks.push({ kind: 'p', text: raw });
      continue;
    }
    if (line.kind === 'heading' && line.text) {
      blocks.push({ kind: 'heading', level: line.level, text: line.text, index: headings++ });
      continue;
    }
    if ((line.kind === 'setext1' || line.kind === 'setext2') && blocks.at(-1)?.kind === 'p') {
      const prev = blocks.pop() as { kind: 'p'; text: string };
      blocks.push({ kind: 'heading', level: line.level, text: prev.text, index: headings++ });
      continue;
    }
    if (line.kind !== 'text' || !line.text.trim()) continue;
    const m = LIST.exec(raw);
    if (m) {
      const ordered = /\d/.test(m[1]!);
      const last = blocks.at(-1);
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(line.text);
      else blocks.push({ kind: 'list', ordered, items: [line.text] });
      continue;
    }
    blocks.push({ kind: 'p', text: line.text });
  }
  return blocks;
}

const HEADING_CLASS: Record<number, string> = {
  1: 'text-xl font-semibold text-brand-900 mt-8 first:mt-0',
  2: 'text-lg font-semibold text-brand-900 mt-7 first:mt-0',
  3: 'text-base font-semibold text-ink mt-5',
};

export function ReportText(props: {
  content: string;
  rules: Pick<UnitRules, 'excludedSections' | 'countHeadings'>;
  tags?: SectionTags;
  criterionNumbers?: Record<string, string>;
  /** Outline level of the report's top headings on this page. */
  baseLevel?: 2 | 3;
  idPrefix?: string;
}) {
  const blocks = toBlocks(props.content);
  const sections = countReport(props.content, props.rules).sections.filter((s) => s.heading !== '' || s.level > 0);
  const base = props.baseLevel ?? 3;
  // The report's own top heading level (often ##) sits at baseLevel in the page outline.
  const top = Math.min(6, ...blocks.flatMap((b) => (b.kind === 'heading' ? [b.level] : [])));
  // Whether each block sits in a section the count leaves out (a References heading and what follows it).
  const excludedAt: boolean[] = [];
  for (const b of blocks) {
    const previous = excludedAt.length ? excludedAt[excludedAt.length - 1] : false;
    excludedAt.push(b.kind === 'heading' ? (sections[b.index] ? !sections[b.index].counted : false) : previous);
  }

  return (
    <div className="text-[15px] leading-relaxed text-ink [overflow-wrap:anywhere]" data-testid="report-text">
      {blocks.map((b, i) => {
        if (b.kind === 'heading') {
          const excluded = excludedAt[i];
          const Tag = `h${Math.min(6, base + b.level - top)}` as 'h3';
          const links = (props.tags?.[sectionKey(b.text)] ?? []).map((id) => props.criterionNumbers?.[id] ?? id);
          return (
            <div
              key={i}
              className={`flex flex-wrap items-baseline gap-x-2 gap-y-1 ${HEADING_CLASS[Math.min(3, b.level - top + 1)]}`}
            >
              <Tag id={props.idPrefix ? `${props.idPrefix}-${b.index}` : undefined} className="scroll-mt-24">
                {b.text}
              </Tag>
              {excluded ? (
                <span className="rounded-full border border-line bg-canvas px-2 text-xs font-medium text-muted">
                  Not counted
                </span>
              ) : null}
              {links.length ? (
                <span className="flex flex-wrap gap-1 text-xs font-medium">
                  <span className="sr-only">Linked by the learner to criteria</span>
                  {links.map((n) => (
                    <span key={n} className="rounded bg-brand-50 px-1.5 py-0.5 text-brand-700">
                      {n}
                    </span>
                  ))}
                </span>
              ) : null}
            </div>
          );
        }
        const tone = excludedAt[i] ? 'text-muted' : '';
        if (b.kind === 'list') {
          const List = b.ordered ? 'ol' : 'ul';
          return (
            <List key={i} className={`my-2 space-y-1 pl-6 ${b.ordered ? 'list-decimal' : 'list-disc'} ${tone}`}>
              {b.items.map((item, k) => (
                <li key={k}>{item}</li>
              ))}
            </List>
          );
        }
        return (
          <p key={i} className={`my-3 ${tone}`}>
            {b.text}
          </p>
        );
      })}
    </div>
  );
}
