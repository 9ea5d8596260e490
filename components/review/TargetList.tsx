import { formatDay } from '@/lib/format';
import type { FormResult } from '@/components/admin/ActionForm';
import type { TargetLine } from '@/lib/reviews/types';
import { ActionButton } from './ActionButton';
import { OutcomeBadge } from './ReviewRecordView';

type Claim = (input: { key: string }) => Promise<FormResult<unknown>>;
type Confirm = (input: {
  learnerId: string;
  key: string;
  outcome: 'confirmed' | 'not_yet';
}) => Promise<FormResult<unknown>>;

/**
 * The last review's targets with their due dates and outcomes. The learner marks one achieved (`claim`); their coach
 * confirms it or says not yet (`confirm`).
 */
export function TargetList({
  targets,
  learnerId,
  claim,
  confirm,
}: {
  targets: TargetLine[];
  learnerId: string;
  claim?: Claim;
  confirm?: Confirm;
}) {
  return (
    <ul className="divide-y divide-line" data-testid="targets">
      {targets.map((t, i) => (
        <li key={t.key} className="py-3">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="min-w-0">
              <p className="whitespace-pre-line text-sm font-medium">{t.text}</p>
              <p className={`text-xs ${t.overdue ? 'font-semibold text-notyet' : 'text-muted'}`}>
                {t.overdue ? 'Overdue: was due ' : 'Due '}
                {formatDay(t.dueOn)}
                {t.link ? ` · ${t.link}` : ''}
              </p>
            </div>
            <OutcomeBadge outcome={t.outcome} />
          </div>
          {claim && (t.outcome === 'open' || t.outcome === 'not_yet') ? (
            <div className="mt-2">
              <ActionButton
                action={claim}
                input={{ key: t.key }}
                label="Mark achieved"
                pendingLabel={'Saving\u2026'}
                button={{ variant: 'secondary', size: 'sm' }}
                ariaLabel={`Mark achieved: target ${i + 1}`}
              />
            </div>
          ) : null}
          {confirm && t.outcome === 'claimed' ? (
            <div className="mt-2 flex flex-wrap gap-2">
              <ActionButton
                action={confirm}
                input={{ learnerId, key: t.key, outcome: 'confirmed' as const }}
                label="Confirm achieved"
                pendingLabel={'Saving\u2026'}
                button={{ size: 'sm' }}
                ariaLabel={`Confirm achieved: target ${i + 1}`}
              />
              <ActionButton
                action={confirm}
                input={{ learnerId, key: t.key, outcome: 'not_yet' as const }}
                label="Not yet"
                pendingLabel={'Saving\u2026'}
                button={{ variant: 'secondary', size: 'sm' }}
                ariaLabel={`Not yet: target ${i + 1}`}
              />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
