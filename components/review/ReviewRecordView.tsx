import { Badge } from '@/components/ui/Badge';
import { formatDate, formatDay, plural } from '@/lib/format';
import { formatDuration } from '@/lib/hours/weeks';
import type { ReviewRecord, TargetOutcome } from '@/lib/reviews/types';

const OUTCOME: Record<TargetOutcome, { text: string; tone: 'met' | 'pending' | 'notyet' | 'muted'; mark: string }> = {
  open: { text: 'Open', tone: 'muted', mark: '\u25CB' },
  claimed: { text: 'Marked achieved, awaiting the coach', tone: 'pending', mark: '\u2026' },
  achieved: { text: 'Achieved', tone: 'met', mark: '\u2713' },
  not_yet: { text: 'Not yet achieved', tone: 'notyet', mark: '!' },
};

export function OutcomeBadge({ outcome }: { outcome: TargetOutcome }) {
  const o = OUTCOME[outcome];
  return (
    <Badge tone={o.tone} size="xs" icon={<span aria-hidden="true">{o.mark}</span>}>
      {o.text}
    </Badge>
  );
}

/** What the record showed when the review was opened: the part of the review nobody types. */
export function ReviewRecordView({ record }: { record: ReviewRecord }) {
  const since = record.since ? `since the last review (${formatDay(record.since)})` : 'so far';
  return (
    <section aria-labelledby="record-heading" className="rounded-xl border border-line bg-white p-5 shadow-sm">
      <h2 id="record-heading" className="text-base font-semibold text-brand-900">
        From the record {since}
      </h2>
      <div className="mt-3 grid gap-4 md:grid-cols-3">
        <div>
          <h3 className="text-sm font-semibold">{plural(record.criteriaMet.length, 'criterion', 'criteria')} met</h3>
          {record.criteriaMet.length ? (
            <ul className="mt-1 space-y-0.5 text-sm">
              {record.criteriaMet.map((c) => (
                <li key={c.id}>
                  {c.label} <span className="text-muted">({formatDate(c.at)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-muted">None yet.</p>
          )}
        </div>
        <div>
          <h3 className="text-sm font-semibold">Awaiting judgement</h3>
          {record.criteriaAwaiting.length ? (
            <ul className="mt-1 space-y-0.5 text-sm">
              {record.criteriaAwaiting.map((c) => (
                <li key={c.id}>{c.label}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-muted">Nothing waiting.</p>
          )}
        </div>
        <div>
          <h3 className="text-sm font-semibold">Worksheets handed in</h3>
          {record.worksheetsHandedIn.length ? (
            <ul className="mt-1 space-y-0.5 text-sm">
              {record.worksheetsHandedIn.map((w) => (
                <li key={`${w.slug}-${w.at}`}>
                  {w.title} <span className="text-muted">({formatDate(w.at)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-muted">None.</p>
          )}
        </div>
      </div>
      {record.hours ? (
        <p className="mt-4 text-sm" data-testid="review-hours">
          <span className="font-semibold">Learning hours logged: </span>
          {record.hours.entries
            ? `${formatDuration(record.hours.minutes)} in ${plural(record.hours.entries, 'entry', 'entries')}`
            : 'none'}
        </p>
      ) : null}
      {record.previousTargets.length ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">Targets from the last review</h3>
          <ul className="mt-1 divide-y divide-line text-sm">
            {record.previousTargets.map((t) => (
              <li key={t.key} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                <span>
                  {t.text} <span className="text-muted">(due {formatDay(t.dueOn)})</span>
                </span>
                <OutcomeBadge outcome={t.outcome} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
