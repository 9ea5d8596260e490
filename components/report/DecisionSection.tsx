'use client';
import { useId, useMemo, useState } from 'react';
import type { ActionResult } from '@/lib/action';
import { formatNumber } from '@/lib/format';
import type { DecisionResult } from '@/lib/reports/assess';
import { referralProblems, signOffChecks } from '@/lib/reports/checks';
import { SIGNOFF_DECLARATION, type AssessmentData, type ReportUnit } from '@/lib/reports/types';
import { buttonClass } from '@/components/ui/Button';
import { Declaration } from '@/components/ui/Declaration';
import { CheckIcon, SpinnerIcon, WarningIcon } from './icons';
import { textareaClass } from './styles';
import { useRecordDecision } from './useRecordDecision';

export type DecideAction = (input: {
  learnerId: string;
  versionId: string;
  contentHash: string;
  outcome: 'referred' | 'signed_off';
  data: AssessmentData;
  declared?: boolean;
}) => Promise<ActionResult<DecisionResult>>;

/** What the decision panels need of the notes' autosave engine: send what is waiting, then forget the kept copy. */
export interface NotesEngine {
  flush: () => Promise<unknown>;
  discardKept: () => void;
}

export interface VersionRef {
  id: string;
  number: number;
  contentHash: string;
  countedWords: number;
}

/**
 * The end of the assessor's form (AssessmentForm): overall feedback, the live sign-off checklist, the declaration,
 * and the referral or sign-off of the exact version shown. Loaded after the page (issue #19's budget), like the cards.
 */
export function DecisionSection(p: {
  unit: ReportUnit;
  learnerId: string;
  learnerName: string;
  version: VersionRef;
  rangeProblem: string | null;
  data: AssessmentData;
  onFeedback: (feedback: string) => void;
  engine: NotesEngine;
  saved: boolean;
  decide: DecideAction;
}) {
  const id = useId();
  const { data, engine } = p;
  const [declared, setDeclared] = useState(false);
  const { busy, outcome, setOutcome, send } = useRecordDecision<'referred' | 'signed_off'>(engine);
  const checks = useMemo(() => signOffChecks(p.unit, data), [p.unit, data]);
  const referral = useMemo(() => referralProblems(p.unit, data), [p.unit, data]);
  const canSignOff = !p.rangeProblem && checks.every((c) => c.ok) && declared;

  const submitDecision = (which: 'referred' | 'signed_off') => {
    const problems = which === 'referred' ? referral : [];
    if (problems.length) return setOutcome({ ok: false, text: problems.join(' ') });
    return send(
      which,
      () =>
        p.decide({
          learnerId: p.learnerId,
          versionId: p.version.id,
          contentHash: p.version.contentHash,
          outcome: which,
          data,
          declared: which === 'signed_off' ? declared : undefined,
        }),
      'Your decision',
    );
  };

  return (
    <section
      aria-labelledby={`${id}-decision`}
      className="rounded-xl border-2 border-brand-200 bg-white p-4 shadow-sm sm:p-5"
      data-testid="decision-form"
    >
      <h3 id={`${id}-decision`} className="text-base font-semibold text-brand-900">
        Decision on version {p.version.number}
      </h3>
      <label htmlFor={`${id}-feedback`} className="mt-3 block text-sm font-medium">
        Feedback to {p.learnerName}
      </label>
      <p id={`${id}-feedback-help`} className="text-xs text-muted">
        Needed to refer the report back: say what to change before resubmitting.
      </p>
      <textarea
        id={`${id}-feedback`}
        rows={4}
        aria-describedby={`${id}-feedback-help`}
        value={data.feedback}
        onChange={(e) => p.onFeedback(e.target.value)}
        className={`${textareaClass} mt-1`}
      />

      <div className="mt-4">
        <p className="text-sm font-semibold">Before signing off</p>
        <ul className="mt-1.5 space-y-1 text-sm" data-testid="signoff-checks">
          <Check
            ok={!p.rangeProblem}
            text={
              p.rangeProblem ??
              `${formatNumber(p.version.countedWords)} counted words, within ${formatNumber(p.unit.rules.minWords)}–${formatNumber(p.unit.rules.maxWords)}`
            }
          />
          {checks.map((c) => (
            <Check key={c.id} ok={c.ok} text={c.ok ? c.label : c.problem!} />
          ))}
        </ul>
      </div>
      <Declaration className="mt-4" text={SIGNOFF_DECLARATION} checked={declared} onChange={setDeclared} />
      <div className="mt-4 flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass({ size: 'touch' })}
          disabled={!canSignOff || busy !== null}
          onClick={() => void submitDecision('signed_off')}
        >
          {busy === 'signed_off' ? <SpinnerIcon /> : <CheckIcon />}
          Sign off version {p.version.number}
        </button>
        <button
          type="button"
          className={buttonClass({ variant: 'warn', size: 'touch' })}
          disabled={busy !== null}
          onClick={() => void submitDecision('referred')}
        >
          {busy === 'referred' ? <SpinnerIcon /> : null}
          Refer back to {p.learnerName.split(' ')[0]}
        </button>
        <button
          type="button"
          className={buttonClass({ variant: 'outline', size: 'touch' })}
          disabled={busy !== null || p.saved}
          onClick={() => void engine.flush()}
        >
          Save notes now
        </button>
      </div>
      <Outcome outcome={outcome} />
    </section>
  );
}

/** A decision's answer from the server, announced politely (shared with the confirm-all panel). */
export function Outcome({ outcome }: { outcome: { ok: boolean; text: string } | null }) {
  return (
    <div role="status" aria-live="polite">
      {outcome ? (
        <p
          className={`mt-3 flex items-start gap-1.5 rounded-lg p-3 text-sm ${outcome.ok ? 'bg-met/10' : 'bg-notyet/10'}`}
          data-testid="decision-result"
        >
          {outcome.ok ? (
            <CheckIcon className="mt-0.5 size-4 text-met" />
          ) : (
            <WarningIcon className="mt-0.5 size-4 text-notyet" />
          )}
          <span>{outcome.text}</span>
        </p>
      ) : null}
    </div>
  );
}

function Check({ ok, text }: { ok: boolean; text: string }) {
  return (
    <li className={`flex items-start gap-1.5 ${ok ? 'text-ink' : 'text-notyet'}`}>
      {ok ? <CheckIcon className="mt-0.5 size-4 text-met" /> : <WarningIcon className="mt-0.5 size-4" />}
      <span>{text}</span>
    </li>
  );
}
