import { errorTextClass, fieldControl, hintClass, labelClass, type FieldControl } from './field-class';

export { errorTextClass, inputClass, labelClass } from './field-class';

/**
 * A label, the control, a hint and an error, wired together: the label names the control, the hint and the error
 * describe it (aria-describedby), and an error marks it invalid (aria-invalid). The control is rendered by the
 * caller, which spreads the attributes it is given, so input, textarea and select all work:
 *
 *   <Field id="email" label="Email address" error={errors.email}>
 *     {(control) => <input {...control} name="email" type="email" className={inputClass} />}
 *   </Field>
 */
export function Field({
  id,
  label,
  hint,
  error,
  describedBy,
  className,
  children,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  /** A message written for the person; no message, no error. */
  error?: string;
  /** Ids of other elements that describe the control, read after the hint and the error. */
  describedBy?: string;
  className?: string;
  children: (control: FieldControl) => React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children(fieldControl(id, { hint, error, describedBy }))}
      {hint ? (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className={errorTextClass}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
