/** Shared classes for the report pages, matching the rest of the portal's controls. */

export const textareaClass =
  'block w-full resize-y rounded-lg border border-line bg-white px-3 py-2 text-[15px] leading-relaxed text-ink ' +
  'placeholder:text-muted/80 hover:border-brand-200 focus:border-brand-500 aria-[invalid=true]:border-notyet';
