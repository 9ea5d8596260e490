import type { WorksheetSection } from '@/lib/content';
import { formatNumber, plural } from '@/lib/format';

/**
 * How a worksheet section reads on the module page: a read-only description of the exercise. The live
 * form, with the learner's own answers, is on the worksheet page.
 */
export function WorksheetSectionSummary({ section, worksheetHref }: { section: WorksheetSection; worksheetHref: string }) {
  return (
    <div id={`exercise-${section.id}`} className="print-break-avoid my-5 scroll-mt-6 rounded-lg border border-brand-200 border-l-4 border-l-brand-500 bg-brand-50/60 px-4 py-3"
    >
      <p className="font-semibold text-brand-900">
        <span className="text-brand-600">Exercise:</span> {section.title}
      </p>
      <p className="mt-1 text-sm leading-relaxed text-ink">{section.prompt}</p>
      <Detail section={section} />
      <p className="no-print mt-2 text-sm">
        <a href={`${worksheetHref}#${section.id}`} className="font-semibold text-brand-600 underline underline-offset-2">
          Answer this in the worksheet
        </a>
      </p>
    </div>
  );
}

function Detail({ section }: { section: WorksheetSection }) {
  if (section.kind === 'checklist') {
    return (
      <ul className="mt-2 space-y-1 text-sm">
        {section.items.map((item) => (
          <li key={item.id} className="flex gap-2">
            <span aria-hidden="true" className="mt-0.5 inline-block size-3.5 shrink-0 rounded-sm border border-brand-500 bg-white" />
            <span>{item.text}</span>
          </li>
        ))}
      </ul>
    );
  }
  if (section.kind === 'table') {
    return (
      <p className="mt-2 text-sm text-muted">
        A table with {plural(section.columns.length, 'column')}: {section.columns.map((c) => c.label).join(' and ')}.
      </p>
    );
  }
  return <p className="mt-2 text-sm text-muted">A written answer of up to {formatNumber(section.maxLength)} characters.</p>;
}
