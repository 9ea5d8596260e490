'use client';
import { useId } from 'react';
import type { AssessmentData, UnitCriterion } from '@/lib/reports/types';
import { CheckIcon } from './icons';
import { pillClass } from './pill-class';
import { textareaClass } from './styles';

type Discussion = AssessmentData['discussion'];

/** The assessor's record of a professional discussion (part of AssessmentForm): when, which criteria, what was said. */
export function DiscussionSection({
  criteria,
  value,
  onChange,
}: {
  criteria: UnitCriterion[];
  value: Discussion;
  onChange: (update: (current: Discussion) => Discussion) => void;
}) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-pd`} className="rounded-xl border border-line bg-white p-4 shadow-sm sm:p-5">
      <h3 id={`${id}-pd`} className="text-base font-semibold text-brand-900">
        Professional discussion
      </h3>
      <p className="mt-1 text-sm text-muted">
        Record a discussion that covers anything the report does not: what you asked and what the learner showed.
      </p>
      <div className="mt-3 grid gap-3 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <div>
          <label htmlFor={`${id}-pd-date`} className="text-sm font-medium">
            Date held
          </label>
          <input
            id={`${id}-pd-date`}
            type="date"
            value={value.heldOn ?? ''}
            onChange={(e) => onChange((d) => ({ ...d, heldOn: e.target.value }))}
            className="mt-1 block min-h-11 w-full rounded-lg border border-line px-3"
          />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Criteria it covers</legend>
          <div className="mt-1 flex flex-wrap gap-1.5">
            {criteria.map((c) => {
              const on = value.acIds.includes(c.id);
              return (
                <label key={c.id} className={pillClass(on, 'brand')}>
                  <input
                    type="checkbox"
                    className="sr-only"
                    checked={on}
                    onChange={(e) =>
                      onChange((d) => ({
                        ...d,
                        acIds: e.target.checked ? [...d.acIds, c.id] : d.acIds.filter((x) => x !== c.id),
                      }))
                    }
                  />
                  {on ? <CheckIcon className="size-3.5" /> : null}
                  {c.number}
                </label>
              );
            })}
          </div>
        </fieldset>
      </div>
      <label htmlFor={`${id}-pd-notes`} className="mt-3 block text-sm font-medium">
        Discussion record
      </label>
      <textarea
        id={`${id}-pd-notes`}
        rows={4}
        value={value.notes}
        onChange={(e) => onChange((d) => ({ ...d, notes: e.target.value }))}
        className={`${textareaClass} mt-1`}
      />
    </section>
  );
}
