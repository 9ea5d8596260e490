import type { Trend } from '@/lib/dashboards/types';
import { formatDayMonth, formatNumber } from '@/lib/format';

const W = 760;
const H = 240;
const PAD = { top: 16, right: 34, bottom: 34, left: 52 };

/** Rounds the axis top up to a readable step (1, 2, 5 x 10^n). */
function niceMax(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/**
 * Criteria met over the last weeks as an SVG line chart, drawn on the server. It has a title and description for
 * screen readers, and the same figures as a table below it (the table is the accessible alternative).
 */
export function TrendChart({ trend, id = 'trend' }: { trend: Trend; id?: string }) {
  const { points } = trend;
  if (!points.length) return null;
  const max = niceMax(Math.max(...points.map((p) => p.met), 1));
  const x = (i: number) =>
    PAD.left + (points.length === 1 ? 0 : (i / (points.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.met).toFixed(1)}`).join(' ');
  const area = `${line} L${x(points.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
  const first = points[0];
  const last = points[points.length - 1];
  const change = last.met - first.met;
  const verb = change > 0 ? 'rose from' : change < 0 ? 'fell from' : 'stayed at';
  const desc =
    `Criteria met ${verb} ${formatNumber(first.met)} in the week ending ${formatDayMonth(new Date(first.weekEnding))} ` +
    `${change === 0 ? ' and' : ' to'} ${formatNumber(last.met)} in the week ending ${formatDayMonth(new Date(last.weekEnding))}, ` +
    `out of ${formatNumber(trend.total)} criteria in total.`;
  const ticks = [0, max / 2, max];
  return (
    <figure className="min-w-0 max-w-3xl">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full max-w-full"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>Criteria met, week by week</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(t)}
              y2={y(t)}
              stroke="#dde3e4"
              strokeDasharray={t ? '3 3' : undefined}
            />
            <text x={PAD.left - 8} y={y(t) + 4} textAnchor="end" fontSize="12" fill="#556064">
              {formatNumber(t)}
            </text>
          </g>
        ))}
        <path d={area} fill="#17683b" fillOpacity="0.1" />
        <path d={line} fill="none" stroke="#17683b" strokeWidth="2.5" strokeLinejoin="round" />
        {points.map((p, i) => (
          <circle
            key={p.weekEnding}
            cx={x(i)}
            cy={y(p.met)}
            r={i === points.length - 1 ? 4.5 : 3}
            fill={i === points.length - 1 ? '#17683b' : '#fff'}
            stroke="#17683b"
            strokeWidth="2"
          />
        ))}
        {points.map((p, i) =>
          i % 2 === points.length % 2 || i === points.length - 1 ? (
            <text key={`l-${p.weekEnding}`} x={x(i)} y={H - 12} textAnchor="middle" fontSize="12" fill="#556064">
              {formatDayMonth(new Date(p.weekEnding))}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="mt-1 text-sm text-muted">{desc}</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Show the figures as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-left">
            <caption className="sr-only">Criteria met at the end of each week</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-4 font-medium">
                  Week ending
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Criteria met
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.weekEnding} className="border-b border-line/60">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {formatDayMonth(new Date(p.weekEnding))}
                  </th>
                  <td className="py-1 text-right tabular-nums">{formatNumber(p.met)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
