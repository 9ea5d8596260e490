import type { Metadata } from 'next';
import Link from 'next/link';
import { ModuleProgressBar } from '@/components/evidence/ModuleProgressBar';
import { NextStepCard } from '@/components/dashboard/NextStepCard';
import { ReportCard } from '@/components/dashboard/ReportCard';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { learnerHome } from '@/lib/dashboards/learner-home';
import { links } from '@/lib/dashboards/links';
import { Badge } from '@/components/ui/Badge';
import { formatDate, formatDay } from '@/lib/format';
import { TargetList } from '@/components/review/TargetList';
import { buttonClass } from '@/components/ui/Button';
import { claimTargetAction } from '../reviews/actions';
import { WORKSHEET_STATE } from '@/lib/vocabulary';
import { PriorDecisions } from '@/components/record/PriorDecisions';
import { RecordDownload } from '@/components/record/RecordDownload';
import { priorDecisionsFor } from '@/lib/record/imports';
import { hoursSummary } from '@/lib/hours/read';
import { formatDuration } from '@/lib/hours/weeks';

export const metadata: Metadata = { title: 'My progress' };

const WORKSHEET_STATUS: Record<string, { text: string; className: string }> = {
  'not-started': { text: WORKSHEET_STATE['not-started'].label, className: 'text-muted' },
  'in-progress': { text: WORKSHEET_STATE['in-progress'].label, className: 'text-brand-700' },
  'handed-in': { text: WORKSHEET_STATE['handed-in'].label, className: 'text-pending' },
  'changed-since': { text: WORKSHEET_STATE['changed-since'].label, className: 'text-brand-700' },
  commented: { text: WORKSHEET_STATE.commented.label, className: 'text-met' },
};

