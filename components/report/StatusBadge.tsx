import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { UNIT_COMPLETION_LABEL } from '@/lib/progress/labels';
import type { ReportStatus } from '@/lib/reports/types';
import { CheckIcon, CircleIcon, LockIcon, WarningIcon } from './icons';

const LOOK: Record<ReportStatus, { label: string; tone: BadgeTone; icon: React.ReactNode }> = {
  not_started: { label: 'Not started', tone: 'muted', icon: <CircleIcon className="size-3.5" /> },
  draft: { label: 'Drafting', tone: 'brand', icon: <CircleIcon className="size-3.5" /> },
  submitted: { label: 'Awaiting assessment', tone: 'pending', icon: <CircleIcon className="size-3.5" /> },
  referred: { label: 'Referred back', tone: 'notyet', icon: <WarningIcon className="size-3.5" /> },
  awaiting_countersignature: {
    label: UNIT_COMPLETION_LABEL.awaiting_countersignature,
    tone: 'pending',
    icon: <LockIcon className="size-3.5" />,
  },
  signed_off: { label: 'Signed off', tone: 'met', icon: <LockIcon className="size-3.5" /> },
};

export function StatusBadge({ status }: { status: ReportStatus }) {
  const look = LOOK[status];
  return (
    <Badge tone={look.tone} icon={status === 'signed_off' ? <CheckIcon className="size-3.5" /> : look.icon}>
      {look.label}
    </Badge>
  );
}
