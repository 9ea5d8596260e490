'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { primaryButton } from './styles';

export type FormResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; status: number; error: string; fieldErrors?: Record<string, string> };

/**
 * A form that sends its fields to a server action, says what happened in a live region, and refreshes the page's
 * server data on success. Errors from the server are shown as they come (they are written for people).
 */
export function ActionForm({
  action, children, submitLabel, pendingLabel = 'Saving\u2026', success, confirm, className = '', buttonClass, resetOnSuccess = false,
}: {
  action: (form: FormData) => Promise<FormResult>;
  children?: React.ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  /** What to say when it worked. */
  success?: string;
  /** Asks before sending, for changes that lock someone out. */
  confirm?: string;
  className?: string;
  buttonClass?: string;
  resetOnSuccess?: boolean;
}) {
  const router = useRouter();
  const statusId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [state, setState] = useState<{ kind: 'idle' | 'pending' | 'ok' | 'error'; text?: string; fields?: Record<string, string> }>({ kind: 'idle' });

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (confirm && !window.confirm(confirm)) return;
    const form = new FormData(e.currentTarget);
    setState({ kind: 'pending' });
    try {
      const result = await action(form);
      if (result.ok) {
        setState({ kind: 'ok', text: success ?? 'Saved.' });
        if (resetOnSuccess) formRef.current?.reset();
        router.refresh();
      } else {
        setState({ kind: 'error', text: result.error, fields: result.fieldErrors });
      }
    } catch {
      setState({ kind: 'error', text: 'We could not reach Criterion. Check your connection and try again.' });
    }
  }

  const fieldErrors = state.kind === 'error' && state.fields
    ? Object.entries(state.fields).filter(([, m]) => m !== state.text)
    : [];
  return (
    <form ref={formRef} onSubmit={onSubmit} className={className} aria-describedby={statusId} noValidate>
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={state.kind === 'pending'}
          className={buttonClass ?? primaryButton}>
          {state.kind === 'pending' ? pendingLabel : submitLabel}
        </button>
        <p id={statusId} role="status" aria-live="polite"
          className={state.kind === 'error' ? 'text-sm font-medium text-red-800' : state.kind === 'ok' ? 'text-sm font-medium text-met' : 'sr-only'}>
          {state.kind === 'ok' ? <span aria-hidden="true">{'\u2713 '}</span> : null}
          {state.kind === 'error' || state.kind === 'ok' ? state.text : ''}
        </p>
      </div>
      {fieldErrors.length ? (
        <ul className="mt-2 list-disc pl-5 text-sm text-red-800">
          {fieldErrors.map(([k, m]) => <li key={k}>{m}</li>)}
        </ul>
      ) : null}
    </form>
  );
}
