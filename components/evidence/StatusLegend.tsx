import { STATUS_MEANING } from '@/lib/progress/labels';
import type { CriterionStatus } from '@/lib/progress/types';
import { ItemStatusBadge } from './ItemStatusBadge';

const ORDER: CriterionStatus[] = ['no_evidence', 'evidence_submitted', 'not_yet_met', 'met'];

/** What each status means. `compact` shows the badges alone in one line (for page headers). */
export function StatusLegend({ compact = false, className = '' }: { compact?: boolean; className?: string }) {
  if (compact) {
    return (
      <ul aria-label="Status key" className={`flex flex-wrap gap-2 ${className}`}>
        {ORDER.map((s) => (
          <li key={s}>
            <ItemStatusBadge status={s} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <dl className={`grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr] ${className}`}>
      {ORDER.map((s) => (
        <div key={s} className="contents">
          <dt className="pt-0.5">
            <ItemStatusBadge status={s} />
          </dt>
          <dd className="mb-1 text-muted sm:mb-0">{STATUS_MEANING[s]}</dd>
        </div>
      ))}
    </dl>
  );
}
