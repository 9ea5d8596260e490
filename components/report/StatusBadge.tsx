import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { REPORT_STATE } from '@/lib/vocabulary';
import type { ReportStatus } from '@/lib/reports/types';
import { CheckIcon, CircleIcon, LockIcon, WarningIcon } from './icons';

const LOOK: Record<ReportStatus, { tone: BadgeTone; icon: React.ReactNode }> = {
  not_started: { tone: 'muted', icon: <CircleIcon className="size-3.5" /> },
  draft: { tone: 'brand', icon: <CircleIcon className="size-3.5" /> },
  submitted: { tone: 'pending', icon: <CircleIcon className="size-3.5" /> },
  referred: { tone: 'notyet', icon: <WarningIcon className="size-3.5" /> },
  awaiting_countersignature: { tone: 'pending', icon: <LockIcon className="size-3.5" /> },
  signed_off: { tone: 'met', icon: <LockIcon className="size-3.5" /> },
};

export function StatusBadge({ status }: { status: ReportStatus }) {
  const look = LOOK[status];
  return (
    <Badge tone={look.tone} icon={status === 'signed_off' ? <CheckIcon className="size-3.5" /> : look.icon}>
      {REPORT_STATE[status].label}
    </Badge>
  );
}
