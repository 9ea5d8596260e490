/** Shared classes for the report pages, matching the rest of the portal's controls. */

export const primaryButton =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white ' +
  'shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-brand-200 disabled:text-brand-900/60';

export const secondaryButton =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-brand-200 bg-white px-4 py-2 text-sm ' +
  'font-semibold text-brand-700 hover:border-brand-500 hover:bg-brand-50 disabled:cursor-not-allowed disabled:opacity-60';

export const warnButton =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-notyet/50 bg-white px-4 py-2 text-sm ' +
  'font-semibold text-notyet hover:bg-notyet/5 disabled:cursor-not-allowed disabled:opacity-60';

export const toolButton =
  'inline-flex min-h-10 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium text-brand-700 hover:bg-brand-50 ' +
  'disabled:cursor-not-allowed disabled:opacity-50';

export const textareaClass =
  'block w-full resize-y rounded-lg border border-line bg-white px-3 py-2 text-[15px] leading-relaxed text-ink ' +
  'placeholder:text-muted/80 hover:border-brand-200 focus:border-brand-500 aria-[invalid=true]:border-notyet';

export const linkClass = 'font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-900';
