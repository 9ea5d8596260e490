import type { CriterionStatus } from '@/lib/progress/types';

const LOOK: Record<CriterionStatus, { label: string; className: string; icon: React.ReactNode }> = {
  met: {
    label: 'Met',
    className: 'border-met/30 bg-met/5 text-met',
    icon: <path d="M2.5 6.3l2.4 2.4 4.8-5.2" stroke="currentColor" strokeWidth="1.8" fill="none" strokeLinecap="round" strokeLinejoin="round" />,
  },
  not_yet_met: {
    label: 'Not yet met',
    className: 'border-notyet/30 bg-notyet/5 text-notyet',
    icon: <path d="M6 2.8v4M6 9.2v.01" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />,
  },
  evidence_submitted: {
    label: 'Awaiting judgement',
    className: 'border-pending/30 bg-pending/5 text-pending',
    icon: <circle cx="6" cy="6" r="3.6" stroke="currentColor" strokeWidth="1.6" fill="none" strokeDasharray="2 1.6" />,
  },
  no_evidence: {
    label: 'No evidence yet',
    className: 'border-line bg-white text-muted',
    icon: <circle cx="6" cy="6" r="3.6" stroke="currentColor" strokeWidth="1.4" fill="none" />,
  },
};

/** A criterion's status for the learner: an icon and words, never colour alone. */
export function StatusTag({ status }: { status: CriterionStatus }) {
  const look = LOOK[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-semibold ${look.className}`}>
      <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
        {look.icon}
      </svg>
      {look.label}
    </span>
  );
}
