import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { links } from '@/lib/dashboards/links';
import { formatDateTime } from '@/lib/format';
import { coachReviewQueue, type QueueEntry } from '@/lib/worksheets/review';

export const metadata: Metadata = { title: 'Worksheets to review' };

export default async function CoachWorksheetsPage() {
  const user = await requireAccess('hand-ins.queue');
  const { waiting, commented } = await coachReviewQueue(user);
  return (
    <>
      <PageHeader
        title="Worksheets to review"
        lead="Worksheets your learners have handed in. Read each one and comment on the sections, or on the worksheet as a whole."
      />
      {waiting.length + commented.length === 0 ? (
        <EmptyState title="No worksheets handed in yet">
          When one of your learners hands in a worksheet, it appears here.
        </EmptyState>
      ) : (
        <div className="space-y-8">
          <Group
            title="Waiting for your comments"
            entries={waiting}
            empty="You have commented on every worksheet handed in. Nothing is waiting."
          />
          <Group title="Commented" entries={commented} empty="Nothing here yet." />
        </div>
      )}
    </>
  );
}

function Group({ title, entries, empty }: { title: string; entries: QueueEntry[]; empty: string }) {
  return (
    <section aria-labelledby={`${title}-h`.replace(/\W+/g, '-')}>
      <h2 id={`${title}-h`.replace(/\W+/g, '-')} className="mb-3 text-lg font-semibold text-brand-900">
        {title}{' '}
        <span className="ml-1 rounded-full bg-brand-50 px-2 py-0.5 text-sm font-semibold text-brand-700 ring-1 ring-brand-200">
          {entries.length}
        </span>
      </h2>
      {entries.length === 0 ? (
        <div className="rounded-xl border border-dashed border-line bg-white px-4 py-6 text-center text-[15px] text-muted">
          {empty}
        </div>
      ) : (
        <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-white shadow-sm">
          {entries.map((e) => (
            <li key={e.submissionId}>
              <Link
                href={links.handIn(e.submissionId)}
                className="flex flex-col gap-1 px-4 py-3.5 hover:bg-brand-50 sm:flex-row sm:items-center sm:justify-between sm:gap-4"
              >
                <span className="min-w-0">
                  <span className="block font-semibold text-brand-900">{e.learnerName}</span>
                  <span className="block text-[15px] text-ink">
                    Worksheet {e.worksheetCode}: {e.worksheetTitle}
                  </span>
                </span>
                <span className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
                  <span>
                    Hand-in {e.number}
                    {e.number > 1 ? ' (revised)' : ''}
                  </span>
                  <span>{formatDateTime(e.submittedAt)}</span>
                  {e.commentCount ? (
                    <span>{e.commentCount === 1 ? '1 comment' : `${e.commentCount} comments`}</span>
                  ) : null}
                  <span className="font-semibold text-brand-700 underline underline-offset-2">
                    {e.commentCount ? 'Open' : 'Review'}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
