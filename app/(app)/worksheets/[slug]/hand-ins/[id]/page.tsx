import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/ui/PageHeader';
import { SubmissionReview } from '@/components/worksheet/SubmissionReview';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { getReview } from '@/lib/worksheets/review';

export const metadata: Metadata = { title: 'Hand-in' };

/** A learner's own past hand-in, exactly as their coach read it, with the coach's comments. */
export default async function HandInPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const user = await requireAccess('own.worksheet-hand-ins');
  const { slug, id } = await params;
  const data = await orPageError(getReview(user, id));
  if (data.definition.slug !== slug) notFound();
  const { definition, submission } = data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/worksheets" className="text-brand-700 underline-offset-2 hover:underline">
          Worksheets
        </Link>
        <span aria-hidden="true" className="mx-1.5 text-muted">
          /
        </span>
        <Link href={`/worksheets/${slug}`} className="text-brand-700 underline-offset-2 hover:underline">
          {definition.code}
        </Link>
        <span aria-hidden="true" className="mx-1.5 text-muted">
          /
        </span>
        <span className="text-muted">Hand-in {submission.number}</span>
      </nav>
      <PageHeader
        title={`Hand-in ${submission.number}: ${definition.title}`}
        lead={
          <>
            What you handed in on {formatDateTime(submission.submittedAt)}, with your coach’s comments. To change your
            answers, go back to the{' '}
            <Link href={`/worksheets/${slug}`} className="font-semibold text-brand-700 underline underline-offset-2">
              worksheet
            </Link>
            .
          </>
        }
      />
      <SubmissionReview data={data} hrefFor={(sid) => `/worksheets/${slug}/hand-ins/${sid}`} />
    </>
  );
}
