import type { ModuleSummary } from '@/lib/content';
import { plural } from '@/lib/format';
import { MODULE_KIND_LABEL, moduleHref } from './labels';
import { ModuleProgressBar } from '@/components/evidence/ModuleProgressBar';
import type { ModuleProgress } from '@/lib/progress/types';

export interface ModuleCardProps {
  module: ModuleSummary;
  /** Worksheet modules: how many sections to fill in, and how many criteria the worksheet can evidence. */
  worksheetSections?: number;
  worksheetEvidences?: number;
  /** Shows the learner's progress (or that they have not started); off for staff and other modules. */
  enrolled?: boolean;
  /** The learner's progress, shown as a bar once there is any evidence. */
  progress?: ModuleProgress | null;
  headingLevel?: 2 | 3;
}

/** What a module holds, in words: "18 performance criteria · 18 knowledge items". */
function countsLine(m: ModuleSummary, worksheetSections?: number, worksheetEvidences?: number): string[] {
  const c = m.counts;
  const parts: string[] = [];
  if (c.pc) parts.push(plural(c.pc, 'performance criterion', 'performance criteria'));
  if (c.k) parts.push(plural(c.k, 'knowledge item'));
  if (c.lo) parts.push(plural(c.lo, 'learning outcome'));
  if (c.ac) parts.push(plural(c.ac, 'assessment criterion', 'assessment criteria'));
  if (c.range) parts.push(plural(c.range, 'range item'));
  if (worksheetSections) parts.push(plural(worksheetSections, 'exercise'));
  if (worksheetEvidences) parts.push(`evidence for ${plural(worksheetEvidences, 'criterion', 'criteria')}`);
  return parts;
}

export function ModuleCard({ module: m, worksheetSections, worksheetEvidences, enrolled, progress, headingLevel = 2 }: ModuleCardProps) {
  const Heading = `h${headingLevel}` as const;
  const started = progress && progress.noEvidence < progress.total;
  return (
    <li className="relative flex flex-col rounded-xl border border-line bg-white p-5 shadow-sm transition-shadow focus-within:ring-2 focus-within:ring-brand-500 hover:shadow-md">
      <p className="flex flex-wrap items-center gap-2 text-xs">
        <span className="rounded-full bg-brand-100 px-2 py-0.5 font-semibold text-brand-900">{MODULE_KIND_LABEL[m.kind]}</span>
        <span className="font-semibold text-muted">{m.code}</span>
        {m.level !== undefined ? <span className="text-muted">· Level {m.level}</span> : null}
      </p>
      <Heading className="mt-3 text-lg font-semibold leading-snug text-brand-900">
        {/* The link covers the whole card (after:inset-0) so the card is one target, one tab stop. */}
        <a href={moduleHref(m.slug)} className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none">
          {m.title}
        </a>
      </Heading>
      <p className="mt-1 text-sm leading-relaxed text-muted">{m.summary}</p>
      <ul className="mt-3 flex flex-wrap gap-1.5 text-xs text-ink">
        {countsLine(m, worksheetSections, worksheetEvidences).map((part) => (
          <li key={part} className="whitespace-nowrap rounded-md border border-line bg-canvas px-2 py-0.5">
            {part}
          </li>
        ))}
      </ul>
      {enrolled && progress ? (
        <div className="mt-auto pt-4">
          <div className="border-t border-line pt-3">
            {started ? <ModuleProgressBar progress={progress} label={`Your progress on ${m.title}`} /> : <p className="text-sm text-muted">No evidence recorded yet.</p>}
          </div>
        </div>
      ) : null}
    </li>
  );
}
