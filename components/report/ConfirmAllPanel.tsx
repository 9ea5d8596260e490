'use client';
import { useId, useMemo, useState } from 'react';
import type { ActionResult } from '@/lib/action';
import { formatNumber, plural } from '@/lib/format';
import type { DecisionResult } from '@/lib/reports/assess';
import { confirmAllBlockers, confirmAllProposal } from '@/lib/reports/checks';
import { shortHash } from '@/lib/reports/format';
import { SIGNOFF_DECLARATION, type AssessmentData, type ReportUnit, type SignOffBasis } from '@/lib/reports/types';
import { buttonClass } from '@/components/ui/Button';
import { Declaration } from '@/components/ui/Declaration';
import { Outcome, type NotesEngine, type VersionRef } from './DecisionSection';
import { CheckIcon, SpinnerIcon } from './icons';
import { useRecordDecision } from './useRecordDecision';

const MARK = { covered: 'covered', discussion: 'covered in discussion', not_relevant: 'not relevant' } as const;

export type ConfirmAllAction = (input: {
  learnerId: string;
  versionId: string;
  contentHash: string;
  data: AssessmentData;
  declared: true;
}) => Promise<ActionResult<DecisionResult>>;

/**
 * Confirm-all (issue 24): for a report that meets everything, each criterion listed with the report's own sections the
 * learner linked to it (links into the text beside it) and the evidence mapped to it, what will be recorded spelled out,
 * and one declaration and one button that sign it off. Nothing is inferred on the server: what is listed here is what is
 * sent, and each criterion is still recorded as its own decision. Criteria with nothing to point at, or judged not yet
 * met in the notes, leave the per-criterion cards below as the way.
 */
export function ConfirmAllPanel(p: {
  unit: ReportUnit;
  basis: SignOffBasis;
  data: AssessmentData;
  learnerId: string;
  version: VersionRef;
  rangeProblem: string | null;
  engine: NotesEngine;
  confirm: ConfirmAllAction;
}) {
  const id = useId();
  const [declared, setDeclared] = useState(false);
  const { busy, outcome, send } = useRecordDecision<'confirm'>(p.engine);
  const blockers = useMemo(() => confirmAllBlockers(p.unit, p.basis, p.data), [p.unit, p.basis, p.data]);
  const proposal = useMemo(() => confirmAllProposal(p.unit, p.basis, p.data), [p.unit, p.basis, p.data]);
  const criteria = p.unit.outcomes.flatMap((o) => o.criteria);
  const items = criteria.flatMap((c) => c.range.flatMap((b) => b.items));
  const marks = Object.values(proposal.data.range);
  const tally = (m: string) => marks.filter((x) => x === m).length;
  const discussion = tally('discussion');
  const notRelevant = tally('not_relevant');

  const confirm = () =>
    send(
      'confirm',
      () =>
        p.confirm({
          learnerId: p.learnerId,
          versionId: p.version.id,
          contentHash: p.version.contentHash,
          data: proposal.data,
          declared: true,
        }),
      'Your sign-off',
    );

  return (
    <section
      aria-labelledby={`${id}-t`}
      className="rounded-xl border-2 border-met/40 bg-white p-4 shadow-sm sm:p-5"
      data-testid="confirm-all"
    >
      <h3 id={`${id}-t`} className="text-base font-semibold text-brand-900">
        Sign off in one step
      </h3>
      {blockers.length || p.rangeProblem ? (
        <>
          <p className="mt-1 text-sm">
            Confirming every criterion at once is for a report that meets everything. Not this time:
          </p>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-notyet" data-testid="confirm-all-blockers">
            {p.rangeProblem ? <li>{p.rangeProblem}</li> : null}
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-muted">Judge each criterion on its card below, then decide.</p>
        </>
      ) : (
        <>
          <p className="mt-1 text-sm">
            Every criterion has a section of the report linked to it or evidence mapped to it. Check each against the
            report (the links take you to the section), then confirm them all: each criterion is still recorded as its
            own decision. Anything not met: judge it on its card below instead.
          </p>
          <ol className="mt-3 divide-y divide-line text-sm" aria-label="Criteria to confirm">
            {criteria.map((c) => {
              const b = p.basis[c.id]!;
              const own = c.range.flatMap((x) => x.items);
              const pre = own.filter((i) => proposal.premarked.has(i.id)).length;
              return (
                <li key={c.id} className="py-2" data-confirm-criterion={c.number}>
                  <p>
                    <span className="font-semibold text-brand-700">{c.number}</span> {c.text}
                  </p>
                  <p className="mt-0.5 text-muted">
                    {b.sections.length ? (
                      <>
                        Report:{' '}
                        {b.sections.map((s, i) => (
                          <span key={s.index}>
                            {i ? '; ' : ''}
                            <a
                              href={`#r-${s.index}`}
                              className="font-medium text-brand-700 underline underline-offset-2"
                            >
                              {s.heading}
                            </a>
                          </span>
                        ))}
                      </>
                    ) : null}
                    {b.sections.length && b.evidence.length ? ' · ' : null}
                    {b.evidence.length ? <>Evidence: {b.evidence.map((e) => e.title).join('; ')}</> : null}
                  </p>
                  {own.length ? (
                    <details className="mt-0.5 text-muted">
                      <summary className="min-h-6 cursor-pointer">
                        Range: {own.length - pre ? `${own.length - pre} marked by you${pre ? ', ' : ''}` : ''}
                        {pre ? `${pre} pre-marked covered` : ''}
                      </summary>
                      <ul className="mt-1 space-y-0.5 pl-4 text-ink">
                        {own.map((i) => (
                          <li key={i.id}>
                            {i.text}: {MARK[proposal.data.range[i.id]!]}
                            {proposal.premarked.has(i.id) ? ' (pre-marked)' : ''}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <div className="mt-3 rounded-lg bg-canvas p-3 text-sm">
            <p className="font-semibold">What will be recorded</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="confirm-all-summary">
              <li>
                {criteria.length} decisions of “met”, one per criterion, each citing version {p.version.number}
              </li>
              <li>
                {plural(items.length, 'range mark')}: {formatNumber(tally('covered'))} covered
                {proposal.premarked.size ? ` (${formatNumber(proposal.premarked.size)} pre-marked here)` : ''}
                {discussion ? `, ${formatNumber(discussion)} in discussion` : ''}
                {notRelevant ? `, ${formatNumber(notRelevant)} not relevant` : ''}
              </li>
              <li>
                The sign-off of version {p.version.number}, bound to its text (fingerprint{' '}
                <code className="font-mono">{shortHash(p.version.contentHash)}</code>) and its{' '}
                {formatNumber(p.version.countedWords)} counted words
                {p.data.feedback.trim() ? ', with your feedback below' : ''}
              </li>
            </ul>
          </div>
          <Declaration className="mt-3" text={SIGNOFF_DECLARATION} checked={declared} onChange={setDeclared} />
          <button
            type="button"
            className={`${buttonClass({ size: 'touch' })} mt-3`}
            disabled={!declared || busy !== null}
            onClick={() => void confirm()}
          >
            {busy ? <SpinnerIcon /> : <CheckIcon />}
            Confirm all {criteria.length} met and sign off version {p.version.number}
          </button>
        </>
      )}
      <Outcome outcome={outcome} />
    </section>
  );
}
