'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, inputClass, labelClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';

const ROWS = 3;

/**
 * The IQA's verdict on a sampled decision: agree, or disagree with feedback and action points with due dates. When
 * the item already has a verdict, the new one supersedes it (`supersedesId`); the server refuses a stale form.
 */
export function DecisionForm({
  itemId,
  supersedesId,
  defaultDue,
  action,
}: {
  itemId: string;
  supersedesId: string | null;
  defaultDue: string;
  action: (form: FormData) => Promise<FormResult<{ id: string; actionIds: string[] }>>;
}) {
  const router = useRouter();
  const [verdict, setVerdict] = useState<'agree' | 'disagree' | ''>('');
  const form = useActionForm(action, {
    fields: ['verdict', 'feedback'],
    success: 'Your verdict is recorded.',
    resetOnSuccess: true,
    onSuccess: () => {
      setVerdict('');
      router.refresh();
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="supersedesId" value={supersedesId ?? ''} />
      <fieldset aria-describedby={form.fieldErrors.verdict ? 'verdict-error' : undefined}>
        <legend className={labelClass}>
          {supersedesId ? 'Your new verdict (it replaces the current one; the history stays)' : 'Your verdict'}
        </legend>
        <div className="flex flex-wrap gap-4">
          {(['agree', 'disagree'] as const).map((v) => (
            <label key={v} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="verdict"
                value={v}
                checked={verdict === v}
                onChange={() => setVerdict(v)}
                aria-invalid={form.fieldErrors.verdict ? true : undefined}
              />
              {v === 'agree' ? 'Agree with the assessor’s decision' : 'Disagree'}
            </label>
          ))}
        </div>
        {form.fieldErrors.verdict ? (
          <p id="verdict-error" className="mt-1 text-sm font-medium text-red-800">
            {form.fieldErrors.verdict}
          </p>
        ) : null}
      </fieldset>
      <Field
        id="feedback"
        label="Feedback to the assessor"
        hint={verdict === 'disagree' ? 'Needed when you disagree: say why.' : 'Optional when you agree.'}
        error={form.fieldErrors.feedback}
      >
        {(c) => <textarea {...c} name="feedback" rows={4} maxLength={5000} className={inputClass} />}
      </Field>
      <fieldset>
        <legend className={labelClass}>Action points (optional)</legend>
        <div className="space-y-2">
          {Array.from({ length: ROWS }, (_, i) => (
            <div key={i} className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_11rem]">
              <div>
                <label htmlFor={`action-${i}`} className="sr-only">
                  Action {i + 1}
                </label>
                <input
                  id={`action-${i}`}
                  name="actionText"
                  type="text"
                  maxLength={2000}
                  placeholder={`Action ${i + 1}`}
                  className={inputClass}
                />
              </div>
              <div>
                <label htmlFor={`due-${i}`} className="sr-only">
                  Action {i + 1} due on
                </label>
                <input id={`due-${i}`} name="actionDue" type="date" defaultValue={defaultDue} className={inputClass} />
              </div>
            </div>
          ))}
        </div>
        <p className="mt-1 text-sm text-muted">Rows left without an action are ignored.</p>
      </fieldset>
      <Button type="submit" disabled={form.pending}>
        {form.pending ? 'Recording\u2026' : 'Record verdict'}
      </Button>
      <Alert tone="error">{form.error}</Alert>
      <Alert tone="success">{form.success}</Alert>
    </form>
  );
}
