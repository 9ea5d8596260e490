'use client';
import { useState, useTransition } from 'react';
import type { AutosaveEngine, AutosaveState } from '@/components/autosave/engine';
import type { ActionResult } from '@/lib/action';
import { formatDateTime } from '@/lib/format';
import { sectionHasContent, type Worksheet, type WorksheetAnswers } from '@/lib/worksheets/answers';
import type { SubmissionSummary } from '@/lib/worksheets/types';
import { CheckIcon, WarningIcon } from './icons';
import { buttonClass } from '@/components/ui/Button';

export type HandInAction = (input: { slug: string; version: number }) => Promise<ActionResult<SubmissionSummary>>;

function names(list: string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/**
 * Hand the worksheet to the coach. Saves first (so what is handed in is what the learner sees), then snapshots
 * that exact version on the server.
 */
export function HandInPanel({
  slug,
  worksheet,
  engine,
  state,
  latest,
  coachNames,
  handIn,
}: {
  slug: string;
  worksheet: Worksheet;
  engine: AutosaveEngine<WorksheetAnswers>;
  state: AutosaveState<WorksheetAnswers>;
  latest: SubmissionSummary | null;
  coachNames: string[];
  handIn: HandInAction;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [justHandedIn, setJustHandedIn] = useState(false);
  const empty = worksheet.sections.filter((s) => !sectionHasContent(s, state.value));
  const nothing = empty.length === worksheet.sections.length;
  const handedInThis = !!latest && latest.answersVersion === state.version && state.status === 'saved';
  const coach = coachNames.length ? names(coachNames) : null;

  const submit = () => {
    setError(null);
    setJustHandedIn(false);
    startTransition(async () => {
      const saved = await engine.flush();
      if (!saved) {
        setError(
          `Your latest answers are not saved yet, so they cannot be handed in. ${engine.getState().message ?? 'Check your connection and try again.'}`,
        );
        return;
      }
      const result = await handIn({ slug, version: engine.getState().version });
      if (result.ok) setJustHandedIn(true);
      else setError(result.error);
    });
  };

  return (
    <section
      id="hand-in"
      aria-labelledby="hand-in-title"
      className="my-8 scroll-mt-24 rounded-xl border border-brand-200 bg-brand-50/70 p-4 sm:p-6"
    >
      <h2 id="hand-in-title" className="text-lg font-semibold text-brand-900">
        Hand in to your Enterprise Coach
      </h2>
      <div className="mt-1 max-w-2xl text-[15px] leading-relaxed text-ink">
        {coach ? (
          <>
            {coach} will read your answers and can comment on each section. You can keep improving them and hand in
            again.
          </>
        ) : (
          <>
            You do not have an Enterprise Coach assigned yet. You can still hand in: your coach will see it once
            assigned.
          </>
        )}
      </div>

      {handedInThis ? (
        <div className="mt-4 flex items-start gap-2 rounded-lg bg-white px-3 py-2.5 text-[15px] ring-1 ring-met/30">
          <CheckIcon className="mt-0.5 size-5 shrink-0 text-met" />
          <div>
            <span className="font-semibold text-met">Handed in</span> on {formatDateTime(latest.submittedAt)} (hand-in{' '}
            {latest.number}).
            <div className="text-sm text-muted">Change any answer to hand in a new version.</div>
          </div>
        </div>
      ) : (
        <>
          {latest && !nothing ? (
            <div className="mt-3 text-sm text-ink">
              You have changed your answers since hand-in {latest.number} ({formatDateTime(latest.submittedAt)}).
            </div>
          ) : null}
          {!nothing && empty.length ? (
            <div className="mt-3 text-sm text-ink">
              <span className="font-semibold">Not answered yet:</span>{' '}
              {empty.map((s, i) => (
                <span key={s.id}>
                  <a href={`#${s.id}`} className="text-brand-700 underline underline-offset-2">
                    {s.title}
                  </a>
                  {i < empty.length - 1 ? ', ' : '. '}
                </span>
              ))}
              You can hand in now and finish them later.
            </div>
          ) : null}
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={submit}
              disabled={pending || nothing || state.status === 'conflict'}
              className={buttonClass({ size: 'touch' })}
            >
              {pending ? 'Handing in…' : latest ? 'Hand in again' : coach ? `Hand in to ${coach}` : 'Hand in'}
            </button>
            {nothing ? <span className="text-sm text-muted">Answer at least one section first.</span> : null}
          </div>
        </>
      )}

      <div aria-live="polite" className="mt-3 text-[15px]">
        {error ? (
          <div role="alert" className="flex items-start gap-2 font-medium text-notyet">
            <WarningIcon className="mt-1 shrink-0" /> {error}
          </div>
        ) : justHandedIn && handedInThis ? (
          <div className="font-medium text-met">Done: {coach ?? 'your coach'} can now read this worksheet.</div>
        ) : null}
      </div>
    </section>
  );
}
