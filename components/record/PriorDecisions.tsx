import { formatDate } from '@/lib/format';
import type { PriorDecisionView } from '@/lib/record/imports';

const OUTCOME: Record<string, string> = { met: 'Met', not_yet_met: 'Not yet met', signed_off: 'Signed off' };

/**
 * Another centre's decisions on this learner, from an imported record: always said to be theirs (who, where, when),
 * set apart from this centre's judgements, which alone give a criterion its status here.
 */
export function PriorDecisions({ decisions }: { decisions: PriorDecisionView[] }) {
  if (!decisions.length) return null;
  return (
    <section aria-labelledby="prior-decisions" className="mt-8 rounded-xl border border-line bg-white p-5 shadow-sm">
      <h2 id="prior-decisions" className="text-lg font-semibold text-brand-900">
        Recognised prior decisions
      </h2>
      <p className="mt-1 text-sm text-muted">
        Made at another centre and brought in with a signed record. They are that centre’s decisions, not this centre’s:
        a criterion here is met only when an assessor here judges it.
      </p>
      <ul className="mt-3 divide-y divide-line">
        {decisions.map((d) => (
          <li key={d.id} className="py-2 text-sm">
            <span className="font-semibold text-brand-900">{d.label}</span>: {OUTCOME[d.outcome] ?? d.outcome}, by{' '}
            {d.decidedBy} at {d.centre}, {formatDate(d.decidedAt)}
            {d.feedback ? <span className="block text-muted">“{d.feedback}”</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
