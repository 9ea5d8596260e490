import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { assessorQueue } from '@/lib/dashboards/queue';
import { buttonClass } from '@/components/ui/Button';
import { formatAgo, formatDate, formatWaited, plural } from '@/lib/format';
import { REPORT_STATE } from '@/lib/vocabulary';

export const metadata: Metadata = { title: 'Assessment queue' };

export default async function AssessorHome() {
  const user = await requireAccess('home.assessor');
  const queue = await assessorQueue(user);
  const now = new Date();
  const oldest = queue.items[0];
  const lead = queue.items.length
    ? `${plural(queue.criteriaWaiting, 'criterion', 'criteria')} awaiting judgement across ${plural(queue.learnersWaiting, 'learner')}; ${plural(queue.reportsWaiting, 'report')} awaiting assessment. Oldest first.`
    : 'Evidence awaiting your judgement and reports awaiting assessment, oldest first.';
  return (
    <>
      <PageHeader title="Assessment queue" lead={lead} />
      {queue.items.length === 0 ? (
        <EmptyState title="Nothing is waiting for you">
          {queue.learnerCount
            ? `You assess ${plural(queue.learnerCount, 'learner')}. When they submit evidence or a report, it appears here.`
            : 'No learners are assigned to you yet. When your administrator assigns some, their work appears here.'}
        </EmptyState>
      ) : (
        <>
          <section
            aria-labelledby="start-heading"
            className="mb-6 rounded-xl border border-pending/30 bg-pending/5 p-4 sm:flex sm:items-center sm:justify-between sm:gap-4"
          >
            <div>
              <h2 id="start-heading" className="text-sm font-semibold uppercase tracking-wide text-pending">
                Start here
              </h2>
              <p className="mt-1 text-lg font-semibold text-brand-900">
                {oldest.kind === 'report'
                  ? `${oldest.learnerName}\u2019s report`
                  : `${oldest.learnerName}: ${plural(oldest.count, 'criterion', 'criteria')}`}
              </p>
              <p className="text-sm text-muted">
                Waiting since {formatDate(new Date(oldest.since))} ({formatAgo(new Date(oldest.since), now)}), the
                longest in your queue.
              </p>
            </div>
            <Link href={oldest.href} className={buttonClass({ className: 'mt-3 sm:mt-0' })}>
              {oldest.kind === 'report' ? 'Review the report' : 'Judge the evidence'}
            </Link>
          </section>

          <dl className="mb-6 grid grid-cols-3 gap-3">
            {[
              { n: queue.criteriaWaiting, label: 'Criteria to judge' },
              { n: queue.learnersWaiting, label: 'Learners waiting' },
              { n: queue.reportsWaiting, label: 'Reports to sign off' },
            ].map((s) => (
              <div key={s.label} className="rounded-xl border border-line bg-white p-3 shadow-sm">
                <dt className="text-xs font-medium text-muted sm:text-sm">{s.label}</dt>
                <dd className="text-2xl font-semibold tabular-nums text-brand-900">{s.n}</dd>
              </div>
            ))}
          </dl>

          <section aria-labelledby="queue-heading">
            <h2 id="queue-heading" className="mb-2 text-lg font-semibold text-brand-900">
              Waiting, oldest first
            </h2>
            <ol className="space-y-2">
              {queue.items.map((item) => (
                <li key={`${item.kind}-${item.learnerId}`}>
                  <Link
                    href={item.href}
                    className="group flex flex-col gap-2 rounded-xl border border-line bg-white p-4 shadow-sm hover:border-brand-200 hover:bg-brand-50 sm:flex-row sm:items-center sm:gap-4"
                  >
                    <span
                      className={`inline-flex w-fit shrink-0 items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold ${item.kind === 'report' ? 'bg-brand-100 text-brand-700' : 'bg-pending/10 text-pending'}`}
                    >
                      <span aria-hidden="true">{item.kind === 'report' ? '\u2630' : '\u25F7'}</span>
                      {item.kind === 'report' ? 'Report' : 'Evidence'}
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="block font-semibold text-brand-900 group-hover:underline">
                        {item.learnerName}
                        <span className="font-normal text-muted">
                          {' '}
                          &middot;{' '}
                          {item.kind === 'report'
                            ? REPORT_STATE.submitted.label.toLowerCase()
                            : plural(item.count, 'criterion', 'criteria')}
                        </span>
                      </span>
                      <span className="block truncate text-sm text-muted">
                        {item.details.slice(0, 6).join(', ')}
                        {item.details.length > 6 ? ` and ${item.details.length - 6} more` : ''}
                      </span>
                    </span>
                    <span className="shrink-0 text-sm text-muted">
                      <time dateTime={item.since}>waiting {formatWaited(new Date(item.since), now)}</time>
                      <span aria-hidden="true" className="ml-2 text-brand-700">
                        &rarr;
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  );
}
