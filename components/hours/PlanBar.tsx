/**
 * A bar of hours logged with the plan as a dark line, scaled to `top` minutes. Decoration only (aria-hidden): every
 * caller writes the same figures out in words beside it.
 */
export function PlanBar({
  minutes,
  planned,
  top,
  behindTone = false,
}: {
  minutes: number;
  /** The plan's mark, or null for no plan. */
  planned: number | null;
  top: number;
  /** Colour the bar as "not yet" when it falls short of the plan. */
  behindTone?: boolean;
}) {
  const behind = behindTone && planned !== null && minutes < planned;
  return (
    <span className="relative block h-3 rounded bg-canvas" aria-hidden="true">
      <span
        className={`absolute inset-y-0 left-0 rounded ${behind ? 'bg-notyet' : 'bg-brand-600'}`}
        style={{ width: `${(100 * minutes) / top}%` }}
      />
      {planned ? (
        <span className="absolute inset-y-[-2px] w-0.5 bg-ink" style={{ left: `${(100 * planned) / top}%` }} />
      ) : null}
    </span>
  );
}
