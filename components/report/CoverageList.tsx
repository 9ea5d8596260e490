import { memo } from 'react';
import type { DecisionView, ReportUnit } from '@/lib/reports/types';
import { CheckIcon, CircleIcon, WarningIcon } from './icons';

/**
 * All 14 assessment criteria with the sections linked to each: what the report covers and what it does
 * not yet. After a referral, the assessor's judgement and feedback sit beside the criterion it is about.
 */
export const CoverageList = memo(function CoverageList({
  unit,
  coverage,
  decision,
  className = '',
}: {
  unit: ReportUnit;
  coverage: Map<string, string[]>;
  decision: DecisionView | null;
  className?: string;
}) {
  const criteria = unit.outcomes.flatMap((o) => o.criteria);
  const covered = criteria.filter((c) => coverage.get(c.id)?.length).length;
  const judged = new Map((decision?.acJudgements ?? []).map((j) => [j.acId, j]));
  return (
    <section
      id="coverage"
      aria-labelledby="coverage-title"
      className={`min-w-0 rounded-xl border border-line bg-white p-4 shadow-sm sm:p-5 ${className}`}
    >
      <h2 id="coverage-title" className="text-base font-semibold text-brand-900">
        Coverage of the assessment criteria
      </h2>
      <p className="mt-1 text-sm text-muted" data-testid="coverage-summary">
        <strong className={covered === criteria.length ? 'text-met' : 'text-ink'}>
          {covered} of {criteria.length}
        </strong>{' '}
        criteria are linked to a section of your report.
        {covered < criteria.length ? ' Gaps can also be covered in a professional discussion with your assessor.' : ''}
      </p>
      <div className="mt-3 space-y-4">
        {unit.outcomes.map((o) => (
          <div key={o.id}>
            <h3 className="text-sm font-semibold text-ink">
              Outcome {o.number}: {o.text}
            </h3>
            <ul className="mt-1.5 space-y-1.5">
              {o.criteria.map((c) => {
                const where = coverage.get(c.id) ?? [];
                const j = judged.get(c.id);
                return (
                  <li key={c.id} className="flex gap-2 text-sm">
                    <span className={where.length ? 'text-met' : 'text-muted'}>
                      {where.length ? (
                        <CheckIcon className="mt-0.5 size-4" />
                      ) : (
                        <CircleIcon className="mt-0.5 size-4" />
                      )}
                    </span>
                    <div className="min-w-0">
                      <p>
                        <span className="font-semibold">{c.number}</span> {c.text}
                      </p>
                      <p className={where.length ? 'text-muted' : 'text-notyet'}>
                        {where.length ? `In: ${where.join('; ')}` : 'Not linked to a section yet'}
                      </p>
                      {j && j.outcome === 'not_yet_met' ? (
                        <p className="mt-1 flex gap-1.5 rounded-md bg-notyet/5 px-2 py-1 text-ink">
                          <WarningIcon className="mt-0.5 size-3.5 text-notyet" />
                          <span>
                            <strong className="text-notyet">Assessor: not yet met.</strong>
                            {j.feedback ? ` ${j.feedback}` : ''}
                          </span>
                        </p>
                      ) : null}
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
});
