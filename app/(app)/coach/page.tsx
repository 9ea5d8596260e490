import type { Metadata } from 'next';
import Link from 'next/link';
import { CaseloadFilters } from '@/components/dashboard/CaseloadFilters';
import { CaseloadTable } from '@/components/dashboard/CaseloadTable';
import { TrendChart } from '@/components/dashboard/TrendChart';
import { Card } from '@/components/ui/Card';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { coachDashboard, TREND_WEEKS } from '@/lib/dashboards/dashboard';
import { caseloadHref, parseCaseloadParams, STATUS_FILTER_LABEL } from '@/lib/dashboards/filters';
import { links } from '@/lib/dashboards/links';
import { STUCK_AFTER_DAYS, STUCK_NOT_YET_MET, type CaseloadStatus } from '@/lib/dashboards/types';
import { buttonClass } from '@/components/ui/Button';
import { formatNumber, plural } from '@/lib/format';

export const metadata: Metadata = { title: 'Caseload' };

export default async function CoachHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireAccess('home.coach');
  const params = parseCaseloadParams(await searchParams);
  const now = new Date();
  // One page of 25 cards (the "needs attention first" order puts the learners who need the coach on page 1).
  const { caseload: load, trend } = await coachDashboard(user, params, undefined, now);
  const f = load.filters;
  const { page, pages, reviewTotal, firstReview, rows: shown } = load;
  const matrixCohort = f.cohortId ?? load.cohorts[0]?.id;
  const matrixModule = f.moduleSlug ?? load.modules[0]?.slug;

  if (load.counts.all === 0 && !f.cohortId && !f.moduleSlug) {
    return (
      <>
        <PageHeader title="Your caseload" lead="Worksheets to review and how each of your learners is getting on." />
        <EmptyState title="No learners are assigned to you yet">
          When your administrator assigns learners or a cohort to you, they appear here.
        </EmptyState>
      </>
    );
  }

  const chips: { status?: CaseloadStatus; label: string; n: number | null; tone: string }[] = [
    { label: 'All learners', n: load.counts.all, tone: 'text-ink' },
    { status: 'stuck', label: 'Stuck', n: load.counts.stuck, tone: 'text-notyet' },
    { status: 'review', label: 'Worksheets to review', n: load.counts.review, tone: 'text-brand-700' },
    { status: 'awaiting', label: 'Awaiting judgement', n: load.counts.awaiting, tone: 'text-pending' },
    { status: 'complete', label: 'All met', n: load.counts.complete, tone: 'text-met' },
    { status: 'overdue', label: 'Review overdue', n: load.counts.overdue, tone: 'text-notyet' },
  ];

  return (
    <>
      <PageHeader
        title="Your caseload"
        lead={`${plural(load.counts.all, 'learner')}${f.cohortId ? ' in this cohort' : ''}. Stuck means no activity for ${STUCK_AFTER_DAYS} days or ${STUCK_NOT_YET_MET} or more criteria not yet met.`}
      >
        {matrixCohort && matrixModule ? (
          <Link href={links.coachMatrix(matrixCohort, matrixModule)} className={buttonClass({ variant: 'outline' })}>
            Criteria matrix
          </Link>
        ) : null}
      </PageHeader>

      <section aria-labelledby="next-heading" className="mb-6 grid gap-3 md:grid-cols-2">
        <h2 id="next-heading" className="sr-only">
          What to do next
        </h2>
        <Link
          href={firstReview ? links.handIn(firstReview.worksheetId) : '/coach/worksheets'}
          className={`flex items-center gap-4 rounded-xl border p-4 shadow-sm ${reviewTotal ? 'border-brand-200 bg-brand-50 hover:bg-brand-100' : 'border-line bg-white hover:bg-canvas'}`}
        >
          <span className="text-3xl font-semibold tabular-nums text-brand-700">{reviewTotal}</span>
          <span>
            <span className="block font-semibold text-brand-900">
              {reviewTotal === 1 ? 'Worksheet waits' : 'Worksheets wait'} for your review
            </span>
            <span className="block text-sm text-muted">
              {reviewTotal ? `Start with ${firstReview?.name}\u2019s` : 'Nothing to review right now'}
              <span aria-hidden="true"> &rarr;</span>
            </span>
          </span>
        </Link>
        <Link
          href={caseloadHref({ ...f, status: 'stuck', page: 1 })}
          className={`flex items-center gap-4 rounded-xl border p-4 shadow-sm ${load.counts.stuck ? 'border-notyet/40 bg-notyet/5 hover:bg-notyet/10' : 'border-line bg-white hover:bg-canvas'}`}
        >
          <span className="text-3xl font-semibold tabular-nums text-notyet">{load.counts.stuck}</span>
          <span>
            <span className="block font-semibold text-brand-900">
              {load.counts.stuck === 1 ? 'Learner looks' : 'Learners look'} stuck
            </span>
            <span className="block text-sm text-muted">
              {load.counts.stuck ? 'Get in touch: they are listed first below' : 'Everyone is moving'}
              <span aria-hidden="true"> &rarr;</span>
            </span>
          </span>
        </Link>
      </section>

      <nav aria-label="Quick filters" className="mb-3 overflow-x-auto">
        <ul className="flex gap-2 whitespace-nowrap">
          {chips.map((c) => {
            const current = (f.status ?? undefined) === c.status;
            return (
              <li key={c.label}>
                <Link
                  href={caseloadHref({ ...f, status: c.status, page: 1 })}
                  aria-current={current ? 'true' : undefined}
                  className={`inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm ${current ? 'border-brand-600 bg-brand-600 text-white' : 'border-line bg-white hover:bg-canvas'}`}
                >
                  {c.label}
                  {c.n === null ? null : (
                    <>
                      {' '}
                      <span className={`font-semibold tabular-nums ${current ? 'text-white' : c.tone}`}>{c.n}</span>
                    </>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <CaseloadFilters load={load} />

      <section aria-labelledby="caseload-heading" className="mt-5">
        <h2 id="caseload-heading" className="mb-2 text-lg font-semibold text-brand-900">
          {f.status ? STATUS_FILTER_LABEL[f.status] : 'Learners'}{' '}
          <span className="text-base font-normal text-muted">({formatNumber(load.matched)})</span>
        </h2>
        {shown.length ? (
          <CaseloadTable rows={shown} now={now} />
        ) : (
          <EmptyState title="No learners match these filters" action={{ href: '/coach', label: 'Show everyone' }}>
            Try another cohort, module or status.
          </EmptyState>
        )}
        {pages > 1 ? (
          <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm">
            {page > 1 ? (
              <Link
                href={caseloadHref({ ...f, page: page - 1 })}
                className={buttonClass({ variant: 'secondary', size: 'sm' })}
              >
                &larr; Previous
              </Link>
            ) : (
              <span />
            )}
            <span className="text-muted">
              Page {page} of {pages}
            </span>
            {page < pages ? (
              <Link
                href={caseloadHref({ ...f, page: page + 1 })}
                className={buttonClass({ variant: 'secondary', size: 'sm' })}
              >
                Next &rarr;
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>

      {trend.points.length ? (
        <Card title={`Progress over the last ${TREND_WEEKS} weeks`} className="mt-6">
          <p className="mb-3 text-sm text-muted">
            Criteria met across {f.cohortId ? 'this cohort' : 'your caseload'}
            {f.moduleSlug ? ` on ${load.modules.find((m) => m.slug === f.moduleSlug)?.code}` : ''}:{' '}
            <strong className="text-ink">{formatNumber(trend.metNow)}</strong> of {formatNumber(trend.total)} now.
          </p>
          <TrendChart trend={trend} />
        </Card>
      ) : null}
    </>
  );
}
