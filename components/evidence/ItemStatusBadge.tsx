import { Badge, type BadgeTone } from '@/components/ui/Badge';
import type { CriterionStatus } from '@/lib/progress/types';
import { STATUS_LABEL } from '@/lib/progress/labels';

const LOOK: Record<CriterionStatus, { tone: BadgeTone; icon: React.ReactNode }> = {
  met: {
    tone: 'met',
    icon: (
      <path
        d="M2.5 6.3l2.4 2.4 4.8-5.2"
        stroke="currentColor"
        strokeWidth="1.9"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    ),
  },
  not_yet_met: {
    tone: 'notyet',
    icon: (
      <>
        <circle cx="6" cy="6" r="4.6" stroke="currentColor" strokeWidth="1.4" fill="none" />
        <path d="M6 3.6v3M6 8.4v.01" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </>
    ),
  },
  evidence_submitted: {
    tone: 'pending',
    icon: (
      <>
        <circle cx="6" cy="6" r="4.6" stroke="currentColor" strokeWidth="1.4" fill="none" />
        <path d="M6 3.4V6l1.8 1.2" stroke="currentColor" strokeWidth="1.4" fill="none" strokeLinecap="round" />
      </>
    ),
  },
  no_evidence: {
    tone: 'plain',
    icon: (
      <circle cx="6" cy="6" r="4.2" stroke="currentColor" strokeWidth="1.4" fill="none" strokeDasharray="2.2 1.8" />
    ),
  },
};

/**
 * A criterion's status: colour, a symbol and words, so it reads without colour too (and in print).
 * Server component without hooks; client components may render it as well.
 */
export function ItemStatusBadge({ status, size = 'sm' }: { status: CriterionStatus; size?: 'sm' | 'md' }) {
  const look = LOOK[status];
  const icon = (
    <svg
      aria-hidden="true"
      width={size === 'md' ? 14 : 12}
      height={size === 'md' ? 14 : 12}
      viewBox="0 0 12 12"
      className="shrink-0"
    >
      {look.icon}
    </svg>
  );
  return (
    <Badge tone={look.tone} size={size === 'md' ? 'lg' : 'xs'} icon={icon} data-status={status}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}
