'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FormResult } from '@/components/admin/ActionForm';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { errorTextClass, Field, inputClass } from '@/components/ui/Field';
import { useActionForm } from '@/components/ui/useActionForm';
import type { PlanFormValues } from '@/lib/qa/plan-form';

type Dimension = keyof PlanFormValues['coverage'];

const COVERAGE: { dimension: Dimension; field: string; label: string }[] = [
  { dimension: 'assessor', field: 'coverAssessor', label: 'Every assessor' },
  { dimension: 'module', field: 'coverModule', label: 'Every unit or module' },
  { dimension: 'method', field: 'coverMethod', label: 'Every assessment method (evidence kind)' },
  { dimension: 'stage', field: 'coverStage', label: 'Interim and summative decisions' },
  { dimension: 'cohort', field: 'coverCohort', label: 'The cohort' },
];

const FIELDS = [
  'name',
  'standardRate',
  'signOffRate',
  'newAssessor',
  'newAssessorFirst',
  'newAssessorRate',
  'afterDisagreement',
  'afterDisagreementFor',
  'afterDisagreementRate',
  ...COVERAGE.map((c) => c.field),
  'modules',
];

const legendClass = 'text-base font-semibold text-brand-900';
const boxClass = 'space-y-3 rounded-lg border border-line p-3';
const percentInput = 'w-28 ' + inputClass.replace('w-full ', '');

/**
 * The cohort's sampling plan as a form (issue 20). Saving stores the next version; the server validates every field
 * and refuses a save over a version someone else saved meanwhile. An optional rule's numbers are disabled (and not
 * sent) while its box is unticked.
 */
export function PlanEditor({
  cohortId,
  version,
  values,
  modules,
  action,
}: {
  cohortId: string;
  version: number;
  values: PlanFormValues;
  modules: { slug: string; label: string }[];
  action: (form: FormData) => Promise<FormResult<{ version: number }>>;
}) {
  const router = useRouter();
  const [newAssessor, setNewAssessor] = useState(values.newAssessor);
  const [afterDisagreement, setAfterDisagreement] = useState(values.afterDisagreement);
  const form = useActionForm(action, {
    fields: FIELDS,
    success: (d) => `Saved as version ${d.version}. Samples drawn from now on use it.`,
    onSuccess: () => router.refresh(),
  });
  const id = (name: string) => `plan-${cohortId}-${name}`;
  const err = form.fieldErrors;
  const pct = (name: keyof PlanFormValues, label: string, hint?: string, disabled = false) => (
    <Field id={id(name)} label={label} hint={hint} error={err[name]}>
      {(c) => (
        <span className="flex items-center gap-2">
          <input
            {...c}
            name={name}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values[name] as string}
            disabled={disabled}
            className={percentInput}
          />
          <span aria-hidden="true">%</span>
        </span>
      )}
    </Field>
  );
  const count = (name: keyof PlanFormValues, label: string, disabled: boolean) => (
    <Field id={id(name)} label={label} error={err[name]}>
      {(c) => (
        <input
          {...c}
          name={name}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={values[name] as string}
          disabled={disabled}
          className={percentInput}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-label="Sampling plan">
      <input type="hidden" name="cohortId" value={cohortId} />
      <input type="hidden" name="basedOnVersion" value={version} />
      <Field id={id('name')} label="Name of the plan" error={err.name}>
        {(c) => (
          <input
            {...c}
            name="name"
            type="text"
            maxLength={200}
            autoComplete="off"
            defaultValue={values.name}
            className={inputClass}
          />
        )}
      </Field>

      <fieldset className={boxClass}>
        <legend className={legendClass}>Rates per assessor</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {pct('standardRate', 'Standard rate', 'Share of each assessor’s criterion decisions.')}
          {pct('signOffRate', 'Report sign-offs', 'Leave empty to sample sign-offs at the standard rate.')}
        </div>
        <div className="space-y-2 border-t border-line pt-3">
          <label className="flex items-start gap-2 text-sm font-medium">
            <input
              type="checkbox"
              name="newAssessor"
              className="mt-1"
              checked={newAssessor}
              onChange={(e) => setNewAssessor(e.target.checked)}
              aria-describedby={err.newAssessor ? id('newAssessor-error') : undefined}
            />
            A higher rate for a new assessor’s first decisions
          </label>
          {err.newAssessor ? (
            <p id={id('newAssessor-error')} className={errorTextClass}>
              {err.newAssessor}
            </p>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2">
            {count('newAssessorFirst', 'First decisions', !newAssessor)}
            {pct('newAssessorRate', 'Rate for those', undefined, !newAssessor)}
          </div>
        </div>
        <div className="space-y-2 border-t border-line pt-3">
          <label className="flex items-start gap-2 text-sm font-medium">
            <input
              type="checkbox"
              name="afterDisagreement"
              className="mt-1"
              checked={afterDisagreement}
              onChange={(e) => setAfterDisagreement(e.target.checked)}
              aria-describedby={err.afterDisagreement ? id('afterDisagreement-error') : undefined}
            />
            A higher rate after you disagree with an assessor
          </label>
          {err.afterDisagreement ? (
            <p id={id('afterDisagreement-error')} className={errorTextClass}>
              {err.afterDisagreement}
            </p>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2">
            {count('afterDisagreementFor', 'For their next decisions', !afterDisagreement)}
            {pct('afterDisagreementRate', 'Rate for those', undefined, !afterDisagreement)}
          </div>
        </div>
        <p className="text-sm text-muted">When several rates apply to a decision, the highest is used.</p>
      </fieldset>

      <fieldset className={boxClass}>
        <legend className={legendClass}>Coverage (the CAMERA grid)</legend>
        <p className="text-sm text-muted">
          Whatever the rates draw, the sample reaches every value of these: in every sample, or at least once over the
          plan’s samples.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          {COVERAGE.map((c) => (
            <Field key={c.field} id={id(c.field)} label={c.label} error={err[c.field]}>
              {(ctl) => (
                <select {...ctl} name={c.field} defaultValue={values.coverage[c.dimension]} className={inputClass}>
                  <option value="sample">In every sample</option>
                  <option value="plan">Over the plan’s samples</option>
                  <option value="none">Not required</option>
                </select>
              )}
            </Field>
          ))}
        </div>
      </fieldset>

      <fieldset
        className={boxClass}
        aria-describedby={`${id('modules')}-hint${err.modules ? ` ${id('modules')}-error` : ''}`}
      >
        <legend className={legendClass}>Modules</legend>
        <p id={`${id('modules')}-hint`} className="text-sm text-muted">
          Tick modules to limit the plan to them (a plan for one qualification unit); none ticked: every module.
        </p>
        <div className="grid gap-2 sm:grid-cols-2">
          {modules.map((m) => (
            <label key={m.slug} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="modules"
                value={m.slug}
                className="mt-1"
                defaultChecked={values.modules.includes(m.slug)}
                aria-invalid={err.modules ? true : undefined}
              />
              {m.label}
            </label>
          ))}
        </div>
        {err.modules ? (
          <p id={`${id('modules')}-error`} className={errorTextClass}>
            {err.modules}
          </p>
        ) : null}
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.pending}>
          {form.pending ? 'Saving\u2026' : version ? `Save as version ${version + 1}` : 'Save the plan'}
        </Button>
        <span className="text-sm text-muted">Earlier versions are kept; samples name the version they used.</span>
      </div>
      <Alert tone="error">{form.error}</Alert>
      <Alert tone="success">{form.success}</Alert>
    </form>
  );
}
