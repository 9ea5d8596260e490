import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ItemStatusBadge } from '@/components/evidence/ItemStatusBadge';
import { KindTag } from '@/components/evidence/KindTag';
import { ModuleProgressBar } from '@/components/evidence/ModuleProgressBar';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { coachLearnerView } from '@/lib/dashboards/coach-learner';
import { links } from '@/lib/dashboards/links';
import { buttonClass } from '@/components/ui/Button';
import { orPageError } from '@/lib/errors';
import { formatAgo, formatDate, formatNumber } from '@/lib/format';
import { hoursSummary } from '@/lib/hours/read';
import { isUuid } from '@/lib/ids';
import { ActionButton } from '@/components/review/ActionButton';
import { HoursPanel } from '@/components/hours/HoursPanel';
import { ReviewList } from '@/components/review/ReviewList';
import { TargetList } from '@/components/review/TargetList';
import { mayHoldReviews, reviewSummary } from '@/lib/reviews/read';
import { confirmTargetAction, startReviewAction } from '../../../reviews/actions';
import { REPORT_STATE } from '@/lib/vocabulary';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Learner' };

export default async function CoachLearnerPage({ params }: { params: Promise<{ learnerId: string }> }) {
  const user = await requireAccess('coaching');
  const { learnerId } = await params;
  if (!isUuid(learnerId)) notFound();
  const view = await orPageError(coachLearnerView(user, learnerId));
  const [reviews, holds, hours] = await Promise.all([
    reviewSummary(user, learnerId),
    mayHoldReviews(user, learnerId),
    hoursSummary(user, learnerId, { limit: 5 }),
  ]);
  const openReview = reviews.reviews.find((r) => r.status === 'draft');
  const { portfolio } = view;
  const now = new Date();
  const anyRecorded = portfolio.modules.some((m) => m.progress.noEvidence < m.progress.total);
  const waiting = view.worksheets.flatMap((w) =>
    w.submissions.filter((s, i) => i === 0 && s.comments === 0).map((s) => ({ ...s, title: w.title })),
  );

  return (
    <>
      <BackLink href="/coach">Caseload</BackLink>
      <PageHeader
        title={portfolio.learner.name}
        lead={
          <>
            Read-only view for coaching. Last active{' '}
            {view.lastActivity ? (
              <time dateTime={view.lastActivity}>{formatAgo(new Date(view.lastActivity), now)}</time>
            ) : (
              'never'
            )}
            .
          </>
        }
      >
        {waiting[0] ? (
          <Link href={links.handIn(waiting[0].id)} className={buttonClass()}>
            Review {waiting[0].title}
          </Link>
        ) : null}
      </PageHeader>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-4">
          <h2 className="text-lg font-semibold text-brand-900">Evidence and judgements</h2>
          {portfolio.modules.length === 0 ? (
            <p className="text-muted">Not enrolled on a module with criteria.</p>
          ) : null}
          {portfolio.modules.map((m, index) => (
            // Modules with something recorded start open; with nothing anywhere, the first does.
            <details
              key={m.slug}
              open={m.progress.noEvidence < m.progress.total || (!anyRecorded && index === 0)}
              className="group rounded-xl border border-line bg-white shadow-sm"
            >
              <summary className="cursor-pointer list-none p-4">
                <span className="font-semibold text-brand-900">
                  <span aria-hidden="true" className="mr-1 inline-block transition-transform group-open:rotate-90">
                    &#9656;
                  </span>
                  {m.code} {m.title}
                </span>
                <span className="mt-2 block">
                  <ModuleProgressBar progress={m.progress} label={`${m.code} ${m.title}`} />
                </span>
              </summary>
              <ul className="divide-y divide-line border-t border-line">
                {m.items.map((it) => (
                  <li key={it.criterion.id} className="px-4 py-3">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <p className="min-w-0 text-sm">
                        <strong className="font-semibold">{it.criterion.label}</strong> {it.criterion.text}
                      </p>
                      <ItemStatusBadge status={it.status.status} />
                    </div>
                    {it.evidence.length ? (
                      <ul className="mt-2 space-y-1">
                        {it.evidence.map((e) => (
                          <li key={e.id} className="flex flex-wrap items-center gap-2 text-sm">
                            <KindTag kind={e.kind} />
                            <Link
                              href={links.evidence(e.id)}
                              className="text-brand-700 underline-offset-2 hover:underline"
                            >
                              {e.title}
                            </Link>
                            <span className="text-xs text-muted">{formatDate(e.occurredOn)}</span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {it.judgements[0] ? (
                      <div className="mt-2 rounded-md bg-canvas px-3 py-2 text-sm">
                        <p>
                          <span
                            className={
                              it.judgements[0].outcome === 'met'
                                ? 'font-semibold text-met'
                                : 'font-semibold text-notyet'
                            }
                          >
                            <span aria-hidden="true">{it.judgements[0].outcome === 'met' ? '\u2713 ' : '! '}</span>
                            {it.judgements[0].outcome === 'met' ? 'Met' : 'Not yet met'}
                          </span>
                          <span className="text-muted">
                            {' '}
                            &middot; {it.judgements[0].assessorName}, {formatDate(new Date(it.judgements[0].at))}
                            {it.judgements.length > 1
                              ? ` \u00b7 ${it.judgements.length - 1} earlier judgement${it.judgements.length > 2 ? 's' : ''}`
                              : ''}
                          </span>
                        </p>
                        {it.judgements[0].feedback ? (
                          <p className="mt-1 whitespace-pre-line">{it.judgements[0].feedback}</p>
                        ) : null}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </div>

        <div className="min-w-0 space-y-5">
          <Card title="Progress reviews">
            <ReviewList summary={reviews} />
            {holds ? (
              <div className="mt-3">
                {openReview ? (
                  <Link href={`/reviews/${openReview.id}`} className={buttonClass()}>
                    Continue review {openReview.number}
                  </Link>
                ) : (
                  <ActionButton
                    action={startReviewAction}
                    input={{ learnerId }}
                    label="Start a review"
                    pendingLabel={'Opening…'}
                    open
                  />
                )}
              </div>
            ) : null}
            {reviews.targets.length ? (
              <>
                <h3 className="mt-4 text-sm font-semibold text-brand-900">Targets from the last review</h3>
                <TargetList
                  targets={reviews.targets}
                  learnerId={learnerId}
                  confirm={holds ? confirmTargetAction : undefined}
                />
              </>
            ) : null}
          </Card>

          <Card title="Learning hours">
            <HoursPanel summary={hours} entriesShown={5} whose="their" />
          </Card>
          <Card title="Worksheets">
            {view.worksheets.length ? (
              view.worksheets.map((w) => (
                <div key={w.slug} className="mb-3 last:mb-0">
                  <p className="font-medium">
                    {w.code} {w.title}
                  </p>
                  {w.submissions.length ? (
                    <ul className="mt-1 space-y-1">
                      {w.submissions.map((s, i) => (
                        <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                          <Link href={links.handIn(s.id)} className="text-brand-700 underline-offset-2 hover:underline">
                            Hand-in {s.number}, {formatDate(new Date(s.submittedAt))}
                          </Link>
                          {s.comments ? (
                            <span className="text-met">
                              <span aria-hidden="true">{'\u2713 '}</span>
                              {s.comments} comment{s.comments === 1 ? '' : 's'}
                            </span>
                          ) : i === 0 ? (
                            <span className="font-semibold text-brand-700">Waiting for your review</span>
                          ) : (
                            <span className="text-muted">No comments</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-sm text-muted">Not handed in yet.</p>
                  )}
                </div>
              ))
            ) : (
              <p className="text-sm text-muted">Not enrolled on a worksheet.</p>
            )}
          </Card>

          {view.report ? (
            <Card title="Portfolio report">
              <p className="text-sm">
                <strong>{REPORT_STATE[view.report.status].label}</strong>
              </p>
              <p className="mt-1 text-sm text-muted">
                Draft: {formatNumber(view.report.draftWords)} words counted ({formatNumber(view.report.minWords)}&ndash;
                {formatNumber(view.report.maxWords)} needed).
              </p>
              {view.report.versions.length ? (
                <ul className="mt-2 space-y-1 text-sm">
                  {view.report.versions.map((v) => (
                    <li key={v.number}>
                      Version {v.number}: {formatNumber(v.countedWords)} words, {formatDate(new Date(v.submittedAt))}
                      {v.decision
                        ? ` \u2014 ${v.decision === 'signed_off' ? 'signed off' : 'referred'}`
                        : ' \u2014 awaiting decision'}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Card>
          ) : null}

          <Card title="Printable records">
            <p className="mb-2 text-sm text-muted">
              The full record of each module, for printing or external quality assurance.
            </p>
            <ul className="space-y-1 text-sm">
              {view.enrolled.map((m) => (
                <li key={m.slug}>
                  <Link href={links.export(portfolio.learner.id, m.slug)} className="text-brand-700 underline">
                    {m.code} {m.title}
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </>
  );
}
