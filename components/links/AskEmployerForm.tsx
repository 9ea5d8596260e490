'use client';
import { useRouter } from 'next/navigation';
import { useId } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, inputClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';
import type { IssuedLinkView } from '@/lib/links/types';
import { IssuedLink } from './IssuedLink';

const FIELDS = ['name', 'role', 'email'] as const;

/**
 * The coach asks the learner's employer (or mentor) to sign the review by single-use link. Adding a signer changes
 * what everyone signs, so the form says to ask before signing; any change to the review afterwards stops the link.
 */
export function AskEmployerForm({
  reviewId,
  employerRequired,
  ask,
  children,
}: {
  reviewId: string;
  employerRequired: boolean;
  ask: (form: FormData) => Promise<FormResult<IssuedLinkView>>;
  /** Where the last link stands (a server component). */
  children?: React.ReactNode;
}) {
  const id = useId();
  const router = useRouter();
  const form = useActionForm(ask, { fields: FIELDS, onSuccess: () => router.refresh() });

  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-xl border border-line bg-white p-5 shadow-sm">
      <h2 id={`${id}-heading`} className="text-base font-semibold text-brand-900">
        Employer&rsquo;s signature
      </h2>
      <p className="mt-1 text-sm text-muted">
        {employerRequired
          ? 'This review asks the employer to sign too. Make a new link if the last one was lost, has expired or stopped working.'
          : 'Ask the learner\u2019s employer or mentor to sign by a link they open without an account. Ask once the review is written and before you sign: the employer then has to sign too, and any change to the review afterwards stops the link.'}
      </p>
      {children}
      <form onSubmit={form.onSubmit} noValidate className="mt-3 grid gap-3 sm:grid-cols-3">
        <input type="hidden" name="reviewId" value={reviewId} />
        <Field id={`${id}-name`} label="Their name" error={form.fieldErrors.name}>
          {(control) => <input {...control} name="name" autoComplete="off" className={inputClass} maxLength={200} />}
        </Field>
        <Field id={`${id}-role`} label="Their role (optional)" error={form.fieldErrors.role}>
          {(control) => <input {...control} name="role" autoComplete="off" className={inputClass} maxLength={200} />}
        </Field>
        <Field id={`${id}-email`} label="Their email" error={form.fieldErrors.email}>
          {(control) => (
            <input {...control} name="email" type="email" autoComplete="off" className={inputClass} maxLength={200} />
          )}
        </Field>
        <div className="sm:col-span-3">
          <Button type="submit" variant="secondary" disabled={form.pending}>
            {form.pending ? 'Making the link\u2026' : 'Make a signing link'}
          </Button>
          <Alert tone="error" className="mt-2">
            {form.error}
          </Alert>
        </div>
      </form>
      {form.data ? <IssuedLink link={form.data} /> : null}
    </section>
  );
}
