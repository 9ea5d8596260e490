'use client';
import { useRouter } from 'next/navigation';
import type { FormResult } from '@/components/admin/ActionForm';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, inputClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';

type Drawn = { sampleId: string; items: number; candidates: number };

/** "Draw a sample" for one cohort: a period of whole days and an optional seed (to repeat a draw exactly). */
export function DrawSampleForm({
  cohortId,
  defaultFrom,
  defaultTo,
  action,
}: {
  cohortId: string;
  defaultFrom: string;
  defaultTo: string;
  action: (form: FormData) => Promise<FormResult<Drawn>>;
}) {
  const router = useRouter();
  const form = useActionForm(action, {
    fields: ['from', 'to', 'seed'],
    success: (d) => `Sample drawn: ${d.items} of ${d.candidates} decisions.`,
    onSuccess: () => router.refresh(),
  });
  const id = (name: string) => `draw-${cohortId}-${name}`;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="cohortId" value={cohortId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={id('from')} label="From (first day)" error={form.fieldErrors.from}>
          {(c) => <input {...c} name="from" type="date" defaultValue={defaultFrom} required className={inputClass} />}
        </Field>
        <Field id={id('to')} label="To (last day)" error={form.fieldErrors.to}>
          {(c) => <input {...c} name="to" type="date" defaultValue={defaultTo} required className={inputClass} />}
        </Field>
        <Field
          id={id('seed')}
          label="Seed (optional)"
          hint="Repeat an earlier draw with its seed."
          error={form.fieldErrors.seed}
        >
          {(c) => <input {...c} name="seed" type="text" maxLength={100} autoComplete="off" className={inputClass} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? 'Drawing\u2026' : 'Draw a sample'}
        </Button>
      </div>
      <Alert tone="error">{form.error}</Alert>
      <Alert tone="success">{form.success}</Alert>
    </form>
  );
}
