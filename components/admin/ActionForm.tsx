'use client';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { Button, type ButtonStyle } from '@/components/ui/Button';
import { useActionForm } from '@/components/ui/useActionForm';

export type FormResult<T = unknown> =
  { ok: true; data: T } | { ok: false; status: number; error: string; fieldErrors?: Record<string, string> };

/**
 * A form that sends its fields to a server action, says what happened in a live region, and refreshes the page's
 * server data on success. Errors from the server are shown as they come (they are written for people).
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  pendingLabel = 'Saving\u2026',
  success,
  confirm,
  className = '',
  button,
  resetOnSuccess = false,
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
  /** The submit button's look: the main action (primary) unless said otherwise. */
  button?: ButtonStyle;
  resetOnSuccess?: boolean;
}) {
  const router = useRouter();
  const statusId = useId();
  const form = useActionForm(action, {
    success: success ?? 'Saved.',
    resetOnSuccess,
    onSuccess: () => router.refresh(),
  });

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    if (confirm && !window.confirm(confirm)) {
      e.preventDefault();
      return;
    }
    form.onSubmit(e);
  }

  const fieldErrors = form.error ? Object.entries(form.fieldErrors).filter(([, m]) => m !== form.error) : [];
  return (
    <form onSubmit={onSubmit} className={className} aria-describedby={statusId} noValidate>
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.pending} {...button}>
          {form.pending ? pendingLabel : submitLabel}
        </Button>
        <p
          id={statusId}
          role="status"
          aria-live="polite"
          className={
            form.error ? 'text-sm font-medium text-red-800' : form.success ? 'text-sm font-medium text-met' : 'sr-only'
          }
        >
          {form.success ? <span aria-hidden="true">{'\u2713 '}</span> : null}
          {form.error ?? form.success ?? ''}
        </p>
      </div>
      {fieldErrors.length ? (
        <ul className="mt-2 list-disc pl-5 text-sm text-red-800">
          {fieldErrors.map(([k, m]) => (
            <li key={k}>{m}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
