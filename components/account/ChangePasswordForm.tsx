'use client';
import { useRouter } from 'next/navigation';
import type { FormResult } from '@/components/admin/ActionForm';
import { Button } from '@/components/ui/Button';
import { Field, inputClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';

const FIELDS = [
  { name: 'current', label: 'Current password', autoComplete: 'current-password' },
  { name: 'next', label: 'New password', autoComplete: 'new-password' },
  { name: 'confirm', label: 'New password again', autoComplete: 'new-password' },
] as const;

export function ChangePasswordForm({
  action,
  minLength,
}: {
  action: (form: FormData) => Promise<FormResult>;
  minLength: number;
}) {
  const router = useRouter();
  const form = useActionForm(action, {
    fields: FIELDS.map((f) => f.name),
    success: 'Password changed. Every other session of your account has been signed out.',
    resetOnSuccess: true,
    onSuccess: () => router.refresh(),
  });

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3">
      {FIELDS.map((f) => (
        <Field
          key={f.name}
          id={`pw-${f.name}`}
          label={f.label}
          error={form.fieldErrors[f.name]}
          hint={
            f.name === 'next'
              ? `At least ${minLength} characters, and not a common password. A few unrelated words make a good one.`
              : undefined
          }
        >
          {(control) => (
            <input
              {...control}
              name={f.name}
              type="password"
              autoComplete={f.autoComplete}
              maxLength={200}
              required
              className={`${inputClass} sm:max-w-sm`}
            />
          )}
        </Field>
      ))}
      <Button type="submit" disabled={form.pending}>
        {form.pending ? 'Changing\u2026' : 'Change password'}
      </Button>
      <div aria-live="polite">
        {form.success ? (
          <p className="text-sm font-medium text-met">
            {'\u2713 '}
            {form.success}
          </p>
        ) : null}
        {form.error ? <p className="text-sm font-medium text-red-800">{form.error}</p> : null}
      </div>
    </form>
  );
}
