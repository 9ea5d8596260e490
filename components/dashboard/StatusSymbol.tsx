import { STATUS_LABEL } from '@/lib/progress/labels';
import type { CriterionStatus } from '@/lib/progress/types';

/** One matrix cell's status: a coloured symbol a screen reader reads as words, and a letter that survives print. */
const LOOK: Record<CriterionStatus, { cell: string; symbol: string }> = {
  met: { cell: 'bg-met/15 text-met', symbol: '\u2713' },
  evidence_submitted: { cell: 'bg-pending/15 text-pending', symbol: '\u25F7' },
  not_yet_met: { cell: 'bg-notyet/15 text-notyet', symbol: '!' },
  no_evidence: { cell: 'text-muted', symbol: '\u00B7' },
};

export function statusCellClass(status: CriterionStatus): string {
  return LOOK[status].cell;
}

export function StatusSymbol({ status }: { status: CriterionStatus }) {
  return (
    <>
      <span aria-hidden="true" className="font-bold">
        {LOOK[status].symbol}
      </span>
      <span className="sr-only">{STATUS_LABEL[status]}</span>
    </>
  );
}

export function StatusKey() {
  return (
    <ul aria-label="Key" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {(['met', 'evidence_submitted', 'not_yet_met', 'no_evidence'] as CriterionStatus[]).map((s) => (
        <li key={s} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className={`inline-flex h-6 w-6 items-center justify-center rounded font-bold ${LOOK[s].cell} border border-line`}
          >
            {LOOK[s].symbol}
          </span>
          {STATUS_LABEL[s]}
        </li>
      ))}
    </ul>
  );
}
