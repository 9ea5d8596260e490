'use client';
import { useRef } from 'react';
import type { Conflict } from '@/components/autosave/engine';
import { formatDateTime } from '@/lib/format';
import { countReport } from '@/lib/wordcount';
import { words } from '@/lib/reports/format';
import type { UnitRules } from '@/lib/reports/types';
import { WarningIcon } from './icons';
import { buttonClass } from '@/components/ui/Button';
import { useFocusOnAppear } from '@/components/ui/useFocusOnAppear';

type Draft = { content: string; sectionTags: Record<string, string[]> };

/**
 * Two (or more) versions of the report side by side when a save was refused as stale (or this browser kept
 * unsaved text from an earlier visit). Nothing is lost: the learner keeps one, after copying from the other.
 * "Mine" is what the page holds now, so words typed while the choice is shown are kept with it.
 */
export function ReportConflict({
  conflict,
  mine,
  rules,
  onChoose,
  className = '',
}: {
  conflict: Conflict<Draft>;
  mine: Draft;
  rules: UnitRules;
  onChoose: (key: string) => void;
  className?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const announce = useFocusOnAppear(heading);
  const versions = [
    {
      key: 'mine',
      label: conflict.mineEditedAt ? 'Kept on this device' : 'On this page',
      note: conflict.mineEditedAt
        ? `Not saved · last typed ${formatDateTime(conflict.mineEditedAt)}`
        : 'What you have been typing',
      text: mine.content,
    },
    ...conflict.others.map((c) => ({
      key: c.key,
      label: c.origin === 'server' ? 'Saved version' : 'Another copy kept on this device',
      note:
        c.origin === 'server'
          ? `Saved from another tab or device${c.at ? ` · ${formatDateTime(c.at)}` : ''}`
          : `Not saved${c.at ? ` · last typed ${formatDateTime(c.at)}` : ''}`,
      text: c.value.content,
    })),
  ];
  return (
    <section
      aria-labelledby="conflict-title"
      className={`min-w-0 rounded-xl border-2 border-notyet/60 bg-white p-4 shadow-sm sm:p-5 ${className}`}
      data-testid="report-conflict"
    >
      <h2
        id="conflict-title"
        ref={heading}
        tabIndex={-1}
        style={{ outline: 'none' }}
        className="flex items-center gap-2 text-lg font-semibold text-notyet"
      >
        <WarningIcon className="size-5" /> Your report was changed somewhere else
      </h2>
      {announce ? (
        <p role="alert" className="sr-only">
          Your report was changed somewhere else. Saving is paused until you choose a version, above the report text.
          Your typing is kept.
        </p>
      ) : null}
      <p className="mt-1 max-w-3xl text-[15px] leading-relaxed">
        It was saved from another tab or device while this page had changes of its own. Nothing has been lost: both
        versions are below. Keep the one you want; if you need words from the other, copy them first. Saving is paused
        until you choose.
      </p>
      <div className={`mt-4 grid gap-3 ${versions.length > 2 ? 'md:grid-cols-3' : 'md:grid-cols-2'}`}>
        {versions.map((v, i) => (
          <div key={v.key} className="flex min-w-0 flex-col gap-2 rounded-lg border border-line bg-canvas p-3">
            <div className="flex-1">
              <h3 className="font-semibold text-brand-900">{v.label}</h3>
              <p className="text-sm text-muted">
                {v.note} · {words(countReport(v.text, rules).counted)} counted
              </p>
            </div>
            <textarea
              readOnly
              aria-label={`${v.label}: full text`}
              value={v.text}
              className="h-56 w-full resize-y rounded-md border border-line bg-white p-2 font-mono text-xs leading-relaxed"
            />
            <button
              type="button"
              className={buttonClass({ variant: i === 0 ? 'primary' : 'outline', size: 'touch' })}
              onClick={() => onChoose(v.key)}
            >
              Keep this version<span className="sr-only">: {v.label}</span>
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
