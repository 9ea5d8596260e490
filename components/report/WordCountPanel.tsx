import { formatNumber } from '@/lib/format';
import { standing, standingSummary, wordNoun, words, type WordLimits } from '@/lib/reports/format';
import { CheckIcon, WarningIcon } from './icons';

export interface WordCountPanelProps {
  counted: number;
  total: number;
  excluded: { heading: string; words: number; reason: string }[];
  /** The unit's range and what its count leaves out. */
  rules: WordLimits & { excludedSections: string[]; countHeadings: boolean };
  /** e.g. "Live count" or "Counted at submission". */
  caption?: string;
  headingLevel?: 'h2' | 'h3';
  id?: string;
  className?: string;
  /** A submitted version: say where it stands, not how much room is left. */
  final?: boolean;
}

/**
 * The count a learner or assessor acts on: counted words against the unit's range on a bar with both
 * marks (also said in words), the total, and what was left out and why.
 */
export function WordCountPanel(p: WordCountPanelProps) {
  const { counted, total, excluded, rules: limits } = p;
  const where = standing(counted, limits);
  const scale = Math.max(Math.round(limits.maxWords * 1.2), counted);
  const pct = (n: number) => `${Math.min(100, (n / scale) * 100).toFixed(2)}%`;
  const leftOut = total - counted;
  const H = p.headingLevel ?? 'h2';
  const titleId = `${p.id ?? 'wc'}-title`;
  const tone = where === 'within' ? 'text-met' : 'text-notyet';
  const fill = where === 'within' ? 'bg-met' : 'bg-notyet';

  return (
    <section
      aria-labelledby={titleId}
      className={`rounded-xl border border-line bg-white p-4 shadow-sm sm:p-5 ${p.className ?? ''}`}
      data-testid="word-count"
    >
      <div className="flex items-baseline justify-between gap-3">
        <H id={titleId} className="text-base font-semibold text-brand-900">
          Word count
        </H>
        {p.caption ? <span className="text-xs text-muted">{p.caption}</span> : null}
      </div>
      <p className="mt-2 flex items-baseline gap-2">
        <span className="text-3xl font-semibold tabular-nums tracking-tight text-ink" data-testid="counted-words">
          {formatNumber(counted)}
        </span>
        <span className="text-sm text-muted">counted {wordNoun(counted)}</span>
      </p>

      <div className="mt-3">
        <div
          role="meter"
          aria-label="Counted words against the unit's range"
          aria-valuemin={0}
          aria-valuemax={scale}
          aria-valuenow={counted}
          aria-valuetext={`${formatNumber(counted)} counted words; the unit needs ${formatNumber(limits.minWords)} to ${formatNumber(limits.maxWords)}`}
          className="relative h-3 rounded-full bg-canvas ring-1 ring-line ring-inset"
        >
          <div
            className="absolute inset-y-0 rounded-full bg-met/10"
            style={{ left: pct(limits.minWords), width: `calc(${pct(limits.maxWords)} - ${pct(limits.minWords)})` }}
          />
          <div className={`absolute inset-y-0 left-0 rounded-full ${fill}`} style={{ width: pct(counted) }} />
          {[limits.minWords, limits.maxWords].map((mark) => (
            <div key={mark} className="absolute -inset-y-1 w-0.5 bg-ink/70" style={{ left: pct(mark) }} />
          ))}
        </div>
        <div aria-hidden="true" className="relative mt-1 h-4 text-[11px] font-medium text-muted">
          <span
            className="absolute -translate-x-1/2 whitespace-nowrap tabular-nums"
            style={{ left: pct(limits.minWords) }}
          >
            {formatNumber(limits.minWords)} min
          </span>
          <span
            className="absolute -translate-x-1/2 whitespace-nowrap tabular-nums"
            style={{ left: pct(limits.maxWords) }}
          >
            {formatNumber(limits.maxWords)} max
          </span>
        </div>
      </div>

      <p className={`mt-2 flex items-start gap-1.5 text-sm font-semibold ${tone}`} data-testid="word-standing">
        {where === 'within' ? <CheckIcon className="mt-0.5 size-4" /> : <WarningIcon className="mt-0.5 size-4" />}
        <span>
          {p.final && where === 'within'
            ? `Within the ${formatNumber(limits.minWords)}–${formatNumber(limits.maxWords)} range`
            : standingSummary(counted, limits)}
        </span>
      </p>
      <p className="sr-only">
        The unit needs between {formatNumber(limits.minWords)} and {formatNumber(limits.maxWords)} counted words.
      </p>

      <dl className="mt-3 grid grid-cols-3 gap-2 border-t border-line pt-3 text-center">
        <div>
          <dt className="text-xs text-muted">Total</dt>
          <dd className="font-semibold tabular-nums" data-testid="total-words">
            {formatNumber(total)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted">Counted</dt>
          <dd className="font-semibold tabular-nums">{formatNumber(counted)}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted">Left out</dt>
          <dd className="font-semibold tabular-nums">{formatNumber(leftOut)}</dd>
        </div>
      </dl>

      <div className="mt-3 text-sm" data-testid="excluded">
        {excluded.length ? (
          <>
            <p className="font-medium text-ink">Not counted:</p>
            <ul className="mt-1 space-y-1">
              {excluded.map((e, i) => (
                <li key={`${e.heading}-${i}`} className="rounded-md bg-canvas px-2 py-1.5">
                  <span className="font-medium">{e.heading}</span>
                  <span className="text-muted"> · {words(e.words)}</span>
                  <span className="block text-xs text-muted">{sentence(e.reason)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="text-muted">
            Nothing is left out yet. Sections headed {joinOr(p.rules.excludedSections)} are not counted.
          </p>
        )}
        <p className="mt-2 text-xs text-muted">
          {p.rules.countHeadings ? 'Headings count, as in Word and LibreOffice.' : 'Headings are not counted.'}
          {leftOut > 0 && excluded.length === 0 && !p.rules.countHeadings
            ? ` ${words(leftOut)} of headings left out.`
            : ''}
        </p>
      </div>
    </section>
  );
}

function sentence(reason: string): string {
  return reason ? `${reason[0]!.toUpperCase()}${reason.slice(1)}.` : '';
}

function joinOr(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
