import { formatDay, plural } from '@/lib/format';
import type { HoursSummary } from '@/lib/hours/read';
import { formatDuration } from '@/lib/hours/weeks';
import { PlanBar } from './PlanBar';

/**
 * A learner's learning hours against their cohort's plan: the figures, the last weeks as bars (each also written out,
 * so a screen reader reads the same numbers), and the newest entries. `entryAction` adds a control to each entry (the
 * learner's own page offers "Withdraw").
 */
export function HoursPanel({
  summary,
  entryAction,
  entriesShown = summary.entries.length,
  whose = 'your',
}: {
  summary: HoursSummary;
  entryAction?: (entry: HoursSummary['entries'][number]) => React.ReactNode;
  entriesShown?: number;
  whose?: 'your' | 'their';
}) {
  const { plan } = summary;
  const plannedWeek = plan?.minutesPerWeek ?? 0;
  const top = Math.max(plannedWeek, ...summary.weeks.map((w) => w.minutes), 60);
  const behind = plan ? plan.plannedToDate - summary.totalMinutes : 0;
  return (
    <div className="space-y-4" data-testid="hours-panel">
      <dl className="grid grid-cols-[repeat(auto-fit,minmax(9rem,1fr))] gap-3">
        <Figure label="Logged in all" value={formatDuration(summary.totalMinutes)} />
        <Figure label="This week" value={formatDuration(summary.thisWeekMinutes)} />
        <Figure
          label="Planned to date"
          value={plan ? formatDuration(plan.plannedToDate) : 'No plan'}
          note={
            plan
              ? `${formatDuration(plan.minutesPerWeek)} a week since ${formatDay(plan.since)}`
              : `${whose === 'your' ? 'Your' : 'Their'} cohort has no planned hours`
          }
        />
      </dl>
      {plan ? (
        <p className={`text-sm ${behind > 0 ? 'text-notyet' : 'text-met'}`} data-testid="hours-against-plan">
          {behind > 0
            ? `${formatDuration(behind)} behind the plan so far.`
            : `On or ahead of the plan (${formatDuration(-behind)} ahead).`}
        </p>
      ) : null}

      <div>
        <h3 className="text-sm font-semibold">Hours per week, last {summary.weeks.length} weeks</h3>
        <ol className="mt-2 space-y-1.5" aria-label="Hours logged per week">
          {summary.weeks.map((w) => (
            <li key={w.start} className="grid grid-cols-[6.5rem_minmax(0,1fr)_5.5rem] items-center gap-2 text-xs">
              <span className="text-muted">w/c {formatDay(w.start)}</span>
              <PlanBar minutes={w.minutes} planned={plannedWeek || null} top={top} />
              <span className="text-right tabular-nums">{w.minutes ? formatDuration(w.minutes) : 'none'}</span>
            </li>
          ))}
        </ol>
        {plannedWeek ? (
          <p className="mt-1 text-xs text-muted">The dark line is the plan: {formatDuration(plannedWeek)} a week.</p>
        ) : null}
      </div>

      <div>
        <h3 className="text-sm font-semibold">
          Entries <span className="font-normal text-muted">({plural(summary.entryCount, 'entry', 'entries')})</span>
        </h3>
        {summary.entries.length ? (
          <ul className="mt-1 divide-y divide-line text-sm">
            {summary.entries.slice(0, entriesShown).map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="min-w-0">
                  <span className="font-medium tabular-nums">{formatDuration(e.minutes)}</span> on{' '}
                  {formatDay(e.spentOn)}: {e.activity}
                  {e.moduleCode ? <span className="text-muted"> ({e.moduleCode})</span> : null}
                </span>
                {entryAction?.(e)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-muted">No hours logged yet.</p>
        )}
      </div>
    </div>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-line bg-canvas p-3">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-brand-900">{value}</dd>
      {note ? <dd className="text-xs text-muted">{note}</dd> : null}
    </div>
  );
}
