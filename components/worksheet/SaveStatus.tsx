'use client';
import type { AutosaveState } from '@/lib/worksheets/autosave';
import { formatWhen } from '@/lib/worksheets/format';
import { CheckIcon, SpinnerIcon, WarningIcon } from './icons';

/**
 * "Saved / Saving… / Not saved — will retry", announced politely to screen readers. Not-saved states say why
 * and that the words are still safe in this browser (or, if the browser refused to keep a copy, not to close it).
 */
export function SaveStatus({ state }: { state: AutosaveState }) {
  const { status, message, savedAt, keptLocally } = state;
  let tone: 'ok' | 'busy' | 'warn';
  let label: string;
  let detail: string | null = null;

  switch (status) {
    case 'saved':
      tone = 'ok';
      label = savedAt ? 'Saved' : 'Answers save as you type';
      detail = savedAt ? formatWhen(savedAt) : null;
      break;
    case 'pending':
    case 'saving':
      tone = 'busy';
      label = 'Saving…';
      break;
    case 'retrying':
      tone = 'warn';
      label = 'Not saved — will retry';
      detail = keptLocally ? 'Your text is kept in this browser until it is saved.' : 'Keep this page open: this browser cannot keep a copy.';
      break;
    case 'conflict':
      tone = 'warn';
      label = 'Not saved — choose a version';
      detail = 'Your answers were changed elsewhere. Both versions are shown below.';
      break;
    case 'signed-out':
      tone = 'warn';
      label = 'Not saved — signed out';
      detail = message;
      break;
    default:
      tone = 'warn';
      label = 'Not saved';
      detail = message;
  }

  const toneClass = { ok: 'text-met', busy: 'text-muted', warn: 'text-notyet' }[tone];
  return (
    <div role="status" aria-live="polite" className="min-w-0 text-sm" data-save-status={status}>
      <div className={`flex items-center gap-1.5 font-semibold ${toneClass}`}>
        {tone === 'ok' ? <CheckIcon /> : tone === 'busy' ? <SpinnerIcon /> : <WarningIcon />}
        <span>{label}</span>
        {tone === 'ok' && detail ? <span className="font-normal text-muted">· {detail}</span> : null}
      </div>
      {tone === 'warn' && detail ? <div className="mt-0.5 text-ink">{detail}</div> : null}
      {status === 'signed-out' ? (
        <a href="/signin" target="_blank" rel="noopener" className="font-semibold text-brand-700 underline underline-offset-2">
          Sign in again (opens a new tab)
        </a>
      ) : null}
    </div>
  );
}
