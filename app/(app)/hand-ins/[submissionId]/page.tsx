import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/PageHeader';
import { CommentForm } from '@/components/worksheet/CommentForm';
import { SubmissionReview } from '@/components/worksheet/SubmissionReview';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { getReview } from '@/lib/worksheets/review';
import { postComment } from './actions';

export const metadata: Metadata = { title: 'Review worksheet' };

/** A learner's hand-in, read-only, with comment forms for their coach. Their assessor and admins may read it. */
export default async function ReviewPage({ params }: { params: Promise<{ submissionId: string }> }) {
  const user = await requireAccess('hand-ins.view');
  const { submissionId } = await params;
  const data = await orPageError(getReview(user, submissionId));
  const { definition, submission, learner } = data;
  return (
    <>
      {user.role === 'coach' ? (
        <nav aria-label="Breadcrumb" className="mb-2 text-sm">
          <Link href="/coach/worksheets" className="text-brand-700 underline-offset-2 hover:underline">
            Worksheets to review
          </Link>
          <span aria-hidden="true" className="mx-1.5 text-muted">
            /
          </span>
          <span className="text-muted">{learner.name}</span>
        </nav>
      ) : null}
      <PageHeader
        title={`${learner.name} — ${definition.title}`}
        lead={
          <>
            Worksheet {definition.code} · hand-in {submission.number}, {formatDateTime(submission.submittedAt)}
            {data.canComment ? '. Comment on any section, or on the worksheet as a whole.' : '. Read-only.'}
          </>
        }
      />
      <SubmissionReview
        data={data}
        hrefFor={(id) => `/hand-ins/${id}`}
        commentForm={
          data.canComment
            ? (sectionId, sectionTitle) => (
                <CommentForm
                  action={postComment}
                  submissionId={submission.id}
                  sectionId={sectionId}
                  sectionTitle={sectionTitle}
                />
              )
            : undefined
        }
      />
    </>
  );
}
