'use client';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, inputClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';
import type { FormResult } from './ActionForm';
import { CreatedAccountNotice } from './CreatedAccountNotice';

interface Created {
  visitId: string;
  name: string;
  email: string;
  generatedPassword: string;
}

/** An external quality assurer's account and visit: who, for which awarding body, from which day to which day. */
export function CreateEqaVisitForm({
  action,
  today,
}: {
  action: (form: FormData) => Promise<FormResult<Created>>;
  today: string;
}) {
  const form = useActionForm(action, {
    fields: ['name', 'email', 'organisation', 'startsOn', 'endsOn'],
    resetOnSuccess: true,
  });
  const created = form.data;
  return (
    <div>
      <div aria-live="polite" className={created ? 'mb-5' : undefined}>
        {created ? (
          <CreatedAccountNotice
            message={`Visit created for ${created.name}.`}
            email={created.email}
            password={created.generatedPassword}
            next={{ href: `/admin/eqa/${created.visitId}`, label: 'Choose the samples to share with the visit' }}
          />
        ) : null}
      </div>
      <form onSubmit={form.onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
        {form.error ? (
          <Alert tone="error" className="sm:col-span-2">
            {form.error}
          </Alert>
        ) : null}
        <Field id="eqa-name" label="Assurer’s full name" error={form.fieldErrors.name}>
          {(control) => (
            <input {...control} name="name" required maxLength={120} autoComplete="off" className={inputClass} />
          )}
        </Field>
        <Field id="eqa-email" label="Email address" error={form.fieldErrors.email}>
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
        <Field
          id="eqa-organisation"
          className="sm:col-span-2"
          label="Awarding body"
          error={form.fieldErrors.organisation}
        >
          {(control) => (
            <input
              {...control}
              name="organisation"
              required
              maxLength={200}
              autoComplete="off"
              className={inputClass}
            />
          )}
        </Field>
        <Field id="eqa-starts" label="First day of the visit" error={form.fieldErrors.startsOn}>
          {(control) => (
            <input {...control} name="startsOn" type="date" required defaultValue={today} className={inputClass} />
          )}
        </Field>
        <Field
          id="eqa-ends"
          label="Last day of the visit"
          hint="Access ends at midnight (UK time) after this day."
          error={form.fieldErrors.endsOn}
        >
          {(control) => <input {...control} name="endsOn" type="date" required className={inputClass} />}
        </Field>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={form.pending}>
            {form.pending ? 'Creating\u2026' : 'Create the visit'}
          </Button>
        </div>
      </form>
    </div>
  );
}
