import type { ModuleProgress } from '@/lib/progress/types';

/** A bar of the module's criteria by status, with the numbers in words beside it (colour is never alone). */
export function ModuleProgressBar({ progress, label }: { progress: ModuleProgress; label: string }) {
  const { total, met, submitted, notYetMet } = progress;
  const pct = (n: number) => (total ? (n / total) * 100 : 0);
  return (
    <div>
      <div
        role="img"
        aria-label={`${label}: ${met} of ${total} criteria met, ${submitted} awaiting judgement, ${notYetMet} not yet met`}
        className="flex h-2.5 w-full overflow-hidden rounded-full bg-line/70"
      >
        <span className="h-full bg-met" style={{ width: `${pct(met)}%` }} />
        <span className="h-full bg-pending" style={{ width: `${pct(submitted)}%` }} />
        <span className="h-full bg-notyet" style={{ width: `${pct(notYetMet)}%` }} />
      </div>
      <p className="mt-1.5 text-xs text-muted">
        <strong className="font-semibold text-ink">{met}</strong> of {total} met · {submitted} awaiting judgement ·{' '}
        {notYetMet} not yet met
      </p>
    </div>
  );
}
