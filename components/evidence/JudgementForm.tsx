'use client';
import { useId, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/action';
import { flash } from './Flash';
import { buttonClass } from '@/components/ui/Button';

/** The server action that records a judgement; the page passes it in, so this component never depends on a route. */
type JudgeAction = (input: {
  learnerId: string;
  criterionId: string;
  outcome: 'met' | 'not_yet_met';
  feedback: string;
  evidenceIds: string[];
  seenSeq: number;
}) => Promise<ActionResult<unknown>>;

interface Props {
  learnerId: string;
  criterionId: string;
  criterionLabel: string;
  evidence: { id: string; title: string; isNew: boolean }[];
  seenSeq: number;
  moduleHeadingId: string;
  feedbackMax: number;
  judge: JudgeAction;
}

/** Judge one criterion without leaving the page: met / not yet met, feedback, and the evidence relied on. */
export function JudgementForm({
  learnerId,
  criterionId,
  criterionLabel,
  evidence,
  seenSeq,
  moduleHeadingId,
  feedbackMax,
  judge,
}: Props) {
  const uid = useId();
  const [outcome, setOutcome] = useState<'met' | 'not_yet_met' | ''>('');
  const [feedback, setFeedback] = useState('');
  const [cited, setCited] = useState<string[]>(evidence.map((e) => e.id));
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, start] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!outcome) return setError({ message: 'Choose met or not yet met.', field: 'outcome' });
    if (outcome === 'not_yet_met' && !feedback.trim())
      return setError({
        message: 'Tell the learner what is missing: feedback is needed when a criterion is not yet met.',
        field: 'feedback',
      });
    if (outcome === 'met' && cited.length === 0)
      return setError({ message: 'Tick the evidence that shows this criterion is met.', field: 'evidenceIds' });
    setError(null);
    start(async () => {
      const result = await judge({ learnerId, criterionId, outcome, feedback, evidenceIds: cited, seenSeq });
      if (!result.ok) {
        setError({ message: result.error, field: Object.keys(result.fieldErrors ?? {})[0] });
        return;
      }
      setFeedback('');
      setOutcome('');
      flash(`Saved: ${criterionLabel} judged ${outcome === 'met' ? 'met' : 'not yet met'}.`);
      document.getElementById(moduleHeadingId)?.focus();
    });
  }

  const radio = (value: 'met' | 'not_yet_met', label: string, symbol: string, tone: string) => (
    <label
      className={`flex flex-1 cursor-pointer items-center justify-center gap-2 rounded-md border px-3 py-2 text-sm font-semibold has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-[#f2b705] ${outcome === value ? tone : 'border-line bg-white text-ink hover:bg-canvas'}`}
    >
      <input
        type="radio"
        name={`${uid}-outcome`}
        value={value}
        checked={outcome === value}
        onChange={() => setOutcome(value)}
        className="sr-only"
      />
      <span aria-hidden="true">{symbol}</span>
      {label}
    </label>
  );

  return (
    <form onSubmit={submit} className="space-y-3" aria-label={`Judge ${criterionLabel}`} aria-busy={pending}>
      <fieldset>
        <legend className="mb-1.5 text-sm font-semibold text-ink">Your judgement</legend>
        <div className="flex gap-2">
          {radio('met', 'Met', '✓', 'border-met bg-met text-white')}
          {radio('not_yet_met', 'Not yet met', '!', 'border-notyet bg-notyet text-white')}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${uid}-feedback`} className="block text-sm font-semibold text-ink">
          Feedback for the learner{' '}
          <span className="font-normal text-muted">
            {outcome === 'not_yet_met' ? '(needed: say what is missing)' : '(optional when met)'}
          </span>
        </label>
        <textarea
          id={`${uid}-feedback`}
          rows={3}
          maxLength={feedbackMax}
          value={feedback}
          onChange={(e) => setFeedback(e.target.value)}
          aria-invalid={error?.field === 'feedback'}
          className={`mt-1 w-full rounded-md border px-3 py-2 text-sm ${error?.field === 'feedback' ? 'border-notyet' : 'border-line'}`}
        />
      </div>
      {evidence.length ? (
        <fieldset>
          <legend className="text-sm font-semibold text-ink">Evidence you relied on</legend>
          <ul className="mt-1 space-y-1">
            {evidence.map((ev) => (
              <li key={ev.id}>
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={cited.includes(ev.id)}
                    onChange={(e) =>
                      setCited((prev) => (e.target.checked ? [...prev, ev.id] : prev.filter((x) => x !== ev.id)))
                    }
                    className="mt-0.5 size-4 shrink-0 accent-brand-600"
                  />
                  <span>{ev.title}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm font-medium text-notyet">
          {error.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? 'Saving…' : 'Save judgement'}
      </button>
    </form>
  );
}
