/** Shared looks for form controls (a plain module: server pages need the strings, not client references). */
export const inputClass =
  'w-full rounded-md border border-line bg-white px-3 py-2 text-base shadow-inner focus:border-brand-500';
export const labelClass = 'mb-1 block text-sm font-medium';
export const hintClass = 'mt-1 text-sm text-muted';
export const errorTextClass = 'mt-1 text-sm font-medium text-red-800';

/** The attributes a Field hands to its control, so label, hint and error are all announced with it. */
export interface FieldControl {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** The ids and attributes for a control with an optional hint, an optional error and any other descriptions. */
export function fieldControl(
  id: string,
  { hint, error, describedBy }: { hint?: unknown; error?: unknown; describedBy?: string },
): FieldControl {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', describedBy ?? ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined };
}
