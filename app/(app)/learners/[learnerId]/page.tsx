import type { Metadata } from 'next';
import Link from 'next/link';
import { LazyEvidenceForm } from '@/components/evidence/LazyEvidenceForm';
import { Flash } from '@/components/evidence/Flash';
import { ItemStatusBadge } from '@/components/evidence/ItemStatusBadge';
import { JudgementForm } from '@/components/evidence/JudgementForm';
import { JudgementHistory } from '@/components/evidence/JudgementHistory';
import { KindTag } from '@/components/evidence/KindTag';
import { WitnessConfirmationNote } from '@/components/links/WitnessConfirmationNote';
import { QualityReviewMarker } from '@/components/evidence/QualityReviewMarker';
import { WordingChangedMarker } from '@/components/evidence/WordingChangedMarker';
import { ModuleProgressBar } from '@/components/evidence/ModuleProgressBar';
import { StatusLegend } from '@/components/evidence/StatusLegend';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { blankValues, formLimits } from '@/lib/evidence/form-data';
import { LIMITS } from '@/lib/evidence/input';
import { ASSESSOR_KIND_IDS } from '@/lib/evidence/kinds';
import { orPageError } from '@/lib/errors';
import { learnerPortfolio, type PortfolioItem } from '@/lib/evidence/portfolio';
import { formatBytes } from '@/lib/files/names';
import { can, hasAccess } from '@/lib/permissions';
import { PriorDecisions } from '@/components/record/PriorDecisions';
import { RecordDownload } from '@/components/record/RecordDownload';
import { priorDecisionsFor } from '@/lib/record/imports';
import { judgeCriterion } from './actions';
import { formatDate, formatDay, plural } from '@/lib/format';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Learner portfolio' };

const anchor = (id: string) => id.replaceAll('/', '-');

