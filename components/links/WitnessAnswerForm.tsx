'use client';
import { useId, useState } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, inputClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';

const FIELDS = ['name', 'response', 'comment'] as const;

/** The witness's answer: their name, accurate or not, and an optional comment. Sent once; the link then stops working. */
export function WitnessAnswerForm({
  token,
  witnessName,
  answer,
}: {
  token: string;
  witnessName: string;
  answer: (form: FormData) => Promise<FormResult<{ response: 'confirmed' | 'disputed' }>>;
}) {
  const id = useId();
  const [response, setResponse] = useState<'confirmed' | 'disputed' | ''>('');
  const form = useActionForm(answer, { fields: FIELDS });

  if (form.data)
    return (
      <Alert tone="success" size="md" data-testid="link-answered">
        {form.data.response === 'confirmed'
          ? 'Thank you. Your confirmation is now part of the learner\u2019s record. You can close this page.'
          : 'Thank you. Your answer that the statement is not accurate is now part of the learner\u2019s record. You can close this page.'}
      </Alert>
    );

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <fieldset aria-describedby={form.fieldErrors.response ? `${id}-response-error` : undefined}>
        <legend className="text-sm font-medium">Is this statement accurate?</legend>
        <div className="mt-2 space-y-2">
          {(
            [
              ['confirmed', 'Yes, it is accurate: I confirm it'],
              ['disputed', 'No, it is not accurate'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="response"
                value={value}
                checked={response === value}
                onChange={() => setResponse(value)}
                aria-invalid={Boolean(form.fieldErrors.response)}
                className="h-4 w-4"
              />
              {label}
            </label>
          ))}
        </div>
        {form.fieldErrors.response ? (
          <p id={`${id}-response-error`} className="mt-1 text-sm font-medium text-red-800">
            {form.fieldErrors.response}
          </p>
        ) : null}
      </fieldset>
      <Field
        id={`${id}-comment`}
        label={response === 'disputed' ? 'What is not accurate? (optional)' : 'Anything to add? (optional)'}
        error={form.fieldErrors.comment}
      >
        {(control) => <textarea {...control} name="comment" rows={3} className={inputClass} maxLength={2000} />}
      </Field>
      <Field
        id={`${id}-name`}
        label="Your full name"
        hint={`The statement names ${witnessName} as the witness. Your name is recorded with your answer.`}
        error={form.fieldErrors.name}
      >
        {(control) => <input {...control} name="name" autoComplete="name" className={inputClass} maxLength={200} />}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? 'Sending\u2026' : 'Send my answer'}
        </Button>
      </div>
      <Alert tone="error">{form.error}</Alert>
    </form>
  );
}
