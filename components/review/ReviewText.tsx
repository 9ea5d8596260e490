import { formatDay } from '@/lib/format';
import type { ReviewContent } from '@/lib/reviews/types';

/** The review as written, read-only (the learner before signing, anyone after it is locked). Text, never HTML. */
export function ReviewText({
  content,
  linkLabels,
}: {
  content: ReviewContent;
  /** The words for each target's link, by key. */
  linkLabels: Record<string, string | null>;
}) {
  const part = (title: string, text: string) => (
    <div>
      <h3 className="text-sm font-semibold text-brand-900">{title}</h3>
      <p className="mt-1 whitespace-pre-line text-sm">
        {text.trim() || <span className="text-muted">Nothing written.</span>}
      </p>
    </div>
  );
  return (
    <section
      aria-labelledby="review-text-heading"
      className="space-y-4 rounded-xl border border-line bg-white p-5 shadow-sm"
    >
      <h2 id="review-text-heading" className="text-base font-semibold text-brand-900">
        The review, held on {formatDay(content.heldOn)}
      </h2>
      {part('Progress since the last review', content.progress)}
      {part('What went well', content.wentWell)}
      {part('Support needed', content.supportNeeded)}
      <div>
        <h3 className="text-sm font-semibold text-brand-900">Targets</h3>
        {content.targets.length ? (
          <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm">
            {content.targets.map((t) => (
              <li key={t.key}>
                <span className="whitespace-pre-line">
                  {t.text || <span className="text-muted">(no text yet)</span>}
                </span>{' '}
                <span className="text-muted">
                  {t.dueOn ? `due ${formatDay(t.dueOn)}` : 'no due date yet'}
                  {linkLabels[t.key] ? ` · ${linkLabels[t.key]}` : ''}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-1 text-sm text-muted">No targets yet.</p>
        )}
      </div>
    </section>
  );
}
