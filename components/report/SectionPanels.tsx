'use client';
import { useMemo } from 'react';
import { coverageByCriterion, suggestTags, taggableSections } from '@/lib/reports/sections';
import type { DecisionView, ReportUnit, SectionTags } from '@/lib/reports/types';
import type { ReportCount } from '@/lib/wordcount/report';
import { CoverageList } from './CoverageList';
import { SectionLinks } from './SectionLinks';

// The report editor's section panels, with the work of splitting the count into sections done here rather than in
// the editor, so that code is fetched with the panels after the page (issue #19's first-load JavaScript budget).

const sameTags = (a: SectionTags, b: SectionTags) => JSON.stringify(a) === JSON.stringify(b);

/** <SectionLinks> for the report's current count, offering the suggested links when they differ from the learner's. */
export function ReportSectionLinks({
  count,
  unit,
  tags,
  onChange,
  onSuggest,
  onGoTo,
  className,
}: {
  count: ReportCount;
  unit: ReportUnit;
  tags: SectionTags;
  onChange: (key: string, acIds: string[]) => void;
  onSuggest: (tags: SectionTags) => void;
  onGoTo: (heading: string) => void;
  className?: string;
}) {
  const sections = useMemo(() => taggableSections(count), [count]);
  const criteria = useMemo(() => unit.outcomes.flatMap((o) => o.criteria), [unit]);
  const suggestion = useMemo(() => {
    const next = suggestTags(sections, criteria, tags);
    return sameTags(next, tags) ? null : next;
  }, [sections, criteria, tags]);
  const suggest = useMemo(() => (suggestion ? () => onSuggest(suggestion) : null), [suggestion, onSuggest]);
  return (
    <SectionLinks
      className={className}
      unit={unit}
      sections={sections}
      tags={tags}
      onChange={onChange}
      onSuggest={suggest}
      onGoTo={onGoTo}
    />
  );
}

/** <CoverageList> for the report's current count and links. */
export function ReportCoverage({
  count,
  unit,
  tags,
  decision,
  className,
}: {
  count: ReportCount;
  unit: ReportUnit;
  tags: SectionTags;
  decision: DecisionView | null;
  className?: string;
}) {
  const sections = useMemo(() => taggableSections(count), [count]);
  const coverage = useMemo(() => coverageByCriterion(sections, tags), [sections, tags]);
  return <CoverageList className={className} unit={unit} coverage={coverage} decision={decision} />;
}
