import type { ReportStatus } from '@/lib/reports/types';
import { CheckIcon, CircleIcon, LockIcon, WarningIcon } from './icons';

const LOOK: Record<ReportStatus, { label: string; className: string; icon: React.ReactNode }> = {
  not_started: { label: 'Not started', className: 'border-line bg-canvas text-muted', icon: <CircleIcon className="size-3.5" /> },
  draft: { label: 'Drafting', className: 'border-brand-200 bg-brand-50 text-brand-700', icon: <CircleIcon className="size-3.5" /> },
  submitted: { label: 'Awaiting assessment', className: 'border-pending/30 bg-pending/10 text-pending', icon: <CircleIcon className="size-3.5" /> },
  referred: { label: 'Referred back', className: 'border-notyet/30 bg-notyet/10 text-notyet', icon: <WarningIcon className="size-3.5" /> },
  signed_off: { label: 'Signed off', className: 'border-met/30 bg-met/10 text-met', icon: <LockIcon className="size-3.5" /> },
};

export function statusLabel(status: ReportStatus): string {
  return LOOK[status].label;
}

export function StatusBadge({ status }: { status: ReportStatus }) {
  const look = LOOK[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2.5 py-0.5 text-xs font-semibold ${look.className}`}>
      {status === 'signed_off' ? <CheckIcon className="size-3.5" /> : look.icon}
      {look.label}
    </span>
  );
}
