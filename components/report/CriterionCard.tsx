'use client';
import { memo, useId } from 'react';
import type { AssessmentData, RangeMark, UnitCriterion } from '@/lib/reports/types';
import { CheckIcon, WarningIcon } from './icons';
import { pillClass } from './pill-class';
import { textareaClass } from './styles';

const MARKS: { value: RangeMark; label: string }[] = [
  { value: 'covered', label: 'Covered' },
  { value: 'discussion', label: 'In discussion' },
  { value: 'not_relevant', label: 'Not relevant' },
];

/** One criterion of the assessor's form (AssessmentForm): met or not yet met, feedback, and its range marked. */
export const CriterionCard = memo(function CriterionCard({
  criterion: c,
  value,
  marks,
  links,
  previous,
  onAc,
  onMark,
  onMarkRemaining,
}: {
  criterion: UnitCriterion;
  value: AssessmentData['acs'][string] | undefined;
  marks: Record<string, RangeMark>;
  links: string[];
  previous: { outcome: 'met' | 'not_yet_met'; feedback: string } | null;
  onAc: (acId: string, patch: { outcome?: 'met' | 'not_yet_met'; feedback?: string }) => void;
  onMark: (itemId: string, mark: RangeMark) => void;
  onMarkRemaining: (c: UnitCriterion) => void;
}) {
  const id = useId();
  const items = c.range.flatMap((b) => b.items);
  const unmarked = items.filter((i) => !marks[i.id]).length;
  return (
    <article
      aria-labelledby={`${id}-t`}
      className="scroll-mt-4 rounded-xl border border-line bg-white p-4 shadow-sm"
      data-criterion={c.number}
      // The keyboard shortcuts (AssessorShortcuts) move the focus from card to card.
      tabIndex={-1}
    >
      <h4 id={`${id}-t`} className="font-semibold text-ink">
        <span className="text-brand-700">{c.number}</span> {c.text}
      </h4>
      <p className={`mt-0.5 text-sm ${links.length ? 'text-muted' : 'text-notyet'}`}>
        {links.length ? `Learner links: ${links.join('; ')}` : 'The learner did not link a section to this criterion.'}
      </p>
      {previous ? (
        <p className="mt-1 text-sm text-muted">
          Last time: {previous.outcome === 'met' ? 'met' : 'not yet met'}
          {previous.feedback ? ` — “${previous.feedback}”` : ''}
        </p>
      ) : null}
      <div role="radiogroup" aria-label={`Decision on ${c.number}`} className="mt-3 flex flex-wrap gap-2">
        {(['met', 'not_yet_met'] as const).map((o) => {
          const on = value?.outcome === o;
          return (
            <label key={o} className={pillClass(on, o === 'met' ? 'met' : 'notyet', 'min-h-10 px-3 text-sm')}>
              <input
                type="radio"
                className="sr-only"
                name={`${id}-outcome`}
                checked={on}
                onChange={() => onAc(c.id, { outcome: o })}
              />
              {on ? o === 'met' ? <CheckIcon className="size-3.5" /> : <WarningIcon className="size-3.5" /> : null}
              {o === 'met' ? 'Met' : 'Not yet met'}
            </label>
          );
        })}
      </div>
      <label htmlFor={`${id}-fb`} className="mt-3 block text-sm font-medium">
        Feedback on {c.number} <span className="font-normal text-muted">(optional)</span>
      </label>
      <textarea
        id={`${id}-fb`}
        rows={2}
        value={value?.feedback ?? ''}
        onChange={(e) => onAc(c.id, { feedback: e.target.value })}
        className={`${textareaClass} mt-1`}
      />
      {items.length ? (
        <div className="mt-3 border-t border-line pt-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm font-semibold">
              Range{' '}
              <span className="font-normal text-muted">
                ({items.length - unmarked} of {items.length} marked)
              </span>
            </p>
            {unmarked ? (
              <button
                type="button"
                onClick={() => onMarkRemaining(c)}
                className="min-h-9 rounded-md px-2 text-sm font-semibold text-brand-700 hover:bg-brand-50"
              >
                Mark the {unmarked} unmarked as covered<span className="sr-only"> for {c.number}</span>
              </button>
            ) : null}
          </div>
          {c.range.map((block) => (
            <div key={block.heading} className="mt-2">
              <p className="text-xs font-semibold tracking-wide text-muted uppercase">{block.heading}</p>
              <ul className="mt-1 divide-y divide-line">
                {block.items.map((item) => (
                  <li
                    key={item.id}
                    className="grid gap-x-3 gap-y-1 py-1.5 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center"
                  >
                    <span className="min-w-0 text-sm" id={`${id}-${item.id}`}>
                      {item.text}
                    </span>
                    <span role="radiogroup" aria-labelledby={`${id}-${item.id}`} className="flex flex-wrap gap-1">
                      {MARKS.map((m) => {
                        const on = marks[item.id] === m.value;
                        return (
                          <label key={m.value} className={pillClass(on, 'brand', 'min-h-8 px-2.5 text-xs')}>
                            <input
                              type="radio"
                              className="sr-only"
                              name={`${id}-${item.id}`}
                              checked={on}
                              onChange={() => onMark(item.id, m.value)}
                            />
                            {on ? <CheckIcon className="size-3" /> : null}
                            {m.label}
                          </label>
                        );
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : null}
    </article>
  );
});
