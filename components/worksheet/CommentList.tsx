import { formatDateTime } from '@/lib/format';
import type { CommentView } from '@/lib/worksheets/types';
import { CommentIcon } from './icons';

/**
 * A coach's comments, oldest first. Plain text: React escapes it and line breaks are kept with CSS, so
 * nothing a person typed is ever read as HTML.
 */
export function CommentList({
  comments,
  heading,
  showHandIn = true,
}: {
  comments: CommentView[];
  heading?: string;
  showHandIn?: boolean;
}) {
  if (!comments.length) return null;
  return (
    <div className="space-y-2">
      {heading ? (
        <div className="flex items-center gap-1.5 text-sm font-semibold text-pending">
          <CommentIcon /> {heading}
        </div>
      ) : null}
      <ul className="space-y-2">
        {comments.map((c) => (
          <li
            key={c.id}
            className="rounded-lg border border-pending/25 border-l-4 border-l-pending bg-pending/5 px-3 py-2"
          >
            <div className="text-xs text-muted">
              <span className="font-semibold text-ink">{c.authorName}</span>
              {showHandIn ? <> · on hand-in {c.submissionNumber}</> : null} ·{' '}
              <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
            </div>
            <div className="mt-1 whitespace-pre-wrap break-words text-[15px] leading-relaxed text-ink">{c.body}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
