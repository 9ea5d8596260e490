export type AlertTone = 'info' | 'success' | 'warning' | 'error';

const TONE: Record<AlertTone, string> = {
  info: 'border-brand-200 bg-brand-50 text-brand-900',
  success: 'border-met/30 bg-met/5 text-met',
  warning: 'border-amber-300 bg-amber-50 text-amber-900',
  error: 'border-red-300 bg-red-50 text-red-800',
};

const SIZE = {
  /** A message inside a form, under or above its fields. */
  sm: 'rounded-md px-3 py-2 text-sm',
  /** A notice for the whole page (inherits the text size). */
  md: 'rounded-lg p-4',
};

/**
 * Errors and warnings interrupt (role="alert": the person's action failed, or they must act before going on); success
 * and information wait their turn (role="status"). Pass role={null} for a notice that is simply part of the page.
 *
 * With no children it still renders its (visually hidden, empty) live region, so a message put into it later is
 * announced: render it from the start where a message may appear, e.g. <Alert tone="error">{error}</Alert>.
 */
export function Alert({
  tone,
  size = 'sm',
  role,
  className,
  children,
  ...rest
}: {
  tone: AlertTone;
  size?: keyof typeof SIZE;
  role?: 'alert' | 'status' | null;
  className?: string;
  children?: React.ReactNode;
} & Pick<React.HTMLAttributes<HTMLDivElement>, 'id' | 'tabIndex'> & { 'data-testid'?: string }) {
  const chosen = role === undefined ? (tone === 'error' || tone === 'warning' ? 'alert' : 'status') : role;
  const empty = children === undefined || children === null || children === false || children === '';
  return (
    <div
      role={chosen ?? undefined}
      className={empty ? 'sr-only' : [`border ${SIZE[size]} ${TONE[tone]}`, className].filter(Boolean).join(' ')}
      {...rest}
    >
      {empty ? null : children}
    </div>
  );
}
