import type { ModuleProgress } from '@/lib/progress/types';

/**
 * A compact bar of met / awaiting / not yet met with the numbers in words beside it, so the figure reads without
 * colour. For tables with many rows; the learner's own page uses the larger ModuleProgressBar.
 */
export function MiniProgress({
  progress,
  label,
  showWords = true,
}: {
  progress: ModuleProgress;
  label: string;
  showWords?: boolean;
}) {
  const { total, met, submitted, notYetMet } = progress;
  const pct = (n: number) => (total ? (n / total) * 100 : 0);
  const words = `${label}: ${met} of ${total} met, ${submitted} awaiting judgement, ${notYetMet} not yet met`;
  return (
    <div className="min-w-0">
      <div
        role="img"
        aria-label={words}
        className="flex h-2 w-full min-w-16 overflow-hidden rounded-full bg-line/70 print:border print:border-black"
      >
        <span className="h-full bg-met" style={{ width: `${pct(met)}%` }} />
        <span className="h-full bg-pending" style={{ width: `${pct(submitted)}%` }} />
        <span className="h-full bg-notyet" style={{ width: `${pct(notYetMet)}%` }} />
      </div>
      {showWords ? (
        <p className="mt-0.5 text-xs text-muted" aria-hidden="true">
          <strong className="font-semibold text-ink">{met}</strong>/{total} met
          {submitted ? (
            <>
              {' '}
              · <span className="text-pending">{submitted} waiting</span>
            </>
          ) : null}
          {notYetMet ? (
            <>
              {' '}
              · <span className="text-notyet">{notYetMet} not yet</span>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
