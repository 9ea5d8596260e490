import { plural } from './labels';

export interface ProgressNumbers {
  /** Criteria judged met. */
  met: number;
  /** Criteria with evidence submitted and no judgement yet. */
  submitted: number;
  /** Assessable criteria in the module. */
  total: number;
}

/**
 * A learner's progress on one module, from numbers computed elsewhere. The sentence carries the meaning;
 * the bar only illustrates it, so colour is never the only signal.
 */
export function ProgressMeter({ met, submitted, total, compact = false }: ProgressNumbers & { compact?: boolean }) {
  const pct = (n: number) => (total > 0 ? Math.min(100, (n / total) * 100) : 0);
  return (
    <div className={compact ? 'space-y-1.5' : 'space-y-2'}>
      <p className={compact ? 'text-sm text-ink' : 'text-ink'}>
        <strong className="font-semibold">{met}</strong> of {plural(total, 'criterion', 'criteria')} met
        {submitted > 0 ? <span className="text-muted"> · {submitted} awaiting judgement</span> : null}
      </p>
      <div aria-hidden="true" className="flex h-2 overflow-hidden rounded-full bg-brand-50 ring-1 ring-inset ring-line">
        <div className="bg-met" style={{ width: `${pct(met)}%` }} />
        <div className="bg-pending/60 bg-[repeating-linear-gradient(45deg,transparent_0_3px,rgb(255_255_255/0.5)_3px_6px)]" style={{ width: `${pct(submitted)}%` }} />
      </div>
    </div>
  );
}
