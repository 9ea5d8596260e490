import { Badge } from '@/components/ui/Badge';
import type { AssessorAgreement } from '@/lib/qa/agreement';

/**
 * "Agreement with assessors" on the IQA home: per assessor, one bar per month of their decisions, as long as the share
 * the IQA agreed with, the figures beside it. The drawing is decoration for sighted readers (aria-hidden); the table
 * after it, visually hidden, carries the same figures for everyone else. Server-rendered: no client code.
 */

const ROW = 26;
const LABEL = 72;
const BAR = 150;
const WIDTH = 320;

const percent = (rate: number) => `${Math.round(rate * 100)}%`;
const figures = (m: { agreed: number; withVerdict: number; rate: number }) =>
  `${m.agreed} of ${m.withVerdict} · ${percent(m.rate)}`;

export function AgreementChart({ cohortName, agreement }: { cohortName: string; agreement: AssessorAgreement[] }) {
  if (!agreement.length)
    return (
      <p className="mt-1 text-sm text-muted">
        Nothing to chart yet: no sampled decision has a verdict. Record a verdict on a sampled item and the agreement
        rate per assessor and month appears here.
      </p>
    );
  return (
    <>
      <p className="mt-1 text-sm text-muted">
        Per assessor and month of their decision: of the sampled decisions with a verdict, how many you agreed with (a
        changed verdict counts as its latest).
      </p>
      <ul className="mt-3 grid gap-4 md:grid-cols-2">
        {agreement.map((a) => (
          <li key={a.assessorId} className="max-w-xs min-w-0">
            <p className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="font-semibold">{a.assessorName}</span>
              <Badge tone={a.rate === 1 ? 'met' : a.rate >= 0.5 ? 'pending' : 'notyet'}>
                {a.agreed} of {a.withVerdict} agreed ({percent(a.rate)})
              </Badge>
            </p>
            <svg
              aria-hidden="true"
              viewBox={`0 0 ${WIDTH} ${a.months.length * ROW}`}
              width={WIDTH}
              height={a.months.length * ROW}
              className="mt-2 h-auto max-w-full"
            >
              {a.months.map((m, i) => (
                <g key={m.month} transform={`translate(0 ${i * ROW})`}>
                  <text x={0} y={17} className="fill-ink text-[12px]">
                    {m.label}
                  </text>
                  <rect x={LABEL} y={5} width={BAR} height={16} rx={3} className="fill-brand-50 stroke-line" />
                  {m.agreed > 0 ? (
                    <rect
                      x={LABEL}
                      y={5}
                      width={Math.max(2, BAR * m.rate)}
                      height={16}
                      rx={3}
                      className="fill-brand-600"
                    />
                  ) : null}
                  <text x={LABEL + BAR + 6} y={17} className="fill-ink text-[12px] tabular-nums">
                    {figures(m)}
                  </text>
                </g>
              ))}
            </svg>
          </li>
        ))}
      </ul>
      <table className="sr-only">
        <caption>Agreement with assessors in {cohortName}, per month of the assessor’s decision</caption>
        <thead>
          <tr>
            <th scope="col">Assessor</th>
            <th scope="col">Month</th>
            <th scope="col">Decisions with a verdict</th>
            <th scope="col">Agreed</th>
            <th scope="col">Agreement rate</th>
          </tr>
        </thead>
        <tbody>
          {agreement.flatMap((a) =>
            a.months.map((m) => (
              <tr key={`${a.assessorId}-${m.month}`}>
                <th scope="row">{a.assessorName}</th>
                <td>{m.label}</td>
                <td>{m.withVerdict}</td>
                <td>{m.agreed}</td>
                <td>{percent(m.rate)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </>
  );
}
