/**
 * The one definition of how a button looks, for <button>, Next's <Link> and plain <a> alike. A plain module (not
 * 'use client'), so server pages get the string itself rather than a client reference.
 *
 * Two shapes exist on purpose: the compact controls of the staff and admin pages (`sm`, `md`, `lg`: rounded-md) and
 * the 44 px touch targets of the learner's writing pages (`touch`, `touch-sm`: rounded-lg); `tool` for editor toolbars.
 */
export type ButtonVariant =
  /** The one main action: filled brand colour. */
  | 'primary'
  /** A plain outlined action (grey border, ink text). */
  | 'secondary'
  /** An outlined action in the brand colour (the writing pages' second choice). */
  | 'outline'
  /** Locks someone out or takes something away: red outline. */
  | 'danger'
  /** Sends work back (refer): orange outline. */
  | 'warn'
  /** Looks like a link, behaves like a button (toolbars, "Cancel"). */
  | 'link';
export type ButtonSize = 'sm' | 'md' | 'lg' | 'touch' | 'touch-sm' | 'tool';

const BASE = 'inline-flex items-center justify-center text-center disabled:cursor-not-allowed';

const VARIANT: Record<ButtonVariant, string> = {
  primary: 'bg-brand-600 font-semibold text-white hover:bg-brand-700',
  secondary: 'border border-line bg-white font-medium text-ink hover:bg-canvas',
  outline: 'border border-brand-200 bg-white font-semibold text-brand-700 hover:border-brand-500 hover:bg-brand-50',
  danger: 'border border-red-300 bg-white font-medium text-red-800 hover:bg-red-50',
  warn: 'border border-notyet/50 bg-white font-semibold text-notyet hover:bg-notyet/5',
  link: 'font-medium text-brand-700 hover:bg-brand-50',
};

const SIZE: Record<ButtonSize, string> = {
  sm: 'gap-2 rounded-md px-3 py-1.5 text-sm',
  md: 'gap-2 rounded-md px-4 py-2 text-sm',
  lg: 'gap-2 rounded-md px-5 py-2.5 text-base',
  touch: 'min-h-11 gap-2 rounded-lg px-4 py-2 text-sm',
  'touch-sm': 'min-h-10 gap-2 rounded-lg px-3 text-sm',
  /** Editor toolbars: a 40 px target with an icon and a word. */
  tool: 'min-h-10 gap-1.5 rounded-md px-2.5 text-sm',
};

/** Touch-size primary buttons are raised and show "disabled" as a pale fill (they sit beside live save states); others fade. */
function stateLook(variant: ButtonVariant, size: ButtonSize): string {
  if (variant === 'primary' && size.startsWith('touch'))
    return 'shadow-sm disabled:bg-brand-200 disabled:text-brand-900/60';
  return 'disabled:opacity-60';
}

export interface ButtonStyle {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Layout only (margins, width, alignment): never colours or padding, which the variant and size own. */
  className?: string;
}

export function buttonClass({ variant = 'primary', size = 'md', className }: ButtonStyle = {}): string {
  return [BASE, VARIANT[variant], SIZE[size], stateLook(variant, size), className].filter(Boolean).join(' ');
}
