'use client';
import { CheckIcon, SpinnerIcon, WarningIcon } from '@/components/report/icons';
import type { AutosaveState } from './engine';
import { formatWhen } from '@/lib/format';

type Shown = Pick<AutosaveState<unknown>, 'status' | 'message' | 'savedAt' | 'keptLocally' | 'unreachable'>;

const KEPT = 'Your text is kept in this browser until it is saved.';

/**
 * "Saved · 14:02 / Saving… / Not saved — will retry", announced politely to screen readers. Not-saved states say
 * why and that the words are still safe in this browser (or, if the browser refused to keep a copy, not to close
 * it). `idle` is what it says before anything has been saved, e.g. "Answers save as you type".
 */
export function SaveStatus({ state, idle }: { state: Shown; idle: string }) {
  const { status, message, savedAt, keptLocally } = state;
  const offline = status === 'retrying' && state.unreachable;
  let tone: 'ok' | 'busy' | 'warn' = 'warn';
  let label = 'Not saved';
  let detail: string | null = message;

  switch (status) {
    case 'saved':
      tone = 'ok';
      label = savedAt ? 'Saved' : idle;
      detail = savedAt ? formatWhen(savedAt) : null;
      break;
    case 'pending':
    case 'saving':
      tone = 'busy';
      label = 'Saving…';
      detail = null;
      break;
    case 'retrying':
      label = 'Not saved — will retry';
      detail = !keptLocally
        ? 'Keep this page open: this browser cannot keep a copy.'
        : offline
          ? `No connection. ${KEPT}`
          : KEPT;
      break;
    case 'conflict':
      label = 'Not saved — choose a version';
      detail = 'It was changed in another tab or on another device. Both versions are shown on this page.';
      break;
    case 'signed-out':
      label = 'Not saved — signed out';
      break;
  }

  const toneClass = { ok: 'text-met', busy: 'text-muted', warn: 'text-notyet' }[tone];
  return (
    <div role="status" aria-live="polite" className="min-w-0 text-sm" data-save-status={offline ? 'offline' : status}>
      <div className={`flex items-center gap-1.5 font-semibold ${toneClass}`}>
        {tone === 'ok' ? <CheckIcon /> : tone === 'busy' ? <SpinnerIcon /> : <WarningIcon />}
        <span>{label}</span>
        {tone === 'ok' && detail ? <span className="font-normal text-muted">· {detail}</span> : null}
      </div>
      {tone === 'warn' && detail ? <div className="mt-0.5 text-ink">{detail}</div> : null}
      {status === 'signed-out' ? (
        <a
          href="/signin"
          target="_blank"
          rel="noopener"
          className="font-semibold text-brand-700 underline underline-offset-2"
        >
          Sign in again (opens a new tab)
        </a>
      ) : null}
    </div>
  );
}
