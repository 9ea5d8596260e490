'use client';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { errorTextClass, Field, inputClass, labelClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';
import type { FormResult } from './ActionForm';
import { CreatedAccountNotice } from './CreatedAccountNotice';

interface Created {
  id: string;
  email: string;
  name: string;
  generatedPassword?: string;
}

export function CreateAccountForm({ action }: { action: (form: FormData) => Promise<FormResult<Created>> }) {
  const form = useActionForm(action, { fields: ['name', 'email', 'role', 'password'], resetOnSuccess: true });
  const created = form.data;

  return (
    <div>
      <div aria-live="polite" className={created ? 'mb-5' : undefined}>
        {created ? (
          <CreatedAccountNotice
            message={`Account created for ${created.name}.`}
            email={created.email}
            password={created.generatedPassword}
            next={{
              href: `/admin/accounts/${created.id}`,
              label: `Open ${created.name}\u2019s account to assign staff and modules`,
            }}
          />
        ) : null}
      </div>
      <form onSubmit={form.onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
        {form.error ? (
          <Alert tone="error" className="sm:col-span-2">
            {form.error}
          </Alert>
        ) : null}
        <Field id="name" label="Full name" error={form.fieldErrors.name}>
          {(control) => (
            <input {...control} name="name" required maxLength={120} autoComplete="off" className={inputClass} />
          )}
        </Field>
        <Field id="email" label="Email address" error={form.fieldErrors.email}>
          {(control) => (
            <input
              {...control}
              name="email"
              type="email"
              required
              maxLength={254}
              autoComplete="off"
              className={inputClass}
            />
          )}
        </Field>
        <fieldset className="sm:col-span-2" aria-describedby={form.fieldErrors.role ? 'role-error' : undefined}>
          <legend className={labelClass}>Role</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {(['learner', 'assessor', 'coach', 'admin'] as const).map((role, i) => (
              <label key={role} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="role"
                  value={role}
                  defaultChecked={i === 0}
                  className="h-4 w-4 accent-brand-600"
                />
                {{ learner: 'Learner', assessor: 'Assessor', coach: 'Enterprise coach', admin: 'Administrator' }[role]}
              </label>
            ))}
          </div>
          {form.fieldErrors.role ? (
            <p id="role-error" className={errorTextClass}>
              {form.fieldErrors.role}
            </p>
          ) : null}
        </fieldset>
        <Field
          id="password"
          className="sm:col-span-2"
          label={
            <>
              Initial password <span className="font-normal text-muted">(optional)</span>
            </>
          }
          hint="Leave empty and Criterion makes one up and shows it to you once. At least 12 characters if you choose one."
          error={form.fieldErrors.password}
        >
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="new-password"
              maxLength={200}
              className={`${inputClass} sm:max-w-sm`}
            />
          )}
        </Field>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={form.pending}>
            {form.pending ? 'Creating\u2026' : 'Create account'}
          </Button>
        </div>
      </form>
    </div>
  );
}
