import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/report/StatusBadge';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { formatDateTime, formatNumber } from '@/lib/format';
import { listReportsForStaff } from '@/lib/reports/list';
import { reportUnit } from '@/lib/reports/unit';
import { buttonClass } from '@/components/ui/Button';

export const metadata: Metadata = { title: 'Portfolio reports' };

export default async function StaffReportsPage() {
  const user = await requireAccess('reports.view');
  const rows = await listReportsForStaff(user);
  const unit = reportUnit();
  const waiting = rows.filter((r) => r.status === 'submitted').length;
  return (
    <>
      <PageHeader
        title="Portfolio reports"
        lead={
          <>
            Unit {unit.code} · {unit.title}.{' '}
            {user.role === 'assessor'
              ? 'Reports awaiting your decision come first, oldest first.'
              : 'Read-only: only the assigned assessor can assess.'}
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No learners on this unit yet">
          Learners assigned to you who are enrolled on unit {unit.code} appear here.
        </EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-muted" role="status">
            {waiting} {waiting === 1 ? 'report is' : 'reports are'} awaiting a decision.
          </p>
          <ul
            className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-white shadow-sm"
            data-testid="report-queue"
          >
            {rows.map((r) => (
              <li key={r.learnerId} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/reports/${r.learnerId}`}
                    className="font-semibold text-brand-700 underline-offset-2 hover:underline"
                  >
                    {r.name}
                  </Link>
                  <p className="text-sm text-muted">
                    {r.latest
                      ? `Version ${r.latest.number} · ${formatNumber(r.latest.countedWords)} counted words · submitted ${formatDateTime(r.latest.submittedAt)}`
                      : r.status === 'draft'
                        ? 'Writing a draft; nothing submitted yet'
                        : 'No draft yet'}
                  </p>
                </div>
                <StatusBadge status={r.status} />
                {r.status === 'submitted' && user.role === 'assessor' ? (
                  <Link href={`/reports/${r.learnerId}`} className={buttonClass({ size: 'touch-sm' })}>
                    Assess<span className="sr-only"> {r.name}&apos;s report</span>
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
