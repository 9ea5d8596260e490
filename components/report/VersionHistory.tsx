import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import { words } from '@/lib/reports/format';
import type { VersionSummary } from '@/lib/reports/types';
import { REPORT_STATE } from '@/lib/vocabulary';

/** Every submitted version, newest first, each with what happened to it and a link to read it. */
export function VersionHistory({
  versions,
  hrefFor,
  headingLevel = 'h2',
}: {
  versions: VersionSummary[];
  hrefFor: (number: number) => string;
  headingLevel?: 'h2' | 'h3';
}) {
  const H = headingLevel;
  return (
    <section aria-labelledby="history-title" className="rounded-xl border border-line bg-white p-4 shadow-sm sm:p-5">
      <H id="history-title" className="text-base font-semibold text-brand-900">
        Version history
      </H>
      {versions.length === 0 ? (
        <p className="mt-2 text-sm text-muted">
          Nothing submitted yet. Each time you submit, the exact text is kept here with your assessor&apos;s feedback.
        </p>
      ) : (
        <ol className="mt-2 divide-y divide-line" data-testid="version-history">
          {versions.map((v) => (
            <li key={v.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-2.5">
              <div className="min-w-0">
                <Link
                  href={hrefFor(v.number)}
                  className="font-semibold text-brand-700 underline-offset-2 hover:underline"
                >
                  Version {v.number}
                </Link>
                <span className="text-sm text-muted">
                  {' '}
                  · {formatDateTime(v.submittedAt)} · {words(v.countedWords)}
                </span>
              </div>
              <span className="text-sm font-medium">{outcome(v)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function outcome(v: VersionSummary) {
  if (v.decision?.outcome === 'signed_off') return <span className="text-met">{REPORT_STATE.signed_off.label}</span>;
  if (v.decision?.outcome === 'referred') return <span className="text-notyet">{REPORT_STATE.referred.label}</span>;
  if (v.superseded) return <span className="text-muted">Replaced by a newer version</span>;
  return <span className="text-pending">{REPORT_STATE.submitted.label}</span>;
}