export default async function LearnerHome() {
  const user = await requireAccess('home.learner');
  const [home, prior, hours] = await Promise.all([
    learnerHome(user),
    priorDecisionsFor(user, user.id),
    hoursSummary(user, user.id, { limit: 1 }),
  ]);
  const [first, ...more] = home.next;
  const { reviews } = home;
  const toSign = reviews.reviews.find((r) => r.status === 'draft' && r.awaiting.includes('learner'));
  const lastLocked = reviews.reviews.find((r) => r.status === 'locked');
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.name.split(' ')[0]}`}
        lead="Your modules, what to do next and what your assessor and coach have said."
      />

      <section aria-labelledby="next-heading" className="mb-6">
        <h2 id="next-heading" className="sr-only">
          What to do next
        </h2>
        <NextStepCard step={first} primary />
        {more.length ? (
          <ul className="mt-3 grid gap-3 md:grid-cols-2">
            {more.slice(0, 2).map((s) => (
              <li key={s.title}>
                <NextStepCard step={s} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="modules-heading">
            <h2 id="modules-heading" className="mb-3 text-lg font-semibold text-brand-900">
              Your progress
            </h2>
            {home.modules.length ? (
              <ul className="space-y-3">
                {home.modules.map((m) => (
                  <li
                    key={m.slug}
                    className="rounded-xl border border-line bg-white p-4 shadow-sm"
                    data-testid={`module-${m.slug}`}
                  >
                    <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                      <h3 className="font-semibold">
                        <Link href={links.module(m.slug)} className="text-brand-700 underline-offset-2 hover:underline">
                          {m.code} {m.title}
                        </Link>
                      </h3>
                      <span className="text-sm tabular-nums text-muted">
                        {m.progress.total ? Math.round((m.progress.met / m.progress.total) * 100) : 0}% met
                      </span>
                    </div>
                    <ModuleProgressBar progress={m.progress} label={`${m.code} ${m.title}`} />
                    <p className="mt-2 text-right text-xs">
                      <Link
                        href={links.export(user.id, m.slug)}
                        aria-label={`Printable record of ${m.code}`}
                        className="text-brand-700 underline-offset-2 hover:underline"
                      >
                        Printable record
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="rounded-xl border border-dashed border-line bg-white p-4 text-muted">
                You are not enrolled on a module with criteria yet.
              </p>
            )}
          </section>

          {home.report ? <ReportCard report={home.report} /> : null}

          <Card title="Badges">
            <p className="text-sm">
              An Open Badge for each unit you complete, signed by this centre: download it or share its public page.
            </p>
            <Link
              href="/learner/badges"
              className={buttonClass({ variant: 'outline', size: 'touch', className: 'mt-3' })}
            >
              My badges
            </Link>
          </Card>

          <Card title="Learning hours">
            <p className="text-sm" data-testid="home-hours">
              {hours.thisWeekMinutes
                ? `${formatDuration(hours.thisWeekMinutes)} logged this week`
                : 'Nothing logged this week'}
              {hours.plan ? `, against a plan of ${formatDuration(hours.plan.minutesPerWeek)} a week` : ''}.
            </p>
            <Link
              href="/learner/hours"
              className={buttonClass({ variant: 'outline', size: 'touch', className: 'mt-3' })}
            >
              Log learning hours
            </Link>
          </Card>

          {home.worksheets.length ? (
            <Card title="Worksheets">
              <ul className="divide-y divide-line">
                {home.worksheets.map((w) => (
                  <li key={w.slug} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span className="min-w-0">
                      <Link
                        href={links.learnerWorksheet(w.slug)}
                        className="font-medium text-brand-700 underline-offset-2 hover:underline"
                      >
                        {w.code} {w.title}
                      </Link>
                      <span className="block text-sm text-muted">
                        {w.sectionsAnswered} of {w.sectionCount} sections answered
                      </span>
                    </span>
                    <span className={`text-sm font-medium ${WORKSHEET_STATUS[w.status]?.className ?? ''}`}>
                      {WORKSHEET_STATUS[w.status]?.text ?? w.status}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>

        <div className="min-w-0 space-y-6">
          <section aria-labelledby="reviews-heading" className="rounded-xl border border-line bg-white p-4 shadow-sm">
            <h2 id="reviews-heading" className="text-lg font-semibold text-brand-900">
              Progress reviews
            </h2>
            <p className="mt-1 text-sm" data-testid="next-review">
              {reviews.nextDue ? (
                <>
                  Your next review with your coach is{' '}
                  {reviews.overdue ? <strong className="text-notyet">overdue: it was due</strong> : 'due'}{' '}
                  <strong>{formatDay(reviews.nextDue)}</strong>.
                </>
              ) : (
                <span className="text-muted">Your coach will arrange your first review.</span>
              )}
            </p>
            {toSign ? (
              <p className="mt-3">
                <Link href={`/reviews/${toSign.id}`} className={buttonClass()}>
                  Read and sign review {toSign.number}
                </Link>
              </p>
            ) : null}
            {reviews.targets.length ? (
              <>
                <h3 className="mt-4 text-sm font-semibold text-brand-900">Your targets</h3>
                <TargetList targets={reviews.targets} learnerId={user.id} claim={claimTargetAction} />
              </>
            ) : null}
            {lastLocked ? (
              <p className="mt-2 text-sm">
                <Link href={`/reviews/${lastLocked.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                  Your last review ({lastLocked.heldOn ? formatDay(lastLocked.heldOn) : `review ${lastLocked.number}`})
                </Link>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="feedback-heading" className="min-w-0">
            <h2 id="feedback-heading" className="mb-3 text-lg font-semibold text-brand-900">
              Recent feedback
            </h2>
            {home.feedback.length ? (
              <ol className="space-y-3">
                {home.feedback.map((f) => (
                  <li key={f.id} className="rounded-xl border border-line bg-white p-4 shadow-sm">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="text-sm font-semibold">{f.criterionLabel}</span>
                      <Badge
                        tone={f.outcome === 'met' ? 'met' : 'notyet'}
                        size="xs"
                        outlined={false}
                        icon={<span aria-hidden="true">{f.outcome === 'met' ? '\u2713' : '!'}</span>}
                      >
                        {f.outcome === 'met' ? 'Met' : 'Not yet met'}
                      </Badge>
                    </div>
                    <p className="mt-2 whitespace-pre-line text-sm">{f.feedback}</p>
                    <p className="mt-2 text-xs text-muted">
                      {f.assessorName}, {formatDate(new Date(f.at))}
                    </p>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="rounded-xl border border-dashed border-line bg-white p-4 text-sm text-muted">
                When your assessor judges your evidence, their feedback appears here.
              </p>
            )}
          </section>
        </div>
      </div>
      <PriorDecisions decisions={prior} />
      <RecordDownload learnerId={user.id} own />
    </>
  );
}
