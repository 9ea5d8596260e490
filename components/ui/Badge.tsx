export type BadgeTone = 'brand' | 'met' | 'notyet' | 'pending' | 'muted' | 'plain';

const FILL: Record<BadgeTone, string> = {
  brand: 'bg-brand-50 text-brand-700',
  met: 'bg-met/10 text-met',
  notyet: 'bg-notyet/10 text-notyet',
  pending: 'bg-pending/10 text-pending',
  muted: 'bg-canvas text-muted',
  plain: 'bg-white text-muted',
};

const EDGE: Record<BadgeTone, string> = {
  brand: 'border border-brand-200',
  met: 'border border-met/40',
  notyet: 'border border-notyet/40',
  pending: 'border border-pending/40',
  muted: 'border border-line',
  plain: 'border border-line',
};

const SIZE = {
  xs: 'px-2 py-0.5 text-xs',
  sm: 'px-2.5 py-0.5 text-xs',
  md: 'px-2.5 py-0.5 text-sm',
  lg: 'px-2.5 py-1 text-sm',
};

/**
 * A status as a pill: colour, a symbol and words, so it reads without colour too (and in print). The symbol is
 * decorative (give it aria-hidden); the words are the status. `outlined={false}` for a pill drawn by its fill alone.
 * Server component without hooks; client components may render it as well.
 */
export function Badge({
  tone,
  size = 'sm',
  outlined = true,
  wrap = false,
  icon,
  className,
  children,
  ...rest
}: {
  tone: BadgeTone;
  size?: keyof typeof SIZE;
  outlined?: boolean;
  /** Long words may wrap onto a second line (a badge is otherwise kept on one line). */
  wrap?: boolean;
  icon?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
} & { 'data-status'?: string }) {
  const look = [
    'inline-flex items-center gap-1 rounded-full font-semibold',
    wrap ? '' : 'whitespace-nowrap',
    SIZE[size],
    FILL[tone],
    outlined ? EDGE[tone] : '',
    className,
  ];
  return (
    <span className={look.filter(Boolean).join(' ')} {...rest}>
      {icon}
      {children}
    </span>
  );
}
