'use client';
import { CheckIcon } from './icons';

/** A message above the report text (a restored copy, an import), with a button to dismiss it. */
export function EditorNotice({ notice, onDismiss }: { notice: string; onDismiss: () => void }) {
  return (
    <p
      role="status"
      className="flex items-start gap-1.5 border-b border-line bg-met/5 px-4 py-2 text-sm"
      data-testid="editor-notice"
    >
      <CheckIcon className="mt-0.5 size-4 text-met" />
      <span className="min-w-0 flex-1">{notice}</span>
      <button type="button" className="text-sm font-semibold text-brand-700 underline" onClick={onDismiss}>
        Dismiss<span className="sr-only"> this message</span>
      </button>
    </p>
  );
}
