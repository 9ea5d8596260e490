import type { Metadata } from 'next';
import Link from 'next/link';
import { ItemStatusBadge } from '@/components/evidence/ItemStatusBadge';
import { KindTag } from '@/components/evidence/KindTag';
import { WitnessConfirmationNote } from '@/components/links/WitnessConfirmationNote';
import { ModuleProgressBar } from '@/components/evidence/ModuleProgressBar';
import { QualityReviewMarker } from '@/components/evidence/QualityReviewMarker';
import { WordingChangedMarker } from '@/components/evidence/WordingChangedMarker';
import { StatusLegend } from '@/components/evidence/StatusLegend';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { myProgress } from '@/lib/evidence/portfolio';
import { listEvidence } from '@/lib/evidence/read';
import { buttonClass } from '@/components/ui/Button';
import { orPageError } from '@/lib/errors';
import { formatDate, formatDay, plural } from '@/lib/format';

export const metadata: Metadata = { title: 'My evidence' };

export default async function EvidenceLibrary() {
  const user = await requireAccess('own.evidence');
  const [{ items, statuses, reworded }, modules] = await Promise.all([
    orPageError(listEvidence(user, user.id)),
    orPageError(myProgress(user, user.id)),
  ]);

  return (
    <>
      <PageHeader
        title="My evidence"
        lead="Everything you have recorded, the criteria it meets, and what your assessor has decided."
      >
        <div className="flex flex-wrap gap-2">
          {/* First on a phone, where a photo or voice note is quicker than a form. */}
          <Link href="/learner/evidence/capture" className={buttonClass({ variant: 'outline' })}>
            Capture on your phone
          </Link>
          <Link href="/learner/evidence/new" className={buttonClass()}>
            Record evidence
          </Link>
        </div>
      </PageHeader>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="library-heading" className="min-w-0">
          <h2 id="library-heading" className="mb-3 text-lg font-semibold text-brand-900">
            Library <span className="text-base font-normal text-muted">({items.length})</span>
          </h2>
          {items.length === 0 ? (
            <EmptyState
              title="No evidence recorded yet"
              action={{ href: '/learner/evidence/new', label: 'Record your first piece of evidence' }}
            >
              Write an account of something you did, upload a document or photo, or add a witness statement, then choose
              the criteria it meets.
            </EmptyState>
          ) : (
            <ul className="space-y-3">
              {items.map((e) => (
                <li key={e.id}>
                  <article className="rounded-xl border border-line bg-white p-4 shadow-sm">
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <KindTag kind={e.kind} />
                      <span className="text-xs text-muted">{formatDay(e.occurredOn)}</span>
                      {e.isRecord ? <span className="text-xs text-muted">Recorded by {e.authorName}</span> : null}
                    </div>
                    <h3 className="mt-1 text-base font-semibold">
                      <Link href={`/evidence/${e.id}`} className="text-brand-700 hover:underline">
                        {e.title}
                      </Link>
                    </h3>
                    {e.description ? <p className="mt-1 line-clamp-2 text-sm text-muted">{e.description}</p> : null}
                    {e.witness?.confirmation ? <WitnessConfirmationNote confirmation={e.witness.confirmation} /> : null}
                    {e.criteria.length ? (
                      <ul aria-label="Criteria" className="mt-3 flex flex-wrap gap-x-3 gap-y-1.5">
                        {e.criteria.map((c) => (
                          <li key={c.id} className="flex items-center gap-1.5 text-xs">
                            <span className="font-semibold text-ink">{c.label}</span>
                            <ItemStatusBadge status={statuses.get(c.id)?.status ?? 'no_evidence'} />
                            {reworded.get(c.id)?.evidenceIds.includes(e.id) ? (
                              <WordingChangedMarker changedOn={reworded.get(c.id)!.changedOn} />
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="mt-2 text-xs font-medium text-notyet">
                        Not mapped to any criterion yet: open it and choose the criteria it meets.
                      </p>
                    )}
                  </article>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="criteria-heading" className="min-w-0">
          <h2 id="criteria-heading" className="mb-3 text-lg font-semibold text-brand-900">
            Criteria by module
          </h2>
          <details className="mb-4 rounded-xl border border-line bg-white px-4 py-3 shadow-sm">
            <summary className="cursor-pointer text-sm font-semibold text-brand-700">What the statuses mean</summary>
            <StatusLegend className="mt-3" />
          </details>
          {modules.length === 0 ? (
            <EmptyState title="You are not enrolled on a module yet">Ask your administrator to enrol you.</EmptyState>
          ) : (
            <div className="space-y-3">
              {modules.map((m) => (
                <details key={m.slug} className="group rounded-xl border border-line bg-white shadow-sm">
                  <summary className="cursor-pointer list-none p-4">
                    <span className="flex items-start justify-between gap-2">
                      <span className="font-semibold text-brand-900">
                        {m.code} · {m.title}
                      </span>
                      <span aria-hidden="true" className="text-muted transition-transform group-open:rotate-90">
                        ▸
                      </span>
                    </span>
                    <span className="mt-2 block">
                      <ModuleProgressBar progress={m.progress} label={`${m.code} progress`} />
                    </span>
                    {m.items.some((i) => i.wording) ? (
                      <span className="mt-2 block text-sm font-semibold text-pending">
                        {plural(m.items.filter((i) => i.wording).length, 'criterion', 'criteria')} reworded: review
                      </span>
                    ) : null}
                  </summary>
                  <ul className="divide-y divide-line border-t border-line">
                    {m.items.map((i) => (
                      <li key={i.criterion.id} className="px-4 py-3 text-sm">
                        <div className="flex flex-wrap items-start justify-between gap-2">
                          <p className="min-w-0 flex-1">
                            <span className="font-semibold text-brand-900">{i.criterion.label}</span> {i.criterion.text}
                          </p>
                          <ItemStatusBadge status={i.status.status} />
                          {i.underQualityReview ? <QualityReviewMarker /> : null}
                          {i.wording ? <WordingChangedMarker changedOn={i.wording.changedOn} /> : null}
                        </div>
                        {i.wording ? (
                          <p className="mt-1.5 rounded-md bg-pending/10 px-3 py-2 text-ink">
                            The wording of this criterion changed
                            {i.wording.changedOn ? ` on ${formatDate(i.wording.changedOn)}` : ''} after you mapped
                            evidence to it or it was judged. Check that your evidence still shows it as it now reads;
                            your assessor will judge it again. Nothing has been moved or changed.
                          </p>
                        ) : null}
                        {i.underQualityReview ? (
                          <p className="mt-1.5 rounded-md bg-notyet/5 px-3 py-2 text-ink">
                            Your centre’s internal quality assurer is checking your assessor’s decision on this
                            criterion. You do not need to do anything unless your assessor asks you; the decision may
                            change once the check is finished.
                          </p>
                        ) : null}
                        {i.latest?.feedback ? (
                          <p className="mt-1.5 whitespace-pre-wrap rounded-md bg-canvas px-3 py-2 text-ink">
                            <span className="font-semibold">{i.latest.assessorName}:</span> {i.latest.feedback}
                          </p>
                        ) : null}
                        <p className="mt-1.5 text-xs">
                          <span className="text-muted">
                            {plural(i.status.evidenceCount, 'piece', 'pieces')} of evidence
                          </span>
                          {i.status.status !== 'met' ? (
                            <>
                              {' · '}
                              <Link
                                href={`/learner/evidence/new?criterion=${encodeURIComponent(i.criterion.id)}`}
                                className="font-semibold text-brand-700 underline"
                              >
                                Add evidence<span className="sr-only"> for {i.criterion.label}</span>
                              </Link>
                            </>
                          ) : null}
                        </p>
                      </li>
                    ))}
                  </ul>
                </details>
              ))}
            </div>
          )}
        </section>
      </div>
    </>
  );
}
