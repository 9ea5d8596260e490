import type { WorksheetSection } from '@/lib/worksheets/answers';
import { CheckIcon } from './icons';

/**
 * The frame every worksheet section shares, editable or read-only: title, prompt, the answer, then comments.
 * The element's id is the section id, so links such as /worksheets/slug#contacts land on it.
 */
export function SectionCard({
  section,
  answered,
  level = 3,
  children,
  after,
}: {
  section: WorksheetSection;
  /** Shown as a tag when given. */
  answered?: boolean;
  level?: 2 | 3;
  children: React.ReactNode;
  after?: React.ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section
      id={section.id}
      aria-labelledby={`${section.id}-title`}
      className="print-break-avoid my-6 scroll-mt-24 rounded-xl border border-line bg-white p-4 shadow-sm sm:p-6"
    >
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <Heading id={`${section.id}-title`} className="text-lg font-semibold leading-snug text-brand-900">
          {section.title}
        </Heading>
        {answered === undefined ? null : answered ? (
          <span className="inline-flex items-center gap-1 rounded-full bg-met/10 px-2.5 py-0.5 text-xs font-semibold text-met">
            <CheckIcon className="size-3.5" /> Answered
          </span>
        ) : (
          <span className="inline-flex items-center rounded-full bg-canvas px-2.5 py-0.5 text-xs font-medium text-muted ring-1 ring-line">
            Not answered yet
          </span>
        )}
      </div>
      <div id={`${section.id}-prompt`} className="mb-4 mt-1 text-[15px] leading-relaxed text-muted">
        {section.prompt}
      </div>
      {children}
      {after ? <div className="mt-5 border-t border-line pt-4">{after}</div> : null}
    </section>
  );
}
