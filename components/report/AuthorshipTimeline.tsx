import { formatDateTime, formatNumber } from '@/lib/format';
import type { AuthorshipPoint } from '@/lib/reports/authorship';

const W = 640;
const H = 160;
const PAD = { left: 44, right: 12, top: 12, bottom: 24 };

/**
 * How the report grew, autosave by autosave (issue 22, authorship evidence): the word count after each save as a
 * line, with large pastes and .docx uploads marked, and the same in words below for anyone not reading the chart.
 * Drawn on the server as SVG: no script for the browser to load.
 */
export function AuthorshipTimeline({ points }: { points: AuthorshipPoint[] }) {
  if (!points.length) return null;
  const max = Math.max(...points.map((p) => p.words), 1);
  const x = (i: number) =>
    PAD.left + (points.length === 1 ? 0 : (i / (points.length - 1)) * (W - PAD.left - PAD.right));
  const y = (words: number) => PAD.top + (1 - words / max) * (H - PAD.top - PAD.bottom);
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.words).toFixed(1)}`).join(' ');
  const pastes = points.filter((p) => p.largePaste);
  const uploads = points.filter((p) => p.source === 'docx');
  const first = points[0]!;
  const last = points.at(-1)!;
  return (
    <section aria-labelledby="authorship-title" className="rounded-xl border border-line bg-white p-4 shadow-sm">
      <h2 id="authorship-title" className="text-base font-semibold text-brand-900">
        How the report was written
      </h2>
      <p className="mt-1 text-sm text-muted">
        {formatNumber(points.length)} autosaves from {formatDateTime(first.at)} to {formatDateTime(last.at)};{' '}
        {pastes.length ? (
          <strong className="text-ink">
            {pastes.length} large paste{pastes.length === 1 ? '' : 's'}
          </strong>
        ) : (
          'no large pastes'
        )}
        {uploads.length ? `; ${uploads.length} Word upload${uploads.length === 1 ? '' : 's'}` : ''}. Word counts only:
        no text or keystrokes are kept.
      </p>
      <svg viewBox={`0 0 ${W} ${H}`} className="mt-3 h-auto w-full" role="img" aria-labelledby="authorship-chart-title">
        <title id="authorship-chart-title">
          Words in the draft after each autosave, from {formatNumber(first.words)} to {formatNumber(last.words)}
        </title>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="stroke-line" />
        <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end" className="fill-muted text-[11px]">
          {formatNumber(max)}
        </text>
        <text x={PAD.left - 6} y={y(0) + 4} textAnchor="end" className="fill-muted text-[11px]">
          0
        </text>
        <path d={line} fill="none" strokeWidth={2} className="stroke-brand-600" />
        {points.map((p, i) =>
          p.largePaste || p.source === 'docx' ? (
            <circle
              key={i}
              cx={x(i)}
              cy={y(p.words)}
              r={5}
              className={p.largePaste ? 'fill-red-700' : 'fill-amber-600'}
            />
          ) : null,
        )}
      </svg>
      <p className="mt-1 flex flex-wrap gap-4 text-xs text-muted">
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-2.5 w-2.5 rounded-full bg-red-700" />
          large paste ({'\u2265'}100 words at once)
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-2.5 w-2.5 rounded-full bg-amber-600" />
          Word document uploaded
        </span>
      </p>
      {pastes.length || uploads.length ? (
        <ul className="mt-3 space-y-1 text-sm">
          {points
            .filter((p) => p.largePaste || p.source === 'docx')
            .map((p, i) => (
              <li key={i}>
                {formatDateTime(p.at)}:{' '}
                {p.source === 'docx'
                  ? `Word document uploaded (${formatNumber(p.words)} words)`
                  : `${formatNumber(p.pastedWords)} words pasted at once`}
                , {formatNumber(p.added)} added, {formatNumber(p.removed)} removed
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}
