import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import type { ReviewData } from '@/lib/worksheets/review';
import type { CommentView } from '@/lib/worksheets/types';
import { AnswerView } from './AnswerView';
import { CommentList } from './CommentList';
import { SectionCard } from './SectionCard';

interface Props {
  data: ReviewData;
  /** Address of another hand-in of the same worksheet, for the hand-in list. */
  hrefFor(submissionId: string): string;
  /** A comment form for a section (or null: the whole worksheet), when the viewer may comment. */
  commentForm?: (sectionId: string | null, sectionTitle: string) => React.ReactNode;
}

/** One hand-in, read-only: each section's answer with the comments on it, and (for the coach) a form to add one. */
export function SubmissionReview({ data, hrefFor, commentForm }: Props) {
  const { definition, submission, submissions, comments, learner } = data;
  const latest = submissions[0]!;
  const isLatest = latest.id === submission.id;
  const onThis = (sectionId: string | null) =>
    comments.filter((c) => c.submissionId === submission.id && c.sectionId === sectionId);
  const earlier = (sectionId: string | null) =>
    comments.filter((c) => c.submissionNumber < submission.number && c.sectionId === sectionId);

  return (
    <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_16rem] lg:gap-10">
      <div className="min-w-0 max-w-3xl">
        {!isLatest ? (
          <div className="mb-6 rounded-lg border border-pending/30 bg-pending/5 px-4 py-3 text-[15px]">
            This is hand-in {submission.number}. {learner.name} handed in a newer version on{' '}
            {formatDateTime(latest.submittedAt)}.{' '}
            <Link href={hrefFor(latest.id)} className="font-semibold text-brand-700 underline underline-offset-2">
              Read hand-in {latest.number}
            </Link>
          </div>
        ) : null}

        <section
          aria-labelledby="overall-title"
          className="rounded-xl border border-line bg-white p-4 shadow-sm sm:p-6"
        >
          <h2 id="overall-title" className="text-lg font-semibold text-brand-900">
            Overall comments
          </h2>
          <div className="mt-2 space-y-3">
            {onThis(null).length ? (
              <CommentList comments={onThis(null)} showHandIn={false} />
            ) : (
              <div className="text-[15px] text-muted">No overall comments on this hand-in yet.</div>
            )}
            <Earlier comments={earlier(null)} />
            {commentForm?.(null, 'the whole worksheet')}
          </div>
        </section>

        {definition.worksheet.sections.map((section) => {
          const mine = onThis(section.id);
          const before = earlier(section.id);
          const form = commentForm?.(section.id, section.title);
          const after =
            mine.length || before.length || form ? (
              <div className="space-y-3">
                <CommentList comments={mine} heading="Comments" showHandIn={false} />
                <Earlier comments={before} />
                {form}
              </div>
            ) : undefined;
          return (
            <SectionCard key={section.id} section={section} level={2} after={after}>
              <AnswerView section={section} answers={submission.answers} />
            </SectionCard>
          );
        })}
      </div>

      <aside aria-label="Hand-ins" className="mt-8 lg:mt-0">
        <div className="rounded-xl border border-line bg-white p-4 shadow-sm lg:sticky lg:top-6">
          <div className="text-sm font-semibold text-brand-900">Hand-ins of this worksheet</div>
          <ol className="mt-2 space-y-1 text-sm">
            {submissions.map((s) => {
              const n = comments.filter((c) => c.submissionId === s.id).length;
              const current = s.id === submission.id;
              return (
                <li key={s.id}>
                  <Link
                    href={hrefFor(s.id)}
                    aria-current={current ? 'page' : undefined}
                    className={`block rounded-md px-2 py-1.5 ${current ? 'bg-brand-50 font-semibold text-brand-900 ring-1 ring-brand-200' : 'text-brand-700 hover:bg-brand-50'}`}
                  >
                    Hand-in {s.number}
                    <span className="block text-xs font-normal text-muted">
                      {formatDateTime(s.submittedAt)} · {n === 1 ? '1 comment' : `${n} comments`}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ol>
        </div>
      </aside>
    </div>
  );
}

function Earlier({ comments }: { comments: CommentView[] }) {
  if (!comments.length) return null;
  return (
    <details className="rounded-lg border border-line px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium text-muted">
        Comments on earlier hand-ins ({comments.length})
      </summary>
      <div className="mt-2">
        <CommentList comments={comments} />
      </div>
    </details>
  );
}
