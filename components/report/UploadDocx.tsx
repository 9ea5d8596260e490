'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { formatNumber } from '@/lib/format';
import { MAX_DOCX_BYTES } from '@/lib/reports/limits';
import type { DraftView } from '@/lib/reports/types';
import { DocIcon, SpinnerIcon, WarningIcon } from './icons';
import { buttonClass } from '@/components/ui/Button';

interface Props {
  /** Words in the draft now: replacing a non-empty draft asks first. */
  currentWords: number;
  /** Saves pending edits and returns the draft version to upload against, or null when that failed. */
  prepare: () => Promise<number | null>;
  onImported: (draft: DraftView, notes: string[], fileName: string) => void;
  disabled?: boolean;
}

/**
 * "Upload a .docx": the document's text replaces the draft (after asking, when there is a draft).
 * Errors say what was wrong with the file and that nothing changed.
 */
export function UploadDocx({ currentWords, prepare, onImported, disabled }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const [pending, setPending] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Once the question is answered its buttons are gone: focus goes back to the upload control (after the
  // upload, when it is enabled again) instead of being lost.
  const refocus = useRef(false);
  useEffect(() => {
    if (pending) confirmRef.current?.focus();
    else if (refocus.current && !busy) {
      refocus.current = false;
      if (input.current && !input.current.disabled) input.current.focus();
    }
  }, [pending, busy]);

  const upload = async (file: File) => {
    setPending(null);
    setError(null);
    if (file.size > MAX_DOCX_BYTES) {
      setError(
        `“${file.name}” is larger than ${MAX_DOCX_BYTES / 1024 / 1024} MB. A report's text is far smaller: remove large images and try again. Nothing changed.`,
      );
      return;
    }
    setBusy(true);
    try {
      const version = await prepare();
      if (version === null) {
        setError('Your latest changes could not be saved, so the document was not uploaded. Nothing changed.');
        return;
      }
      const res = await fetch(`/api/reports/upload?version=${version}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
        body: file,
      });
      const body = (await res.json().catch(() => ({}))) as { draft?: DraftView; notes?: string[]; error?: string };
      if (!res.ok || !body.draft) {
        setError(`${body.error ?? 'The upload failed.'} Your draft has not changed.`);
        return;
      }
      onImported(body.draft, body.notes ?? [], file.name);
    } catch {
      setError(
        'The upload did not reach the server (are you offline?). Your draft has not changed; try again when connected.',
      );
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="contents">
      <input
        ref={input}
        id={id}
        type="file"
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        // The input is visually hidden; its label (the next sibling) shows the focus ring for it.
        className="peer sr-only"
        disabled={disabled || busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          if (currentWords > 0) setPending(file);
          else void upload(file);
        }}
        aria-describedby={`${id}-help`}
      />
      <label
        htmlFor={id}
        className={`${buttonClass({ variant: 'link', size: 'tool' })} cursor-pointer peer-focus-visible:outline peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-[#f2b705] ${disabled || busy ? 'pointer-events-none opacity-50' : ''}`}
      >
        {busy ? <SpinnerIcon /> : <DocIcon />}
        {busy ? 'Reading document…' : 'Upload a .docx'}
      </label>
      <span id={`${id}-help`} className="sr-only">
        Word document up to {MAX_DOCX_BYTES / 1024 / 1024} MB. Its text replaces your draft.
      </span>

      {pending ? (
        <div
          ref={confirmRef}
          tabIndex={-1}
          role="group"
          aria-label="Replace your draft?"
          className="w-full basis-full rounded-lg border border-brand-200 bg-brand-50 p-3 text-sm"
        >
          <p>
            Replace your current draft ({formatNumber(currentWords)} words) with the text of{' '}
            <strong>{pending.name}</strong>? Links between sections and criteria are kept where the headings match.
            Submitted versions are not affected.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonClass({ size: 'touch' })}
              onClick={() => {
                refocus.current = true;
                void upload(pending);
              }}
            >
              Replace my draft
            </button>
            <button
              type="button"
              className={buttonClass({ variant: 'outline', size: 'touch' })}
              onClick={() => {
                refocus.current = true;
                setPending(null);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p
          role="alert"
          className="flex w-full basis-full items-start gap-1.5 rounded-lg border border-notyet/40 bg-notyet/5 p-3 text-sm text-ink"
          data-testid="upload-error"
        >
          <WarningIcon className="mt-0.5 size-4 text-notyet" />
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}
