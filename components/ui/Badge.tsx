export type BadgeTone = 'brand' | 'met' | 'notyet' | 'pending' | 'muted' | 'plain';

const TONE: Record<BadgeTone, string> = {
  brand: 'border-brand-200 bg-brand-50 text-brand-700',
  met: 'border-met/40 bg-met/10 text-met',
  notyet: 'border-notyet/40 bg-notyet/10 text-notyet',
  pending: 'border-pending/40 bg-pending/10 text-pending',
  muted: 'border-line bg-canvas text-muted',
  plain: 'border-line bg-white text-muted',
};

const SIZE = {
  sm: 'px-2 py-0.5 text-xs',
  md: 'px-2.5 py-0.5 text-xs',
  lg: 'px-2.5 py-1 text-sm',
};

/**
 * A status as a pill: colour, an optional symbol and words, so it reads without colour too (and in print). The icon
 * is decorative (hide it from assistive technology); the words are the status.
 */
export function Badge({ tone, size = 'sm', icon, className, children, ...rest }: {
  tone: BadgeTone;
  size?: keyof typeof SIZE;
  icon?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
} & { 'data-status'?: string }) {
  return (
    <span className={['inline-flex items-center gap-1 whitespace-nowrap rounded-full border font-semibold', SIZE[size], TONE[tone], className].filter(Boolean).join(' ')} {...rest}>
      {icon}
      {children}
    </span>
  );
}
