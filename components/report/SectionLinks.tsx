'use client';
import { memo, useId, useRef, useState } from 'react';
import { formatNumber } from '@/lib/format';
import type { TaggableSection } from '@/lib/reports/sections';
import type { ReportUnit, SectionTags } from '@/lib/reports/types';
import { buttonClass } from '@/components/ui/Button';

interface Props {
  unit: ReportUnit;
  sections: TaggableSection[];
  tags: SectionTags;
  onChange: (key: string, acIds: string[]) => void;
  onSuggest: (() => void) | null;
  onGoTo: (heading: string) => void;
  className?: string;
}

/** Each section of the report with the criteria the learner says it addresses, and a way to change them. */
export const SectionLinks = memo(function SectionLinks({
  unit,
  sections,
  tags,
  onChange,
  onSuggest,
  onGoTo,
  className = '',
}: Props) {
  const numbers = new Map(unit.outcomes.flatMap((o) => o.criteria.map((c) => [c.id, c.number] as const)));
  const title = useRef<HTMLHeadingElement>(null);
  // The button goes away once used: focus moves to the section list's heading rather than being lost.
  const suggest = () => {
    onSuggest?.();
    title.current?.focus();
  };
  return (
    <section
      aria-labelledby="sections-title"
      className={`min-w-0 rounded-xl border border-line bg-white p-4 shadow-sm sm:p-5 ${className}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-2xl">
          <h2 id="sections-title" ref={title} tabIndex={-1} className="text-base font-semibold text-brand-900">
            Sections and criteria
          </h2>
          <p className="mt-1 text-sm text-muted">
            Link each section to the assessment criteria it addresses. Your assessor sees these links beside your
            headings.
          </p>
        </div>
        {onSuggest ? (
          <button type="button" className={buttonClass({ variant: 'outline', size: 'touch' })} onClick={suggest}>
            Link sections by their numbers
          </button>
        ) : null}
      </div>
      {sections.length === 0 ? (
        <p className="mt-3 rounded-lg border border-dashed border-line px-4 py-5 text-center text-sm text-muted">
          No sections yet. Start a line with <code className="rounded bg-canvas px-1">##</code> (or use the Heading
          button) to make a section heading; then link it to the criteria it covers.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-line" data-testid="section-links">
          {sections.map((s) => (
            <SectionRow
              key={s.key}
              unit={unit}
              section={s}
              linked={tags[s.key] ?? []}
              numbers={numbers}
              onChange={onChange}
              onGoTo={onGoTo}
            />
          ))}
        </ul>
      )}
    </section>
  );
});

function SectionRow({
  unit,
  section,
  linked,
  numbers,
  onChange,
  onGoTo,
}: {
  unit: ReportUnit;
  section: TaggableSection;
  linked: string[];
  numbers: Map<string, string>;
  onChange: (key: string, acIds: string[]) => void;
  onGoTo: (heading: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const toggle = (acId: string, on: boolean) =>
    onChange(section.key, on ? [...linked, acId] : linked.filter((x) => x !== acId));
  return (
    <li className="py-2.5" style={{ paddingLeft: `${Math.max(0, section.level - 2) * 1}rem` }}>
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <button
            type="button"
            onClick={() => onGoTo(section.heading)}
            className="text-left font-medium text-ink underline-offset-2 hover:text-brand-700 hover:underline"
          >
            {section.heading}
            <span className="sr-only"> (go to this heading in the editor)</span>
          </button>
          <div className="mt-1 flex flex-wrap items-center gap-1.5">
            <span className="text-xs text-muted">{formatNumber(section.words)} words ·</span>
            <span className="flex flex-wrap gap-1">
              {linked.length ? <span className="sr-only">linked to criteria</span> : null}
              {linked.length ? (
                linked.map((a) => (
                  <span key={a} className="rounded bg-brand-50 px-1.5 py-0.5 text-xs font-semibold text-brand-700">
                    {numbers.get(a) ?? a}
                  </span>
                ))
              ) : (
                <span className="text-xs text-muted">no criteria linked</span>
              )}
            </span>
          </div>
        </div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          onClick={() => setOpen((o) => !o)}
          className="min-h-10 shrink-0 rounded-md px-2.5 text-sm font-semibold text-brand-700 hover:bg-brand-50"
        >
          {open ? 'Done' : 'Choose criteria'}
          <span className="sr-only"> for “{section.heading}”</span>
        </button>
      </div>
      {open ? (
        <fieldset id={`${id}-panel`} className="mt-2 rounded-lg border border-line bg-canvas p-3">
          <legend className="sr-only">Criteria addressed by “{section.heading}”</legend>
          <div className="grid gap-3 md:grid-cols-3">
            {unit.outcomes.map((o) => (
              <div key={o.id}>
                <p className="text-xs font-semibold tracking-wide text-muted uppercase">Outcome {o.number}</p>
                <ul className="mt-1 space-y-1">
                  {o.criteria.map((c) => (
                    <li key={c.id}>
                      <label className="flex cursor-pointer items-start gap-2 rounded px-1 py-1 text-sm hover:bg-white">
                        <input
                          type="checkbox"
                          className="mt-1 size-4 accent-brand-600"
                          checked={linked.includes(c.id)}
                          onChange={(e) => toggle(c.id, e.target.checked)}
                        />
                        <span>
                          <span className="font-semibold">{c.number}</span> {c.text}
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
    </li>
  );
}
