'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { FormResult } from './ActionForm';
import { OneTimePassword } from './OneTimePassword';
import { inputClass, labelClass, primaryButton } from './styles';

interface Created { id: string; email: string; name: string; generatedPassword?: string }

export function CreateAccountForm({ action }: { action: (form: FormData) => Promise<FormResult<Created>> }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ text: string; fields: Record<string, string> }>();
  const [created, setCreated] = useState<Created>();

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setPending(true);
    setError(undefined);
    try {
      const result = await action(new FormData(form));
      if (result.ok) {
        setCreated(result.data);
        form.reset();
      } else setError({ text: result.error, fields: result.fieldErrors ?? {} });
    } catch {
      setError({ text: 'We could not reach Criterion. Check your connection and try again.', fields: {} });
    } finally {
      setPending(false);
    }
  }

  const fieldError = (name: string) => error?.fields[name] ? (
    <p id={`${name}-error`} className="mt-1 text-sm text-red-800">{error.fields[name]}</p>
  ) : null;
  const describedBy = (name: string, hint?: string) => [error?.fields[name] ? `${name}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined;

  return (
    <div>
      <div aria-live="polite" className={created ? 'mb-5' : undefined}>
        {created ? (
          <div className="space-y-3">
            <p className="font-medium text-met"><span aria-hidden="true">{'\u2713 '}</span>Account created for {created.name}.</p>
            {created.generatedPassword ? <OneTimePassword email={created.email} password={created.generatedPassword} /> : null}
            <Link href={`/admin/accounts/${created.id}`} className="inline-block text-sm font-medium text-brand-600 underline">
              Open {created.name}&rsquo;s account to assign staff and modules
            </Link>
          </div>
        ) : null}
      </div>
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
        {error ? <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 sm:col-span-2">{error.text}</p> : null}
        <div>
          <label htmlFor="name" className={labelClass}>Full name</label>
          <input id="name" name="name" required maxLength={120} autoComplete="off" className={inputClass}
            aria-invalid={Boolean(error?.fields.name)} aria-describedby={describedBy('name')} />
          {fieldError('name')}
        </div>
        <div>
          <label htmlFor="email" className={labelClass}>Email address</label>
          <input id="email" name="email" type="email" required maxLength={254} autoComplete="off" className={inputClass}
            aria-invalid={Boolean(error?.fields.email)} aria-describedby={describedBy('email')} />
          {fieldError('email')}
        </div>
        <fieldset className="sm:col-span-2">
          <legend className={labelClass}>Role</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {(['learner', 'assessor', 'coach', 'admin'] as const).map((role, i) => (
              <label key={role} className="flex items-center gap-2 text-sm">
                <input type="radio" name="role" value={role} defaultChecked={i === 0} className="h-4 w-4 accent-brand-600" />
                {{ learner: 'Learner', assessor: 'Assessor', coach: 'Enterprise coach', admin: 'Administrator' }[role]}
              </label>
            ))}
          </div>
          {fieldError('role')}
        </fieldset>
        <div className="sm:col-span-2">
          <label htmlFor="password" className={labelClass}>Initial password <span className="font-normal text-muted">(optional)</span></label>
          <input id="password" name="password" type="password" autoComplete="new-password" maxLength={200} className={`${inputClass} sm:max-w-sm`}
            aria-invalid={Boolean(error?.fields.password)} aria-describedby={describedBy('password', 'password-hint')} />
          <p id="password-hint" className="mt-1 text-sm text-muted">Leave empty and Criterion makes one up and shows it to you once. At least 12 characters if you choose one.</p>
          {fieldError('password')}
        </div>
        <div className="sm:col-span-2">
          <button type="submit" disabled={pending} className={primaryButton}>{pending ? 'Creating\u2026' : 'Create account'}</button>
        </div>
      </form>
    </div>
  );
}
