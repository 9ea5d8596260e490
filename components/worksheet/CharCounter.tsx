import { formatNumber } from '@/lib/format';
import { charCount } from '@/lib/worksheets/answers';

/**
 * "1,234 / 5,000 characters". Over the limit it says so in words (not only in red) and how much to cut.
 * `quietBelow`: hide the count (visually) until the text is this long, for small table cells.
 */
export function CharCounter({
  id,
  text,
  max,
  quietBelow = 0,
}: {
  id: string;
  text: string;
  max: number;
  quietBelow?: number;
}) {
  const n = charCount(text);
  const over = n - max;
  if (over > 0) {
    return (
      <div id={id} className="mt-1 text-sm font-semibold text-notyet">
        {formatNumber(n)} / {formatNumber(max)} characters: {formatNumber(over)} too many. Shorten it so it can be
        saved.
      </div>
    );
  }
  const quiet = n < quietBelow;
  return (
    <div id={id} className={`mt-1 text-xs tabular-nums text-muted ${quiet ? 'sr-only' : ''}`}>
      {formatNumber(n)} / {formatNumber(max)} characters
    </div>
  );
}
