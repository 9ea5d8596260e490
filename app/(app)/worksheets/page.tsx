import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { listLearnerWorksheets, type WorksheetStatus } from '@/lib/worksheets/learner';
import { buttonClass } from '@/components/ui/Button';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { WORKSHEET_STATE } from '@/lib/vocabulary';

export const metadata: Metadata = { title: 'Worksheets' };

const STATUS: Record<WorksheetStatus, { label: string; tone: BadgeTone }> = {
  'not-started': { label: WORKSHEET_STATE['not-started'].label, tone: 'muted' },
  'in-progress': { label: WORKSHEET_STATE['in-progress'].label, tone: 'brand' },
  'handed-in': { label: WORKSHEET_STATE['handed-in'].label, tone: 'met' },
  'changed-since': { label: WORKSHEET_STATE['changed-since'].label, tone: 'pending' },
  commented: { label: WORKSHEET_STATE.commented.label, tone: 'pending' },
};

export default async function WorksheetsPage() {
  const user = await requireAccess('own.worksheets');
  const worksheets = await listLearnerWorksheets(user);
  return (
    <>
      <PageHeader
        title="Worksheets"
        lead="Work through each worksheet at your own pace. Your answers save as you type; hand them to your Enterprise Coach when you are ready to talk them through."
      />
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
                  <Badge tone={status.tone}>{status.label}</Badge>
                </div>
                <h2 className="mt-1 text-lg font-semibold text-brand-900">
                  <Link href={`/worksheets/${w.slug}`} className="hover:underline">
                    {w.title}
                  </Link>
                </h2>
                <p className="mt-1 text-[15px] text-muted">{w.summary}</p>
                <div className="mt-4">
                  <div className="flex flex-wrap justify-between gap-x-3 text-sm text-muted">
                    <span>
                      {w.sectionsAnswered} of {w.sectionCount} sections answered
                    </span>
                    {w.updatedAt ? <span>Saved {formatDateTime(w.updatedAt)}</span> : null}
                  </div>
                  <div
                    className="mt-1.5 h-2 overflow-hidden rounded-full bg-canvas ring-1 ring-line"
                    aria-hidden="true"
                  >
                    <div
                      className="h-full rounded-full bg-brand-500"
                      style={{ width: `${(w.sectionsAnswered / w.sectionCount) * 100}%` }}
                    />
                  </div>
                </div>
                <div className="mt-5">
                  <Link href={`/worksheets/${w.slug}`} className={buttonClass({ size: 'touch' })}>
                    {w.status === 'not-started' ? 'Start' : 'Continue'}
                    <span className="sr-only">: {w.title}</span>
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