export default async function LearnerPortfolioPage({ params }: { params: Promise<{ learnerId: string }> }) {
  const user = await requireAccess('learner.portfolio');
  const { learnerId } = await params;
  const p = await orPageError(learnerPortfolio(user, learnerId));
  const [prior, canExport] = await Promise.all([
    priorDecisionsFor(user, p.learner.id),
    can(user, 'record.export', p.learner.id),
  ]);
  // The marker "under quality review" links to the assessor's own QA feedback, a page only assessors have.
  const feedbackHref = hasAccess(user.role, 'quality.feedback') ? '/quality/feedback' : undefined;
  // A signed-off unit's criteria are final, so nothing in it waits for a judgement.
  const waiting = (m: (typeof p.modules)[number]) => (m.signedOff ? 0 : m.progress.submitted);
  const awaiting = p.modules.reduce((n, m) => n + waiting(m), 0);
  // Modules with something to judge come first; otherwise the content's own order.
  const modules = [...p.modules].sort((a, b) => Number(waiting(b) > 0) - Number(waiting(a) > 0));

  return (
    <>
      {user.role !== 'admin' ? <BackLink href="/assessor/learners">My learners</BackLink> : null}
      <PageHeader
        title={p.learner.name}
        lead={
          p.can.judge
            ? `${plural(awaiting, 'criterion', 'criteria')} with evidence awaiting your judgement. In each module they come first; judge each one here and the list moves on.`
            : 'Read-only: the learner’s criteria, evidence and judgements.'
        }
      >
        {p.can.record ? (
          <a
            href="#record"
            className="rounded-md border border-brand-500 bg-white px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50"
          >
            Record an observation or discussion
          </a>
        ) : null}
      </PageHeader>
      <StatusLegend compact className="mb-6" />

      {modules.length === 0 ? (
        <EmptyState title="Not enrolled on any module with criteria">
          Ask an administrator to enrol this learner.
        </EmptyState>
      ) : (
        <>
          <nav aria-label="Modules" className="mb-6 flex flex-wrap gap-2">
            {modules.map((m) => (
              <a
                key={m.slug}
                href={`#module-${m.slug}`}
                className="rounded-full border border-line bg-white px-3 py-1 text-sm hover:border-brand-500"
              >
                {m.code}
                {waiting(m) ? <span className="ml-1.5 font-semibold text-pending">{waiting(m)} waiting</span> : null}
              </a>
            ))}
          </nav>
          <div className="space-y-8">
            {modules.map((m) => {
              // A criterion under quality review, or whose wording changed since it was evidenced or judged, stays in
              // view even when it is met, so its marker is seen.
              const open = m.items.filter(
                (i) =>
                  i.status.status === 'evidence_submitted' ||
                  i.status.status === 'not_yet_met' ||
                  i.underQualityReview ||
                  i.wording,
              );
              const met = m.items.filter((i) => i.status.status === 'met' && !i.underQualityReview && !i.wording);
              const empty = m.items.filter((i) => i.status.status === 'no_evidence');
              const row = (i: PortfolioItem) => (
                <CriterionRow
                  key={i.criterion.id}
                  item={i}
                  learnerId={p.learner.id}
                  canJudge={p.can.judge && !m.signedOff}
                  headingId={`module-${m.slug}`}
                  feedbackHref={feedbackHref}
                />
              );
              return (
                <section key={m.slug} aria-labelledby={`module-${m.slug}`} className="scroll-mt-4">
                  <div className="mb-3 rounded-xl border border-line bg-white p-4 shadow-sm">
                    <h2
                      id={`module-${m.slug}`}
                      tabIndex={-1}
                      className="text-lg font-semibold text-brand-900 outline-none"
                    >
                      {m.code} · {m.title}
                    </h2>
                    <div className="mt-2">
                      <ModuleProgressBar progress={m.progress} label={`${m.code} progress`} />
                    </div>
                    {m.signedOff ? <p className="mt-2 text-sm text-muted">{m.signedOff}</p> : null}
                  </div>
                  {open.length ? (
                    <ul className="space-y-3">{open.map(row)}</ul>
                  ) : (
                    <p className="rounded-lg border border-dashed border-line bg-white px-4 py-3 text-sm text-muted">
                      Nothing awaiting judgement in this module.
                    </p>
                  )}
                  {met.length ? (
                    <details className="mt-3 rounded-xl border border-line bg-white">
                      <summary className="cursor-pointer px-4 py-2.5 text-sm font-semibold text-met">
                        <span aria-hidden="true">✓ </span>Met ({met.length})
                      </summary>
                      <ul className="space-y-3 border-t border-line p-3">{met.map(row)}</ul>
                    </details>
                  ) : null}
                  {empty.length ? (
                    <details className="mt-3 rounded-xl border border-line bg-white">
                      <summary className="cursor-pointer px-4 py-2.5 text-sm font-semibold text-muted">
                        No evidence yet ({empty.length})
                      </summary>
                      <ul className="divide-y divide-line border-t border-line">
                        {empty.map((i) => (
                          <li key={i.criterion.id} id={anchor(i.criterion.id)} className="px-4 py-2 text-sm">
                            <span className="font-semibold text-brand-900">{i.criterion.label}</span> {i.criterion.text}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </section>
              );
            })}
          </div>
        </>
      )}

      <PriorDecisions decisions={prior} />
      {canExport ? <RecordDownload learnerId={p.learner.id} own={false} /> : null}

      {p.can.record ? (
        <section
          id="record"
          aria-labelledby="record-heading"
          className="mt-10 scroll-mt-4 rounded-xl border border-line bg-white p-4 shadow-sm sm:p-6"
        >
          <h2 id="record-heading" className="text-lg font-semibold text-brand-900">
            Record an observation or professional discussion
          </h2>
          <p className="mb-4 mt-1 text-sm text-muted">
            It is added to {p.learner.name}’s evidence. Map it to the criteria it covers, then judge them above.
          </p>
          <LazyEvidenceForm
            mode="create"
            kinds={ASSESSOR_KIND_IDS}
            initial={blankValues()}
            learnerId={p.learner.id}
            picker={p.picker}
            worksheets={[]}
            limits={formLimits()}
            afterSave="refresh"
          />
        </section>
      ) : null}
      <Flash />
    </>
  );
}

function CriterionRow({
  item,
  learnerId,
  canJudge,
  headingId,
  feedbackHref,
}: {
  item: PortfolioItem;
  learnerId: string;
  canJudge: boolean;
  headingId: string;
  feedbackHref?: string;
}) {
  const awaiting = item.status.status === 'evidence_submitted';
  const judgementForm = (
    <JudgementForm
      learnerId={learnerId}
      criterionId={item.criterion.id}
      criterionLabel={item.criterion.label}
      evidence={item.evidence.map((e) => ({ id: e.id, title: e.title, isNew: e.newSinceJudgement }))}
      seenSeq={item.seenSeq}
      moduleHeadingId={headingId}
      feedbackMax={LIMITS.feedback}
      judge={judgeCriterion}
    />
  );
  return (
    <li
      id={anchor(item.criterion.id)}
      className={`scroll-mt-4 rounded-xl border bg-white p-3 shadow-sm sm:p-4 ${awaiting ? 'border-pending/40' : 'border-line'}`}
    >
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <h3 className="min-w-0 flex-1 text-sm">
          <span className="font-semibold text-brand-900">{item.criterion.label}</span> {item.criterion.text}
        </h3>
        <span className="order-first flex flex-wrap items-center gap-2 sm:order-none">
          {item.underQualityReview ? <QualityReviewMarker feedbackHref={feedbackHref} /> : null}
          {item.wording ? <WordingChangedMarker changedOn={item.wording.changedOn} /> : null}
          {item.learnerReplied ? (
            <span className="rounded-full bg-brand-100 px-2 py-0.5 text-xs font-semibold text-brand-700">
              Learner replied
            </span>
          ) : null}
          <ItemStatusBadge status={item.status.status} size="md" />
        </span>
      </div>

      {item.wording ? <WordingNote wording={item.wording} /> : null}
      <div className={`mt-3 grid gap-4 ${canJudge ? 'md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]' : ''}`}>
        <div className="min-w-0 space-y-3">
          {item.evidence.length ? (
            <ul className="space-y-2" aria-label={`Evidence for ${item.criterion.label}`}>
              {item.evidence.map((e) => (
                <li key={e.id} className="rounded-lg bg-canvas px-3 py-2 text-sm">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                    <Link
                      href={`/evidence/${e.id}`}
                      className="font-semibold text-brand-700 underline-offset-2 hover:underline"
                    >
                      {e.title}
                    </Link>
                    {e.newSinceJudgement ? (
                      <span className="rounded-full bg-pending/15 px-1.5 text-xs font-semibold text-pending">
                        New since last judgement
                      </span>
                    ) : null}
                    {e.earlierWording ? (
                      <span className="rounded-full bg-pending/15 px-1.5 text-xs font-semibold text-pending">
                        Mapped to the earlier wording
                      </span>
                    ) : null}
                  </div>
                  <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-muted">
                    <KindTag kind={e.kind} />
                    <span>{formatDay(e.occurredOn)}</span>
                    {e.isRecord ? <span>by {e.authorName}</span> : null}
                    {e.file ? (
                      <a href={`/api/files/${e.file.id}`} className="font-medium text-brand-700 underline" download>
                        Download {e.file.name} ({formatBytes(e.file.sizeBytes)})
                      </a>
                    ) : null}
                  </p>
                  {e.witness?.confirmation ? <WitnessConfirmationNote confirmation={e.witness.confirmation} /> : null}
                  {e.note ? <p className="mt-1 whitespace-pre-wrap text-ink">“{e.note}”</p> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted">No current evidence is mapped to this criterion.</p>
          )}
          {item.judgements.length ? (
            <div className="border-t border-line pt-3">
              <JudgementHistory judgements={item.judgements} />
            </div>
          ) : null}
        </div>
        {canJudge ? (
          <div className="min-w-0 rounded-lg border border-line p-3 md:self-start">
            {awaiting ? (
              judgementForm
            ) : (
              <details>
                <summary className="cursor-pointer text-sm font-semibold text-brand-700">
                  {item.wording
                    ? 'Judge again on the new wording'
                    : item.status.status === 'not_yet_met'
                      ? 'Judge again'
                      : 'Change this judgement'}
                </summary>
                <div className="mt-3">{judgementForm}</div>
              </details>
            )}
          </div>
        ) : null}
      </div>
    </li>
  );
}

/** What changed and what to do, under the criterion's wording (which is the new one). */
function WordingNote({ wording }: { wording: NonNullable<PortfolioItem['wording']> }) {
  const n = wording.evidenceIds.length;
  const what = [
    wording.judgedOnEarlierWording ? 'The last judgement was made on the earlier wording.' : '',
    n ? `${plural(n, 'piece', 'pieces')} of evidence ${n === 1 ? 'was' : 'were'} mapped to the earlier wording.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <p className="mt-2 rounded-md bg-pending/10 px-3 py-2 text-sm text-ink">
      The wording of this criterion changed{wording.changedOn ? ` on ${formatDate(wording.changedOn)}` : ''}. {what}{' '}
      Review the evidence against the wording above and judge it again; nothing has been moved or changed.
    </p>
  );
}
