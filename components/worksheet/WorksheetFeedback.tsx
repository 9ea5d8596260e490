import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import type { CommentView, SubmissionSummary } from '@/lib/worksheets/types';
import { CommentList } from './CommentList';

// The worksheet page's parts that change only when the page is loaded again (a hand-in, a coach's comment): rendered
// on the server and passed into <WorksheetEditor>, so their code is not part of the page's JavaScript (issue #19).

/** The coach's feedback on the newest hand-in: overall comments here, and how many sections have their own. */
export function WorksheetFeedback({
  submissions,
  comments,
}: {
  submissions: SubmissionSummary[];
  comments: CommentView[];
}) {
  const latest = submissions[0] ?? null;
  const overall = comments.filter((c) => c.sectionId === null);
  const sectionsWithComments = new Set(comments.flatMap((c) => (c.sectionId ? [c.sectionId] : []))).size;
  return <Feedback latest={latest} overall={overall} sectionsWithComments={sectionsWithComments} />;
}

function Feedback({
  latest,
  overall,
  sectionsWithComments,
}: {
  latest: SubmissionSummary | null;
  overall: CommentView[];
  sectionsWithComments: number;
}) {
  if (!latest) return null;
  const none = !overall.length && !sectionsWithComments;
  return (
    <section
      aria-labelledby="feedback-title"
      className="mb-6 rounded-xl border border-line bg-white p-4 shadow-sm sm:p-5"
    >
      <h2 id="feedback-title" className="text-base font-semibold text-brand-900">
        Feedback from your coach
      </h2>
      {none ? (
        <div className="mt-1 text-[15px] text-muted">
          You handed this in on {formatDateTime(latest.submittedAt)}. Your coach has not commented yet; comments will
          appear here and next to each section.
        </div>
      ) : (
        <div className="mt-2 space-y-3">
          <CommentList comments={[...overall].reverse()} />
          {sectionsWithComments ? (
            <div className="text-sm text-muted">
              Your coach also commented on{' '}
              {sectionsWithComments === 1 ? 'one section' : `${sectionsWithComments} sections`}: the comments are under
              each section.
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}

export function HandInHistory({
  slug,
  submissions,
  comments,
}: {
  slug: string;
  submissions: SubmissionSummary[];
  comments: CommentView[];
}) {
  if (!submissions.length) return null;
  return (
    <section aria-labelledby="history-title" className="my-8">
      <h2 id="history-title" className="text-base font-semibold text-brand-900">
        Your hand-ins
      </h2>
      <ul className="mt-2 divide-y divide-line rounded-xl border border-line bg-white">
        {submissions.map((s) => {
          const n = comments.filter((c) => c.submissionId === s.id).length;
          return (
            <li key={s.id}>
              <Link
                href={`/worksheets/${slug}/hand-ins/${s.id}`}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-brand-50"
              >
                <span className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  Hand-in {s.number}
                </span>
                <span className="text-sm text-muted">
                  {formatDateTime(s.submittedAt)} ·{' '}
                  {n === 0 ? 'no comments yet' : n === 1 ? '1 comment' : `${n} comments`}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
