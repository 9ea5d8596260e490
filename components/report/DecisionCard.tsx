import { formatDate, formatDateTime } from '@/lib/format';
import { shortHash, words } from '@/lib/reports/format';
import type { DecisionView, ReportUnit } from '@/lib/reports/types';
import { CheckIcon, LockIcon, WarningIcon } from './icons';

const MARK_LABEL = {
  covered: 'Covered in the report',
  discussion: 'Covered in professional discussion',
  not_relevant: "Not relevant to the learner's organisation",
} as const;

/**
 * An assessor's decision on one version: the overall feedback, each criterion's judgement and feedback,
 * how the range was covered, and any professional discussion. Shown beside the version it was about.
 */
export function DecisionCard({
  decision,
  unit,
  versionNumber,
  headingLevel = 'h2',
}: {
  decision: DecisionView;
  unit: ReportUnit;
  versionNumber: number;
  headingLevel?: 'h2' | 'h3';
}) {
  const H = headingLevel;
  const signed = decision.outcome === 'signed_off';
  const byAc = new Map(decision.acJudgements.map((j) => [j.acId, j]));
  const rangeItems = unit.outcomes.flatMap((o) =>
    o.criteria.flatMap((c) => c.range.flatMap((b) => b.items.map((i) => ({ ...i, ac: c.number })))),
  );
  const notRelevant = rangeItems.filter((i) => decision.rangeMarks[i.id] === 'not_relevant');
  const viaDiscussion = rangeItems.filter((i) => decision.rangeMarks[i.id] === 'discussion');
  const covered = rangeItems.filter((i) => decision.rangeMarks[i.id] === 'covered');

  return (
    <section
      aria-labelledby={`decision-${decision.id}`}
      className={`rounded-xl border-2 bg-white p-4 shadow-sm sm:p-5 ${signed ? 'border-met/40' : 'border-notyet/40'}`}
      data-testid="decision"
    >
      <H
        id={`decision-${decision.id}`}
        className={`flex items-center gap-2 text-lg font-semibold ${signed ? 'text-met' : 'text-notyet'}`}
      >
        {signed ? <LockIcon className="size-5" /> : <WarningIcon className="size-5" />}
        {signed ? `Version ${versionNumber} signed off` : `Version ${versionNumber} referred back`}
      </H>
      <p className="mt-1 text-sm text-muted">
        By {decision.assessorName} on {formatDateTime(decision.decidedAt)} · {words(decision.countedWords)} counted
        {signed ? (
          <>
            {' '}
            · text fingerprint{' '}
            <code className="font-mono" title={decision.contentHash}>
              {shortHash(decision.contentHash)}
            </code>
          </>
        ) : null}
      </p>
      {signed && decision.countersignature ? (
        <p className="mt-1 text-sm text-met" data-testid="countersignature">
          Countersigned by {decision.countersignature.iqaName}, internal quality assurer, on{' '}
          {formatDateTime(decision.countersignature.at)} (same text fingerprint).
        </p>
      ) : null}
      {decision.feedback ? (
        <blockquote
          className="mt-3 whitespace-pre-line rounded-lg bg-canvas px-4 py-3 text-[15px] leading-relaxed"
          data-testid="decision-feedback"
        >
          {decision.feedback}
        </blockquote>
      ) : null}

      {decision.acJudgements.length ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold text-brand-900">Assessment criteria</h3>
          <ul className="mt-2 divide-y divide-line rounded-lg border border-line">
            {unit.outcomes
              .flatMap((o) => o.criteria)
              .filter((c) => byAc.has(c.id))
              .map((c) => {
                const j = byAc.get(c.id)!;
                const met = j.outcome === 'met';
                return (
                  <li key={c.id} className="px-3 py-2 text-sm">
                    <div className="flex flex-wrap items-baseline gap-x-2">
                      <span
                        className={`inline-flex items-center gap-1 font-semibold ${met ? 'text-met' : 'text-notyet'}`}
                      >
                        {met ? <CheckIcon className="size-3.5" /> : <WarningIcon className="size-3.5" />}
                        {c.number} {met ? 'Met' : 'Not yet met'}
                      </span>
                      <span className="text-muted">{c.text}</span>
                    </div>
                    {j.feedback ? <p className="mt-1 whitespace-pre-line text-ink">{j.feedback}</p> : null}
                  </li>
                );
              })}
          </ul>
        </div>
      ) : null}

      {Object.keys(decision.rangeMarks).length ? (
        <div className="mt-4 text-sm">
          <h3 className="font-semibold text-brand-900">Range</h3>
          <p className="mt-1 text-muted">
            {covered.length} covered in the report · {viaDiscussion.length} in professional discussion ·{' '}
            {notRelevant.length} not relevant to the organisation
          </p>
          {[
            ['discussion', viaDiscussion],
            ['not_relevant', notRelevant],
          ].map(([mark, items]) =>
            (items as typeof rangeItems).length ? (
              <p key={mark as string} className="mt-1">
                <span className="font-medium">{MARK_LABEL[mark as 'discussion']}:</span>{' '}
                {(items as typeof rangeItems).map((i) => `${i.ac} ${i.text}`).join('; ')}
              </p>
            ) : null,
          )}
        </div>
      ) : null}

      {decision.discussion.notes ? (
        <div className="mt-4 text-sm">
          <h3 className="font-semibold text-brand-900">
            Professional discussion{decision.discussion.heldOn ? `, ${formatDate(decision.discussion.heldOn)}` : ''}
          </h3>
          {decision.discussion.acIds.length ? (
            <p className="text-muted">Covers {decision.discussion.acIds.map((id) => id.split('/').pop()).join(', ')}</p>
          ) : null}
          <p className="mt-1 whitespace-pre-line">{decision.discussion.notes}</p>
        </div>
      ) : null}

      {decision.declaration ? (
        <p className="mt-4 rounded-lg border border-met/30 bg-met/5 px-3 py-2 text-sm">
          <span className="font-semibold">Assessor&apos;s declaration:</span> {decision.declaration}
        </p>
      ) : null}
    </section>
  );
}
