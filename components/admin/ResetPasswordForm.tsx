'use client';
import { Button } from '@/components/ui/Button';
import { Field, inputClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';
import type { FormResult } from './ActionForm';
import { OneTimePassword } from './OneTimePassword';

export function ResetPasswordForm({
  userId,
  email,
  action,
}: {
  userId: string;
  email: string;
  action: (form: FormData) => Promise<FormResult<{ generatedPassword?: string }>>;
}) {
  const form = useActionForm(action, {
    fields: ['password'],
    success: 'Password changed. The old one no longer works.',
    resetOnSuccess: true,
  });
  const generated = form.data?.generatedPassword;

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="userId" value={userId} />
      <Field
        id="new-password"
        label={
          <>
            New password <span className="font-normal text-muted">(optional)</span>
          </>
        }
        hint="Leave empty to have one made up and shown once."
        error={form.fieldErrors.password}
      >
        {(control) => (
          <input
            {...control}
            name="password"
            type="password"
            autoComplete="new-password"
            maxLength={200}
            className={inputClass}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" size="sm" disabled={form.pending}>
        {form.pending ? 'Resetting\u2026' : 'Reset password'}
      </Button>
      <div aria-live="polite" className="space-y-3">
        {form.success ? (
          <p className="text-sm font-medium text-met">
            {'\u2713 '}
            {form.success}
          </p>
        ) : null}
        {form.error ? <p className="text-sm font-medium text-red-800">{form.error}</p> : null}
        {generated ? <OneTimePassword email={email} password={generated} /> : null}
      </div>
    </form>
  );
}
