import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { formatDay } from '@/lib/format';
import type { ReviewSummary } from '@/lib/reviews/types';
import { REVIEW_STATE } from '@/lib/vocabulary';

const WHO = { coach: 'the coach', learner: 'the learner', employer: 'the employer' } as const;

/** The next review date and every review, newest first: open ones say who has still to sign. */
export function ReviewList({ summary }: { summary: ReviewSummary }) {
  return (
    <div className="space-y-3">
      <p className="text-sm" data-testid="next-review">
        {summary.nextDue ? (
          <>
            Next review {summary.overdue ? <strong className="text-notyet">overdue: was due</strong> : 'due'}{' '}
            <strong>{formatDay(summary.nextDue)}</strong>
            <span className="text-muted"> (every {summary.intervalWeeks} weeks)</span>
          </>
        ) : (
          <span className="text-muted">No review date yet: the learner is not in a cohort.</span>
        )}
      </p>
      {summary.reviews.length ? (
        <ul className="divide-y divide-line">
          {summary.reviews.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link href={`/reviews/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                Review {r.number}
                {r.heldOn ? `, ${formatDay(r.heldOn)}` : ''}
                {r.amendsNumber ? ` (amends review ${r.amendsNumber})` : ''}
              </Link>
              {r.status === 'locked' ? (
                <Badge tone={r.amended ? 'muted' : 'met'} size="xs" icon={<span aria-hidden="true">{'\u2713'}</span>}>
                  {r.amended ? 'Signed, since amended' : REVIEW_STATE.locked.label}
                </Badge>
              ) : (
                <Badge tone="pending" size="xs" icon={<span aria-hidden="true">{'\u2026'}</span>}>
                  {r.awaiting.length
                    ? `Waiting for ${r.awaiting.map((s) => WHO[s]).join(' and ')} to sign`
                    : REVIEW_STATE.draft.label}
                </Badge>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">No reviews yet.</p>
      )}
    </div>
  );
}
