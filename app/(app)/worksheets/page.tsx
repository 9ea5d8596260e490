import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { listLearnerWorksheets, type WorksheetStatus } from '@/lib/worksheets/learner';

export const metadata: Metadata = { title: 'Worksheets' };

const STATUS: Record<WorksheetStatus, { label: string; className: string }> = {
  'not-started': { label: 'Not started', className: 'bg-canvas text-muted ring-line' },
  'in-progress': { label: 'In progress', className: 'bg-brand-50 text-brand-700 ring-brand-200' },
  'handed-in': { label: 'Handed in', className: 'bg-met/10 text-met ring-met/30' },
  'changed-since': { label: 'Changed since hand-in', className: 'bg-pending/10 text-pending ring-pending/30' },
  commented: { label: 'Coach has commented', className: 'bg-pending/10 text-pending ring-pending/30' },
};

export default async function WorksheetsPage() {
  const user = await requireUser('learner');
  const worksheets = await listLearnerWorksheets(user);
  return (
    <>
      <PageHeader title="Worksheets" lead="Work through each worksheet at your own pace. Your answers save as you type; hand them to your Enterprise Coach when you are ready to talk them through." />
      {worksheets.length === 0 ? (
        <EmptyState title="No worksheets yet">When your programme includes a worksheet, it appears here.</EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {worksheets.map((w) => {
            const status = STATUS[w.status];
            return (
              <li key={w.slug} className="flex flex-col rounded-xl border border-line bg-white p-5 shadow-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="text-sm font-semibold text-muted">Worksheet {w.code}</span>
                  <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${status.className}`}>{status.label}</span>
                </div>
                <h2 className="mt-1 text-lg font-semibold text-brand-900">
                  <Link href={`/worksheets/${w.slug}`} className="hover:underline">{w.title}</Link>
                </h2>
                <p className="mt-1 text-[15px] text-muted">{w.summary}</p>
                <div className="mt-4">
                  <div className="flex flex-wrap justify-between gap-x-3 text-sm text-muted">
                    <span>{w.sectionsAnswered} of {w.sectionCount} sections answered</span>
                    {w.updatedAt ? <span>Saved {formatDateTime(w.updatedAt)}</span> : null}
                  </div>
                  <div className="mt-1.5 h-2 overflow-hidden rounded-full bg-canvas ring-1 ring-line" aria-hidden="true">
                    <div className="h-full rounded-full bg-brand-500" style={{ width: `${(w.sectionsAnswered / w.sectionCount) * 100}%` }} />
                  </div>
                </div>
                <div className="mt-5">
                  <Link href={`/worksheets/${w.slug}`} className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700">
                    {w.status === 'not-started' ? 'Start' : 'Continue'}<span className="sr-only">: {w.title}</span>
                  </Link>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
