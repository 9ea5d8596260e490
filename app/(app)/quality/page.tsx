import type { Metadata } from 'next';
import Link from 'next/link';
import { AgreementChart } from '@/components/quality/AgreementChart';
import { DrawSampleForm } from '@/components/quality/DrawSampleForm';
import { PlanEditing } from '@/components/quality/PlanEditing';
import { VerdictBadge } from '@/components/quality/VerdictBadge';
import { Badge } from '@/components/ui/Badge';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { formatDateTime, formatDay, plural } from '@/lib/format';
import { orPageError } from '@/lib/errors';
import { getQualityHome } from '@/lib/qa/pages';
import { getPlanEditor } from '@/lib/qa/plan';
import { drawSampleAction, savePlanAction } from './actions';

export const metadata: Metadata = { title: 'Quality assurance' };

/** The last day of a period stored as [from, to). */
const lastDay = (to: string) => new Date(Date.parse(to) - 1).toISOString().slice(0, 10);

export default async function QualityHomePage() {
  const user = await requireAccess('quality');
  const cohorts = await orPageError(getQualityHome(user));
  const editors = await orPageError(Promise.all(cohorts.map((c) => getPlanEditor(user, c.id))));
  return (
    <>
      <PageHeader
        title="Quality assurance"
        lead="The cohorts you quality-assure: their sampling plan, the samples drawn, open actions and what the samples cover. You never sample your own assessment decisions."
      />
      <div className="space-y-10">
        {cohorts.map((c, n) => {
          const editor = editors[n]!;
          const overdue = c.openActions.filter((a) => a.overdue);
          return (
            <section key={c.id} aria-labelledby={`cohort-${c.id}`} className="space-y-4">
              <h2 id={`cohort-${c.id}`} className="text-xl font-semibold text-brand-900">
                {c.name}
              </h2>

              <div className="grid gap-4 lg:grid-cols-2">
                <div className="rounded-xl border border-line bg-white p-4 shadow-sm">
                  <h3 className="font-semibold text-brand-900">Sampling plan</h3>
                  {c.plan ? (
                    <>
                      <p className="mt-1 text-sm text-muted">
                        {c.plan.name}, version {c.plan.version} (since {formatDateTime(c.plan.createdAt)})
                      </p>
                      <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm">
                        {c.plan.rulesInWords.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <p className="mt-1 text-sm text-muted">
                      No plan yet: a sample cannot be drawn until the cohort has one.
                    </p>
                  )}
                  <PlanEditing editor={editor} action={savePlanAction} />
                </div>
                <div className="rounded-xl border border-line bg-white p-4 shadow-sm">
                  <h3 className="mb-2 font-semibold text-brand-900">Draw a sample</h3>
                  <DrawSampleForm
                    cohortId={c.id}
                    defaultFrom={c.defaultPeriod.from}
                    defaultTo={c.defaultPeriod.to}
                    action={drawSampleAction}
                  />
                </div>
              </div>

              <div className="rounded-xl border border-line bg-white p-4 shadow-sm">
                <h3 className="font-semibold text-brand-900">
                  Open actions{' '}
                  {overdue.length ? (
                    <Badge tone="notyet" className="ml-2">
                      {overdue.length} overdue
                    </Badge>
                  ) : null}
                </h3>
                {c.openActions.length ? (
                  <ul className="mt-2 divide-y divide-line text-sm">
                    {c.openActions.map((a) => (
                      <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                        <span className="min-w-0">
                          <Link
                            href={`/quality/items/${a.itemId}`}
                            className="font-medium text-brand-700 underline-offset-2 hover:underline"
                          >
                            {a.text}
                          </Link>
                          <span className="block text-muted">
                            {a.assessorName} · {a.learnerName} · {a.subject}
                          </span>
                        </span>
                        {a.responded ? <Badge tone="brand">Assessor responded</Badge> : null}
                        {a.overdue ? (
                          <Badge tone="notyet">Overdue: due {formatDay(a.dueOn)}</Badge>
                        ) : (
                          <Badge tone="muted">Due {formatDay(a.dueOn)}</Badge>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1 text-sm text-muted">No open actions.</p>
                )}
              </div>

              {c.countersignRequired || c.awaitingCountersignature.length ? (
                <div className="rounded-xl border border-line bg-white p-4 shadow-sm">
                  <h3 className="font-semibold text-brand-900">Sign-offs awaiting countersignature</h3>
                  <p className="text-sm text-muted">
                    {c.countersignRequired
                      ? 'This cohort requires your countersignature before a signed-off unit counts as complete.'
                      : 'This cohort does not require countersigning; you may still countersign.'}
                  </p>
                  {c.awaitingCountersignature.length ? (
                    <ul className="mt-2 divide-y divide-line text-sm">
                      {c.awaitingCountersignature.map((a) => (
                        <li key={a.decisionId} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                          <Link
                            href={`/quality/sign-offs/${a.decisionId}`}
                            className="font-medium text-brand-700 underline-offset-2 hover:underline"
                          >
                            {a.unit} report of {a.learnerName}, version {a.versionNumber}
                          </Link>
                          <span className="text-muted">
                            signed off by {a.assessorName}, {formatDateTime(a.decidedAt)}
                            {a.own ? ' (your own: another IQA countersigns)' : ''}
                          </span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="mt-1 text-sm text-muted">Nothing awaits your countersignature.</p>
                  )}
                </div>
              ) : null}

              <div className="rounded-xl border border-line bg-white p-4 shadow-sm">
                <h3 className="font-semibold text-brand-900">Samples</h3>
                {c.samples.length ? (
                  <div className="mt-2 space-y-3">
                    {c.samples.map((s) => (
                      <details key={s.id} className="rounded-lg border border-line" open={s === c.samples[0]}>
                        <summary className="cursor-pointer px-3 py-2 text-sm">
                          <span className="font-semibold">Drawn {formatDateTime(s.drawnAt)}</span> by {s.drawnBy} ·
                          period {formatDay(s.periodFrom.slice(0, 10))} to {formatDay(lastDay(s.periodTo))} ·{' '}
                          {plural(s.items.length, 'item')} of {plural(s.candidateCount, 'decision')}
                        </summary>
                        {s.items.length ? (
                          <ul className="divide-y divide-line border-t border-line text-sm">
                            {s.items.map((i) => (
                              <li
                                key={i.id}
                                className="flex flex-col items-start gap-1 px-3 py-2 sm:flex-row sm:justify-between sm:gap-2"
                              >
                                <span className="min-w-0 flex-1">
                                  <Link
                                    href={`/quality/items/${i.id}`}
                                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                                  >
                                    {i.subject}
                                  </Link>
                                  <span className="block text-muted">
                                    Assessor {i.assessorName} · learner {i.learnerName}
                                  </span>
                                  <span className="block text-muted">
                                    Why: {i.reasons.map((r) => r.text).join(' ')}
                                  </span>
                                </span>
                                <VerdictBadge verdict={i.verdict} />
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <p className="border-t border-line px-3 py-2 text-sm text-muted">
                            Nothing was drawn: no decisions by others in the period.
                          </p>
                        )}
                      </details>
                    ))}
                  </div>
                ) : (
                  <p className="mt-1 text-sm text-muted">No sample drawn yet.</p>
                )}
              </div>

              <div className="rounded-xl border border-line bg-white p-4 shadow-sm">
                <h3 className="font-semibold text-brand-900">Agreement with assessors</h3>
                <AgreementChart cohortName={c.name} agreement={c.agreement} />
              </div>

              <div className="rounded-xl border border-line bg-white p-4 shadow-sm">
                <h3 className="font-semibold text-brand-900">Coverage</h3>
                {c.coveragePeriod ? (
                  <>
                    <p className="mt-1 text-sm text-muted">
                      Decisions made from {formatDay(c.coveragePeriod.from.slice(0, 10))} to{' '}
                      {formatDay(lastDay(c.coveragePeriod.to))} (the periods sampled so far), and how many were sampled.
                    </p>
                    <div className="mt-2 overflow-x-auto">
                      <table className="w-full min-w-[32rem] text-left text-sm">
                        <caption className="sr-only">Coverage of {c.name}: assessor by module and stage</caption>
                        <thead>
                          <tr className="border-b border-line text-muted">
                            <th scope="col" className="py-1.5 pr-3 font-medium">
                              Assessor
                            </th>
                            <th scope="col" className="py-1.5 pr-3 font-medium">
                              Module
                            </th>
                            <th scope="col" className="py-1.5 pr-3 font-medium">
                              Stage
                            </th>
                            <th scope="col" className="py-1.5 pr-3 text-right font-medium">
                              Sampled
                            </th>
                            <th scope="col" className="py-1.5 text-right font-medium">
                              In period
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {c.coverage.map((r) => (
                            <tr
                              key={`${r.assessorId}-${r.moduleSlug}-${r.stage}`}
                              className="border-b border-line last:border-0"
                            >
                              <th scope="row" className="py-1.5 pr-3 font-medium">
                                {r.assessorName}
                              </th>
                              <td className="py-1.5 pr-3">{r.moduleName}</td>
                              <td className="py-1.5 pr-3">
                                {r.stage === 'interim' ? 'Interim (criterion)' : 'Summative (sign-off)'}
                              </td>
                              <td className="py-1.5 pr-3 text-right tabular-nums">
                                {r.sampled > 0 ? (
                                  r.sampled
                                ) : r.own ? (
                                  <Badge tone="muted">0 · yours: another IQA’s</Badge>
                                ) : (
                                  <Badge tone="pending">0 · not yet</Badge>
                                )}
                              </td>
                              <td className="py-1.5 text-right tabular-nums">{r.inPeriod}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </>
                ) : (
                  <p className="mt-1 text-sm text-muted">Coverage is shown once a sample has been drawn.</p>
                )}
              </div>
            </section>
          );
        })}
      </div>
      {cohorts.length === 0 ? <EmptyState title="No cohorts to quality-assure" /> : null}
    </>
  );
}
