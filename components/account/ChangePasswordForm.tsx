'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';
import { inputClass, labelClass, primaryButton } from '@/components/admin/styles';

const FIELDS = [
  { name: 'current', label: 'Current password', autoComplete: 'current-password' },
  { name: 'next', label: 'New password', autoComplete: 'new-password' },
  { name: 'confirm', label: 'New password again', autoComplete: 'new-password' },
] as const;

export function ChangePasswordForm({ action, minLength }: { action: (form: FormData) => Promise<FormResult>; minLength: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string; fields?: Record<string, string> }>();

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setPending(true);
    try {
      const result = await action(new FormData(form));
      if (result.ok) {
        form.reset();
        setMessage({ ok: true, text: 'Password changed. Every other session of your account has been signed out.' });
        router.refresh();
      } else setMessage({ ok: false, text: result.error, fields: result.fieldErrors });
    } catch {
      setMessage({ ok: false, text: 'We could not reach Criterion. Check your connection and try again.' });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {FIELDS.map((f) => {
        const error = message?.fields?.[f.name];
        return (
          <div key={f.name}>
            <label htmlFor={`pw-${f.name}`} className={labelClass}>{f.label}</label>
            <input id={`pw-${f.name}`} name={f.name} type="password" autoComplete={f.autoComplete} maxLength={200} required
              className={`${inputClass} sm:max-w-sm`} aria-invalid={Boolean(error)}
              aria-describedby={[f.name === 'next' ? 'pw-rules' : '', error ? `pw-${f.name}-error` : ''].filter(Boolean).join(' ') || undefined} />
            {f.name === 'next' ? (
              <p id="pw-rules" className="mt-1 text-sm text-muted">
                At least {minLength} characters, and not a common password. A few unrelated words make a good one.
              </p>
            ) : null}
            {error ? <p id={`pw-${f.name}-error`} className="mt-1 text-sm font-medium text-red-800">{error}</p> : null}
          </div>
        );
      })}
      <button type="submit" disabled={pending} className={primaryButton}>{pending ? 'Changing\u2026' : 'Change password'}</button>
      <div aria-live="polite">
        {message ? <p className={`text-sm font-medium ${message.ok ? 'text-met' : 'text-red-800'}`}>{message.ok ? '\u2713 ' : ''}{message.text}</p> : null}
      </div>
    </form>
  );
}
