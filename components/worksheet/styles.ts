/** Shared classes, so every worksheet field looks and behaves the same. */

// field-sizing grows the box with its text (no scrollbars inside a form); each use sets a min-h so an empty box invites typing.
export const textareaClass =
  'block w-full resize-y rounded-lg border border-line bg-white px-3 py-2 text-[15px] leading-relaxed text-ink ' +
  '[field-sizing:content] max-h-[32rem] placeholder:text-muted/80 ' +
  'hover:border-brand-200 focus:border-brand-500 aria-[invalid=true]:border-notyet aria-[invalid=true]:bg-notyet/5 ' +
  'disabled:bg-canvas';
