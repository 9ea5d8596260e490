'use client';
import { formatSavedAt } from '@/lib/reports/format';
import type { SaveStatus } from './useVersionedAutosave';
import { CheckIcon, SpinnerIcon, WarningIcon } from './icons';

/** "Saved · 14:02", "Saving…", "Offline: kept on this device". Announced politely to screen readers. */
export function SaveIndicator({ status, message, savedAt, what = 'Your report' }: {
  status: SaveStatus;
  message: string | null;
  savedAt: string | null;
  what?: string;
}) {
  let tone: 'ok' | 'busy' | 'warn' = 'warn';
  let label: string;
  let detail: string | null = null;
  switch (status) {
    case 'saved':
      tone = 'ok';
      label = savedAt ? 'All changes saved' : `${what} saves as you type`;
      detail = savedAt ? formatSavedAt(savedAt) : null;
      break;
    case 'pending':
    case 'saving':
      tone = 'busy';
      label = 'Saving…';
      break;
    case 'offline':
      label = 'Offline: not saved yet';
      detail = 'Kept on this device. It will save when the connection is back.';
      break;
    case 'conflict':
      label = 'Not saved: choose a version';
      detail = 'It was changed somewhere else. Both versions are shown above.';
      break;
    default:
      label = 'Not saved';
      detail = message;
  }
  const toneClass = { ok: 'text-met', busy: 'text-muted', warn: 'text-notyet' }[tone];
  return (
    <div role="status" aria-live="polite" className="min-w-0 text-sm" data-save-status={status}>
      <span className={`inline-flex items-center gap-1.5 font-semibold ${toneClass}`}>
        {tone === 'ok' ? <CheckIcon /> : tone === 'busy' ? <SpinnerIcon /> : <WarningIcon />}
        {label}
      </span>
      {detail ? <span className={tone === 'ok' ? 'text-muted' : 'block text-ink'}>{tone === 'ok' ? ` · ${detail}` : detail}</span> : null}
    </div>
  );
}
