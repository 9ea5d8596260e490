'use client';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/Button';
import { Field, inputClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';
import type { FormResult } from './ActionForm';

/**
 * An administrator's erasure of a learner's personal data (lib/erasure/erase.ts). The administrator types the learner's
 * email address to confirm and says why; the server checks both again. It cannot be undone, so there is no undo here.
 */
export function EraseLearnerForm({
  learnerId,
  email,
  action,
}: {
  learnerId: string;
  email: string;
  action: (form: FormData) => Promise<FormResult<{ pseudonym: string }>>;
}) {
  const router = useRouter();
  const form = useActionForm(action, {
    fields: ['confirmation', 'reason'],
    success: (d) => `Erased: the account is now “${d.pseudonym}”.`,
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="learnerId" value={learnerId} />
      <Field
        id="erasure-reason"
        label="Why"
        hint="For the audit log, e.g. “The learner’s request of 3 December”."
        error={form.fieldErrors.reason}
      >
        {(control) => <input {...control} name="reason" maxLength={500} className={inputClass} />}
      </Field>
      <Field
        id="erasure-confirmation"
        label={
          <>
            Type <span className="break-all font-mono">{email}</span> to confirm
          </>
        }
        error={form.fieldErrors.confirmation}
      >
        {(control) => (
          <input
            {...control}
            name="confirmation"
            type="email"
            autoComplete="off"
            spellCheck={false}
            maxLength={254}
            className={inputClass}
          />
        )}
      </Field>
      <Button type="submit" variant="danger" size="sm" disabled={form.pending}>
        {form.pending ? 'Erasing\u2026' : 'Erase personal data'}
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
