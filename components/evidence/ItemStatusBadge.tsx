import type { CriterionStatus } from '@/lib/progress/types';
import { STATUS_LABEL } from '@/lib/progress/labels';

const LOOK: Record<CriterionStatus, { className: string; icon: React.ReactNode }> = {
  met: {
    className: 'border-met/40 bg-met/10 text-met',
    icon: <path d="M2.5 6.3l2.4 2.4 4.8-5.2" stroke="currentColor" strokeWidth="1.9" fill="none" strokeLinecap="round" strokeLinejoin="round" />,
  },
  not_yet_met: {
    className: 'border-notyet/40 bg-notyet/10 text-notyet',
    icon: (
      <>
        <circle cx="6" cy="6" r="4.6" stroke="currentColor" strokeWidth="1.4" fill="none" />
        <path d="M6 3.6v3M6 8.4v.01" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </>
    ),
  },
  evidence_submitted: {
    className: 'border-pending/40 bg-pending/10 text-pending',
    icon: (
      <>
        <circle cx="6" cy="6" r="4.6" stroke="currentColor" strokeWidth="1.4" fill="none" />
        <path d="M6 3.4V6l1.8 1.2" stroke="currentColor" strokeWidth="1.4" fill="none" strokeLinecap="round" />
      </>
    ),
  },
  no_evidence: {
    className: 'border-line bg-white text-muted',
    icon: <circle cx="6" cy="6" r="4.2" stroke="currentColor" strokeWidth="1.4" fill="none" strokeDasharray="2.2 1.8" />,
  },
};

/**
 * A criterion's status: colour, a symbol and words, so it reads without colour too (and in print).
 * Server component without hooks; client components may render it as well.
 */
export function ItemStatusBadge({ status, size = 'sm' }: { status: CriterionStatus; size?: 'sm' | 'md' }) {
  const look = LOOK[status];
  const box = size === 'md' ? 'px-2.5 py-1 text-sm' : 'px-2 py-0.5 text-xs';
  return (
    <span data-status={status} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border font-semibold ${box} ${look.className}`}>
      <svg aria-hidden="true" width={size === 'md' ? 14 : 12} height={size === 'md' ? 14 : 12} viewBox="0 0 12 12" className="shrink-0">
        {look.icon}
      </svg>
      {STATUS_LABEL[status]}
    </span>
  );
}
