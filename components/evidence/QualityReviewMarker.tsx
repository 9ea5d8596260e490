import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { QUALITY_STATE } from '@/lib/vocabulary';

/**
 * A criterion whose sampled decision an internal quality assurer disagreed with, and the disagreement is still open.
 * For the assessor it links to their QA feedback (the IQA's reasons and actions); they may re-judge here as usual.
 */
export function QualityReviewMarker({ feedbackHref }: { feedbackHref?: string }) {
  const badge = (
    <Badge tone="notyet" icon={<span aria-hidden="true">!</span>}>
      {QUALITY_STATE.under_review.label}
    </Badge>
  );
  return feedbackHref ? (
    <Link href={feedbackHref} className="rounded-full" data-testid="under-quality-review">
      {badge}
    </Link>
  ) : (
    <span data-testid="under-quality-review">{badge}</span>
  );
}
