import Link from 'next/link';
import { VerdictBadge } from '@/components/quality/VerdictBadge';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { formatDateTime, formatDay, plural } from '@/lib/format';
import type { EqaPack, PackItem } from '@/lib/qa/eqa';
import { DECISION, labels } from '@/lib/vocabulary';

/**
 * The samples shared with an external quality assurer's visit, as one record: for each sample the plan (version and
 * rules) and the draw, then each item with why it was drawn, its snapshot's hash, the IQA's decisions with their
 * actions, and where it stands. The visit's home and its printable pack show the same thing.
 */

const OUTCOME_TONE: Record<PackItem['outcome'], BadgeTone> = {
  'awaiting verdict': 'muted',
  agreed: 'met',
  'disagreed, actions open': 'notyet',
  'disagreed, actions closed': 'pending',
};
const RECORD: Record<string, string> = labels(DECISION);
const lastDay = (to: string) => formatDay(new Date(Date.parse(to) - 1).toISOString().slice(0, 10));

export function EqaPackView({
  pack,
  itemHref,
  learnerHref,
}: {
  pack: EqaPack;
  /** Where an item's full record opens (the EQA's or the IQA's item view); none in print. */
  itemHref?: (itemId: string) => string;
  /** Where a learner's record opens, for the EQA. */
  learnerHref?: (learnerId: string, moduleSlug: string) => string;
}) {
  if (!pack.samples.length)
    return (
      <p className="rounded-xl border border-dashed border-line bg-white p-4 text-muted">
        No sample is shared with this visit yet.
      </p>
    );
  return (
    <div className="space-y-8">
      {pack.samples.map((s, n) => (
        <section key={s.id} aria-labelledby={`sample-${s.id}`} className={n ? 'export-new-page' : undefined}>
          <div className="export-keep rounded-xl border border-line bg-white p-4 shadow-sm">
            <h2 id={`sample-${s.id}`} className="text-lg font-semibold text-brand-900">
              {s.cohort.name}: sample drawn {formatDateTime(s.drawnAt)}
            </h2>
            <p className="mt-1 text-sm text-muted">
              By {s.drawnBy}, from {formatDay(s.periodFrom.slice(0, 10))} to {lastDay(s.periodTo)};{' '}
              {plural(s.items.length, 'decision')} drawn from {s.candidateCount}. Seed <code>{s.seed}</code>.
            </p>
            <h3 className="mt-3 text-sm font-semibold">
              Sampling plan: {s.plan.name}, version {s.plan.version}
            </h3>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
              {s.plan.rulesInWords.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
          <ol className="mt-4 space-y-3" aria-label={`Items of the sample of ${s.cohort.name}`}>
            {s.items.map((i) => (
              <li key={i.id} className="export-keep rounded-xl border border-line bg-white p-4 text-sm shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <p className="min-w-0 font-semibold">
                    {i.position}.{' '}
                    {itemHref ? (
                      <Link href={itemHref(i.id)} className="text-brand-700 underline-offset-2 hover:underline">
                        {i.subject}
                      </Link>
                    ) : (
                      i.subject
                    )}
                  </p>
                  <Badge tone={OUTCOME_TONE[i.outcome]} wrap>
                    {i.outcome[0]!.toUpperCase() + i.outcome.slice(1)}
                  </Badge>
                </div>
                <p className="mt-1 text-muted">
                  {i.kind === 'sign_off' ? 'Summative (report sign-off)' : 'Interim (criterion judgement)'} · learner{' '}
                  {learnerHref ? (
                    <Link
                      href={learnerHref(i.learner.id, i.moduleSlug)}
                      className="text-brand-700 underline underline-offset-2"
                    >
                      {i.learner.name}
                    </Link>
                  ) : (
                    i.learner.name
                  )}{' '}
                  · assessor {i.assessor.name} · decided {formatDateTime(i.decidedAt)}
                  {i.methods.length ? ` · ${i.methods.join(', ')}` : ''}
                </p>
                <p className="mt-2 font-medium">Why it was drawn</p>
                <ul className="list-disc pl-5">
                  {i.reasons.map((r) => (
                    <li key={r.rule + r.text}>{r.text}</li>
                  ))}
                </ul>
                <p className="mt-2 text-xs text-muted">
                  Snapshot SHA-256 <code className="break-all">{i.snapshotSha256}</code>
                </p>
                {i.recordNow ? (
                  <p className="mt-1 text-xs text-muted">
                    On the record now: {RECORD[i.recordNow.outcome] ?? i.recordNow.outcome},{' '}
                    {formatDateTime(i.recordNow.at)}
                  </p>
                ) : null}
                {i.decisions.length ? (
                  <ol className="mt-2 space-y-2" aria-label={`IQA decisions on item ${i.position}`}>
                    {i.decisions.map((d) => (
                      <li
                        key={d.id}
                        className={`rounded-lg border px-3 py-2 ${d.current ? 'border-brand-500' : 'border-line'}`}
                      >
                        <div className="flex flex-wrap items-center gap-2">
                          <VerdictBadge verdict={d.verdict} />
                          <span>
                            by {d.iqa}, {formatDateTime(d.at)}
                          </span>
                          <Badge tone={d.current ? 'brand' : 'muted'} size="xs">
                            {d.current ? 'Current' : 'Superseded'}
                          </Badge>
                        </div>
                        {d.feedback ? <p className="mt-1 whitespace-pre-wrap">“{d.feedback}”</p> : null}
                        {d.actions.length ? (
                          <ul className="mt-1 list-disc pl-5">
                            {d.actions.map((a) => (
                              <li key={a.id}>
                                {a.text}{' '}
                                <span className="text-muted">
                                  (due {formatDay(a.dueOn)};{' '}
                                  {a.closedAt
                                    ? `closed ${formatDateTime(a.closedAt)}${a.closedBy ? ` by ${a.closedBy}` : ''}`
                                    : 'open'}
                                  )
                                </span>
                                {a.closingNote ? (
                                  <span className="block text-muted">Closed with: “{a.closingNote}”</span>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                ) : (
                  <p className="mt-2 text-muted">No IQA verdict yet.</p>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
