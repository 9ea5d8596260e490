/** Shared classes, so every worksheet field looks and behaves the same. */

// field-sizing grows the box with its text (no scrollbars inside a form); each use sets a min-h so an empty box invites typing.
export const textareaClass =
  'block w-full resize-y rounded-lg border border-line bg-white px-3 py-2 text-[15px] leading-relaxed text-ink ' +
  '[field-sizing:content] max-h-[32rem] placeholder:text-muted/80 ' +
  'hover:border-brand-200 focus:border-brand-500 aria-[invalid=true]:border-notyet aria-[invalid=true]:bg-notyet/5 ' +
  'disabled:bg-canvas';

export const primaryButton =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white ' +
  'shadow-sm hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-brand-200 disabled:text-brand-900/60';

export const secondaryButton =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-brand-200 bg-white px-4 py-2 text-sm ' +
  'font-semibold text-brand-700 hover:border-brand-500 hover:bg-brand-50 disabled:cursor-not-allowed disabled:opacity-60';

export const quietButton =
  'inline-flex min-h-11 min-w-11 items-center justify-center gap-1.5 rounded-lg px-2.5 text-sm font-medium text-muted ' +
  'hover:bg-notyet/10 hover:text-notyet';
