import Link from 'next/link';
import { Card } from '@/components/ui/Card';
import type { ReportSummary } from '@/lib/dashboards/learner-home';
import { links } from '@/lib/dashboards/links';
import { standing, standingSummary, wordNoun, words as wordsOf } from '@/lib/reports/format';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { formatDate, formatNumber } from '@/lib/format';
import { REPORT_STATE } from '@/lib/vocabulary';

const STATE: Record<ReportSummary['status'], { tone: BadgeTone; symbol: string }> = {
  not_started: { tone: 'muted', symbol: '\u00B7' },
  draft: { tone: 'brand', symbol: '\u270E' },
  submitted: { tone: 'pending', symbol: '\u25F7' },
  referred: { tone: 'notyet', symbol: '!' },
  awaiting_countersignature: { tone: 'pending', symbol: '\u25F7' },
  signed_off: { tone: 'met', symbol: '\u2713' },
};

/** The portfolio report's state and word count against the unit's range (counted by the shared word counter). */
export function ReportCard({ report }: { report: ReportSummary }) {
  const state = STATE[report.status];
  const { draftWords: counted, minWords: min, maxWords: max } = report;
  const scaleMax = Math.max(max * 1.1, counted);
  const pct = (n: number) => `${Math.min(100, (n / scaleMax) * 100)}%`;
  const where = standing(counted, report);
  const inRange = where === 'within';
  const rangeText = standingSummary(counted, report);
  return (
    <Card title="Portfolio report">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Badge tone={state.tone} size="md" outlined={false} wrap icon={<span aria-hidden="true">{state.symbol}</span>}>
          {REPORT_STATE[report.status].label}
        </Badge>
        <Link
          href={links.learnerReport()}
          className="text-sm font-semibold text-brand-700 underline-offset-2 hover:underline"
        >
          Open your report<span aria-hidden="true"> &rarr;</span>
        </Link>
      </div>
      {report.status !== 'signed_off' && report.status !== 'awaiting_countersignature' ? (
        <div className="mt-4">
          <p className="text-sm">
            <strong className="text-lg tabular-nums">{formatNumber(counted)}</strong> {wordNoun(counted)} counted in
            your draft{' '}
            <span className="text-muted">
              ({formatNumber(min)}&ndash;{formatNumber(max)} needed)
            </span>
          </p>
          <div
            className="relative mt-2 h-3 rounded-full bg-line/70"
            role="img"
            aria-label={`${wordsOf(counted)}; the range is ${formatNumber(min)} to ${formatNumber(max)}. ${rangeText}.`}
          >
            <span
              className="absolute inset-y-0 rounded-full bg-met/20"
              style={{ left: pct(min), width: `calc(${pct(max)} - ${pct(min)})` }}
            />
            <span
              className={`absolute inset-y-0 left-0 rounded-full ${inRange ? 'bg-met' : 'bg-brand-500'}`}
              style={{ width: pct(counted) }}
            />
          </div>
          <p className={`mt-1 text-sm ${inRange ? 'text-met' : where === 'over' ? 'text-notyet' : 'text-muted'}`}>
            {inRange ? '\u2713 ' : ''}
            {rangeText}.
          </p>
        </div>
      ) : null}
      {report.latest ? (
        <p className="mt-3 text-sm text-muted">
          Version {report.latest.number} submitted {formatDate(new Date(report.latest.submittedAt))} with{' '}
          {wordsOf(report.latest.countedWords)} counted
          {report.latest.decision ? `; ${report.latest.decision === 'signed_off' ? 'signed off' : 'referred'}.` : '.'}
        </p>
      ) : null}
    </Card>
  );
}
