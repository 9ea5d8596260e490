import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionButton } from '@/components/review/ActionButton';
import { ReviewRecordView } from '@/components/review/ReviewRecordView';
import { ReviewText } from '@/components/review/ReviewText';
import { LazyReviewForm, LazySignPanel } from '@/components/review/LazyPanels';
import { Alert } from '@/components/ui/Alert';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { links } from '@/lib/dashboards/links';
import { orPageError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { getReview, linkLabel } from '@/lib/reviews/read';
import { amendReviewAction, askEmployerToSignAction, signReviewAction } from '../actions';
import { LazyAskEmployerForm } from '@/components/links/LazyAskEmployerForm';
import { LinkRequestNote } from '@/components/links/LinkRequestNote';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Progress review' };

/**
 * One progress review. The learner's coach fills in a draft (autosaved) and signs; the learner reads and signs; once
 * both have signed the same content it is locked, and shown with the hash it binds. Assessors and admins read.
 */
export default async function ReviewPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const user = await requireAccess('review');
  const { reviewId } = await params;
  const review = await orPageError(getReview(user, reviewId));
  const back =
    user.role === 'learner'
      ? { href: '/learner', label: 'Your progress' }
      : user.role === 'coach'
        ? { href: links.coachLearner(review.learnerId), label: review.learnerName }
        : { href: links.learner(review.learnerId), label: review.learnerName };
  const linkLabels = Object.fromEntries(review.content.targets.map((t) => [t.key, linkLabel(t)]));
  const title = `Progress review ${review.number}${user.role === 'learner' ? '' : ` \u00b7 ${review.learnerName}`}`;

  return (
    <>
      <BackLink href={back.href}>{back.label}</BackLink>
      <PageHeader
        title={title}
        lead={
          review.status === 'locked'
            ? `Held with ${review.coachName}. Signed and locked on ${formatDateTime(review.lockedAt!)}: it can no longer change.`
            : review.requiredSigners.includes('employer')
              ? `Held with ${review.coachName}. Open until the coach, the learner and the employer have all signed it.`
              : `Held with ${review.coachName}. Open until the coach and the learner have both signed it.`
        }
      >
        {review.can.amend ? (
          <ActionButton
            action={amendReviewAction}
            input={{ reviewId: review.id }}
            label="Amend this review"
            pendingLabel={'Opening\u2026'}
            open
            button={{ variant: 'outline' }}
          />
        ) : null}
      </PageHeader>

      <div className="space-y-5">
        {review.amends ? (
          <Alert tone="info" role={null}>
            This review amends{' '}
            <Link href={`/reviews/${review.amends.id}`} className="underline">
              review {review.amends.number}
            </Link>
            , which stays as it was signed.
          </Alert>
        ) : null}
        {review.amendedBy ? (
          <Alert tone="warning" role={null}>
            This review was corrected by{' '}
            <Link href={`/reviews/${review.amendedBy.id}`} className="underline">
              review {review.amendedBy.number}
            </Link>
            .
          </Alert>
        ) : null}

        <ReviewRecordView record={review.record} />

        {review.can.edit ? (
          <>
            <LazyReviewForm review={review} sign={signReviewAction} />
            <LazyAskEmployerForm
              reviewId={review.id}
              employerRequired={review.requiredSigners.includes('employer')}
              ask={askEmployerToSignAction}
            >
              <LinkRequestNote request={review.employerRequest} />
            </LazyAskEmployerForm>
          </>
        ) : (
          <>
            <ReviewText content={review.content} linkLabels={linkLabels} />
            <LazySignPanel
              reviewId={review.id}
              version={review.version}
              status={review.status}
              contentSha256={review.contentSha256}
              requiredSigners={review.requiredSigners}
              signatures={review.signatures}
              mySigner={review.can.sign}
              learnerName={review.learnerName}
              sign={signReviewAction}
            />
          </>
        )}
      </div>
    </>
  );
}
