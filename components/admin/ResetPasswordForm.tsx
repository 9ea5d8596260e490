'use client';
import { useState } from 'react';
import type { FormResult } from './ActionForm';
import { OneTimePassword } from './OneTimePassword';
import { inputClass, labelClass, secondaryButton } from './styles';

export function ResetPasswordForm({ userId, email, action }: {
  userId: string;
  email: string;
  action: (form: FormData) => Promise<FormResult<{ generatedPassword?: string }>>;
}) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [generated, setGenerated] = useState<string>();

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setPending(true);
    setGenerated(undefined);
    try {
      const result = await action(new FormData(form));
      if (result.ok) {
        setMessage({ ok: true, text: 'Password changed. The old one no longer works.' });
        setGenerated(result.data.generatedPassword);
        form.reset();
      } else setMessage({ ok: false, text: result.error });
    } catch {
      setMessage({ ok: false, text: 'We could not reach Criterion. Check your connection and try again.' });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <div>
        <label htmlFor="new-password" className={labelClass}>New password <span className="font-normal text-muted">(optional)</span></label>
        <input id="new-password" name="password" type="password" autoComplete="new-password" maxLength={200} className={inputClass} aria-describedby="new-password-hint" />
        <p id="new-password-hint" className="mt-1 text-sm text-muted">Leave empty to have one made up and shown once.</p>
      </div>
      <button type="submit" disabled={pending} className={secondaryButton}>{pending ? 'Resetting\u2026' : 'Reset password'}</button>
      <div aria-live="polite" className="space-y-3">
        {message ? <p className={`text-sm font-medium ${message.ok ? 'text-met' : 'text-red-800'}`}>{message.ok ? '\u2713 ' : ''}{message.text}</p> : null}
        {generated ? <OneTimePassword email={email} password={generated} /> : null}
      </div>
    </form>
  );
}
