'use client';
import { useRef } from 'react';
import type { AutosaveState } from '@/components/autosave/engine';
import { formatDateTime } from '@/lib/format';
import { normalizeAnswers, type Worksheet, type WorksheetAnswers } from '@/lib/worksheets/answers';
import { AnswerView } from './AnswerView';
import { useFocusOnAppear } from '@/components/ui/useFocusOnAppear';
import { WarningIcon } from './icons';
import { buttonClass } from '@/components/ui/Button';

interface Version {
  key: string;
  label: string;
  note: string;
  answers: WorksheetAnswers;
}

/**
 * Two (or more) versions of the answers, side by side, section by section where they differ; the learner keeps
 * one. Nothing is dropped until they choose, and they can copy words across from the other version first.
 */
export function ConflictPanel({
  worksheet,
  state,
  onChoose,
}: {
  worksheet: Worksheet;
  state: AutosaveState<WorksheetAnswers>;
  onChoose(key: string): void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const announce = useFocusOnAppear(heading);
  const conflict = state.conflict;
  if (!conflict) return null;

  const versions: Version[] = [
    {
      key: 'mine',
      label: conflict.mineEditedAt ? 'Kept in this browser' : 'On this page',
      note: conflict.mineEditedAt
        ? `Not saved yet · last typed ${formatDateTime(conflict.mineEditedAt)}`
        : 'What you see in the form below',
      answers: state.value,
    },
    ...conflict.others.map((c) => ({
      key: c.key,
      label: c.origin === 'server' ? 'Saved version' : 'Another copy kept in this browser',
      note:
        c.origin === 'server'
          ? `Saved from another tab or device${c.at ? ` · ${formatDateTime(c.at)}` : ''}`
          : `Not saved yet${c.at ? ` · last typed ${formatDateTime(c.at)}` : ''}`,
      answers: c.value,
    })),
  ];
  const normalised = versions.map((v) => normalizeAnswers(worksheet, v.answers));
  const differing = worksheet.sections.filter(
    (s) => new Set(normalised.map((n) => JSON.stringify(n[s.id] ?? null))).size > 1,
  );
  const cols = versions.length > 2 ? 'md:grid-cols-3' : 'md:grid-cols-2';

  return (
    <section
      aria-labelledby="conflict-title"
      className="my-6 rounded-xl border-2 border-notyet/60 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2
        id="conflict-title"
        ref={heading}
        tabIndex={-1}
        className="flex items-center gap-2 text-lg font-semibold text-notyet"
      >
        <WarningIcon className="size-5" /> Your answers were changed somewhere else
      </h2>
      {announce ? (
        <p role="alert" className="sr-only">
          Your answers were changed somewhere else. Saving is paused until you choose a version, above the form. Your
          typing is kept.
        </p>
      ) : null}
      <div className="mt-1 max-w-3xl text-[15px] leading-relaxed text-ink">
        This worksheet was saved from another tab or device while this page had changes of its own. Nothing has been
        lost: both versions are below, section by section where they differ. Keep the one you want; if you need words
        from the other, copy them first. Saving is paused until you choose.
      </div>

      <div className={`mt-4 grid gap-3 ${cols}`}>
        {versions.map((v, i) => (
          <div key={v.key} className="flex flex-col justify-between gap-3 rounded-lg border border-line bg-canvas p-3">
            <div>
              <div className="font-semibold text-brand-900">{v.label}</div>
              <div className="text-sm text-muted">{v.note}</div>
            </div>
            <button
              type="button"
              onClick={() => onChoose(v.key)}
              aria-label={`Keep this version: ${v.label}`}
              className={buttonClass({ variant: i === 0 ? 'primary' : 'outline', size: 'touch' })}
            >
              Keep this version
            </button>
          </div>
        ))}
      </div>

      <div className="mt-5 space-y-5">
        {differing.map((s) => (
          <div key={s.id}>
            <h3 className="mb-2 text-base font-semibold text-brand-900">{s.title}</h3>
            <div className={`grid gap-3 ${cols}`}>
              {versions.map((v) => (
                <div key={v.key} className="min-w-0 rounded-lg border border-line p-3">
                  <div className="mb-2 text-xs font-semibold uppercase tracking-wide text-muted">{v.label}</div>
                  <AnswerView section={s} answers={v.answers} />
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
