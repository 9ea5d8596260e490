'use client';
import { useRef } from 'react';
import { countReport } from '@/lib/wordcount';
import { formatDateTime, words } from '@/lib/reports/format';
import type { UnitRules } from '@/lib/reports/types';
import type { Conflict } from './useVersionedAutosave';
import { WarningIcon } from './icons';
import { primaryButton, secondaryButton } from './styles';
import { useFocusOnAppear } from '@/components/ui/useFocusOnAppear';

type Draft = { content: string; sectionTags: Record<string, string[]> };

/**
 * Two versions of the report side by side when a save was refused as stale (or this browser kept
 * unsaved text from an earlier visit). Nothing is lost: the learner keeps one, after copying from the other.
 */
export function ReportConflict({ conflict, rules, onKeepMine, onTakeTheirs, className = '' }: {
  conflict: Conflict<Draft>;
  rules: UnitRules;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  className?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const announce = useFocusOnAppear(heading);
  const versions = [
    {
      key: 'mine',
      label: conflict.mineOrigin === 'device' ? 'Kept on this device' : 'On this page',
      note: conflict.mineOrigin === 'device' && conflict.mineAt ? `Not saved · last typed ${formatDateTime(conflict.mineAt)}` : 'What you have been typing',
      text: conflict.mine.content,
      onKeep: onKeepMine,
    },
    {
      key: 'theirs',
      label: 'Saved version',
      note: conflict.theirs?.at ? `Saved from another tab or device · ${formatDateTime(conflict.theirs.at)}` : 'Saved from another tab or device',
      text: conflict.theirs?.value.content ?? '',
      onKeep: onTakeTheirs,
    },
  ];
  return (
    <section aria-labelledby="conflict-title" className={`min-w-0 rounded-xl border-2 border-notyet/60 bg-white p-4 shadow-sm sm:p-5 ${className}`} data-testid="report-conflict">
      <h2 id="conflict-title" ref={heading} tabIndex={-1} style={{ outline: 'none' }} className="flex items-center gap-2 text-lg font-semibold text-notyet">
        <WarningIcon className="size-5" /> Your report was changed somewhere else
      </h2>
      {announce ? (
        <p role="alert" className="sr-only">
          Your report was changed somewhere else. Saving is paused until you choose a version, above the report text. Your typing is kept.
        </p>
      ) : null}
      <p className="mt-1 max-w-3xl text-[15px] leading-relaxed">
        It was saved from another tab or device while this page had changes of its own. Nothing has been lost: both versions
        are below. Keep the one you want; if you need words from the other, copy them first. Saving is paused until you choose.
      </p>
      <div className="mt-4 grid gap-3 md:grid-cols-2">
        {versions.map((v, i) => (
          <div key={v.key} className="flex min-w-0 flex-col gap-2 rounded-lg border border-line bg-canvas p-3">
            <div className="flex-1">
              <h3 className="font-semibold text-brand-900">{v.label}</h3>
              <p className="text-sm text-muted">{v.note} · {words(countReport(v.text, rules).counted)} counted</p>
            </div>
            <textarea
              readOnly
              aria-label={`${v.label}: full text`}
              value={v.text}
              className="h-56 w-full resize-y rounded-md border border-line bg-white p-2 font-mono text-xs leading-relaxed"
            />
            <button type="button" className={i === 0 ? primaryButton : secondaryButton} onClick={v.onKeep}>
              Keep this version<span className="sr-only">: {v.label}</span>
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
