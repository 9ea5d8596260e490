'use client';
import { useId } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, inputClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';

const FIELDS = ['name', 'declared'] as const;

/** The employer's signature: their name and a declaration. Sent once; the link then stops working. */
export function SignByLinkForm({
  token,
  learnerName,
  sign,
}: {
  token: string;
  learnerName: string;
  sign: (form: FormData) => Promise<FormResult<{ locked: boolean }>>;
}) {
  const id = useId();
  const form = useActionForm(sign, { fields: FIELDS });

  if (form.data)
    return (
      <Alert tone="success" size="md" data-testid="link-answered">
        {form.data.locked
          ? 'Thank you. Your signature is recorded, and with it everyone has signed: the review is now locked. You can close this page.'
          : 'Thank you. Your signature is recorded. You can close this page.'}
      </Alert>
    );

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <Field id={`${id}-name`} label="Your full name" error={form.fieldErrors.name}>
        {(control) => <input {...control} name="name" autoComplete="name" className={inputClass} maxLength={200} />}
      </Field>
      <div>
        <div className="flex items-start gap-2">
          <input
            id={`${id}-declared`}
            type="checkbox"
            name="declared"
            value="true"
            className="mt-1 h-4 w-4"
            aria-invalid={Boolean(form.fieldErrors.declared)}
            aria-describedby={form.fieldErrors.declared ? `${id}-declared-error` : undefined}
          />
          <label htmlFor={`${id}-declared`} className="text-sm">
            I have read {learnerName}&rsquo;s progress review above, and I agree with it.
          </label>
        </div>
        {form.fieldErrors.declared ? (
          <p id={`${id}-declared-error`} className="mt-1 text-sm font-medium text-red-800">
            {form.fieldErrors.declared}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? 'Signing\u2026' : 'Sign the review'}
      </Button>
      <Alert tone="error">{form.error}</Alert>
    </form>
  );
}
