import Link from 'next/link';
import type { JudgementView } from '@/lib/evidence/history';
import { formatDateTime } from '@/lib/format';

function Outcome({ outcome }: { outcome: JudgementView['outcome'] }) {
  return outcome === 'met' ? (
    <span className="font-semibold text-met">
      <span aria-hidden="true">✓ </span>Met
    </span>
  ) : (
    <span className="font-semibold text-notyet">
      <span aria-hidden="true">! </span>Not yet met
    </span>
  );
}

function One({ j, linkEvidence }: { j: JudgementView; linkEvidence: boolean }) {
  return (
    <div className="text-sm">
      <p>
        <Outcome outcome={j.outcome} />{' '}
        <span className="text-muted">
          · {j.assessorName} · {formatDateTime(j.at)}
        </span>
      </p>
      {j.feedback ? (
        <p className="mt-1 whitespace-pre-wrap rounded-md bg-canvas px-3 py-2 text-ink">{j.feedback}</p>
      ) : null}
      {j.cited.length ? (
        <p className="mt-1 text-xs text-muted">
          Based on:{' '}
          {j.cited.map((c, i) => (
            <span key={c.id}>
              {i ? ', ' : ''}
              {linkEvidence ? (
                <Link href={`/evidence/${c.id}`} className="text-brand-700 underline">
                  {c.title}
                </Link>
              ) : (
                c.title
              )}
            </span>
          ))}
        </p>
      ) : null}
      {j.responses.map((r) => (
        <div key={r.id} className="mt-2 border-l-2 border-brand-200 pl-3">
          <p className="text-xs text-muted">
            Reply from {r.authorName} · {formatDateTime(r.at)}
          </p>
          <p className="whitespace-pre-wrap">{r.note}</p>
        </div>
      ))}
    </div>
  );
}

/** Judgements on one criterion, newest first; earlier ones folded away but always available. */
export function JudgementHistory({
  judgements,
  linkEvidence = true,
  children,
}: {
  judgements: JudgementView[];
  linkEvidence?: boolean;
  children?: React.ReactNode;
}) {
  if (judgements.length === 0) return null;
  const [latest, ...earlier] = judgements;
  return (
    <div className="space-y-2">
      <One j={latest!} linkEvidence={linkEvidence} />
      {children}
      {earlier.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700">Earlier judgements ({earlier.length})</summary>
          <ol className="mt-2 space-y-3 border-l border-line pl-3">
            {earlier.map((j) => (
              <li key={j.id}>
                <One j={j} linkEvidence={linkEvidence} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
