import Link from 'next/link';
import { ActionForm } from '@/components/admin/ActionForm';
import { VerdictBadge } from '@/components/quality/VerdictBadge';
import { Badge } from '@/components/ui/Badge';
import { inputClass } from '@/components/ui/Field';
import { formatDateTime, formatDay, formatNumber } from '@/lib/format';
import type { JudgementLine, SampledItemView } from '@/lib/qa/pages';
import { confirmationWords } from '@/lib/links/words';
import type { FormResult } from '@/components/admin/ActionForm';
import { DECISION, labels } from '@/lib/vocabulary';
import { FilePreview } from '@/components/evidence/FilePreview';

/**
 * A sampled item as the quality pages show it: why it was drawn, the snapshot beside the record now, and the IQA's
 * decisions with their actions. The IQA's page passes the action that closes an action point; the external quality
 * assurer's page passes none, and reads the same record.
 */

const OUTCOME: Record<string, string> = labels(DECISION);
const outcome = (o: string) => OUTCOME[o] ?? o;

function Judgements({ list, label }: { list: JudgementLine[]; label: string }) {
  if (!list.length) return <p className="text-sm text-muted">No judgements.</p>;
  return (
    <ol className="space-y-2" aria-label={label}>
      {list.map((j) => (
        <li
          key={j.id}
          className={`rounded-lg px-3 py-2 text-sm ${j.sampled ? 'border border-brand-500 bg-brand-50' : 'bg-canvas'}`}
        >
          <span className="font-semibold">{outcome(j.outcome)}</span> by {j.assessorName}, {formatDateTime(j.at)}
          {j.sampled ? (
            <Badge tone="brand" className="ml-2">
              Sampled decision
            </Badge>
          ) : null}
          {j.feedback ? <p className="mt-1 whitespace-pre-wrap">“{j.feedback}”</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function SampledItemRecord({
  item,
  closeAction,
  linkSignOffs = false,
  linkFiles = false,
}: {
  item: SampledItemView;
  /** Offered on open actions when the viewer may close them (item.canDecide). */
  closeAction?: (form: FormData) => Promise<FormResult>;
  /** Links each sign-off to its countersign page: for the centre's IQA, not for an EQA (who may not open it). */
  linkSignOffs?: boolean;
  /**
   * Links each file to its download: for the centre's IQA and the EQA, whom the server lets open the files a sampled
   * decision rested on (the IQA in their cohorts, the EQA in a sample shared with their open visit).
   */
  linkFiles?: boolean;
}) {
  return (
    <>
      <section aria-labelledby="why" className="mb-6 rounded-xl border border-line bg-white p-4 shadow-sm">
        <h2 id="why" className="font-semibold text-brand-900">
          Why it was drawn
        </h2>
        <ul className="mt-1 list-disc pl-5 text-sm">
          {item.reasons.map((r) => (
            <li key={r.rule + r.text}>{r.text}</li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-muted">
          Sample drawn {formatDateTime(item.sample.drawnAt)} by plan version {item.sample.planVersion}. Snapshot SHA-256{' '}
          <code className="break-all">{item.snapshotSha256}</code>
        </p>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="snapshot" className="min-w-0 rounded-xl border border-line bg-white p-4 shadow-sm">
          <h2 id="snapshot" className="font-semibold text-brand-900">
            As sampled (frozen at the draw)
          </h2>
          {item.snapshot.signOff ? (
            <div className="mt-2 space-y-2 text-sm">
              <p>
                <span className="font-semibold">{outcome(item.snapshot.signOff.outcome)}</span>,{' '}
                {formatDateTime(item.snapshot.signOff.at)}
              </p>
              {item.snapshot.signOff.feedback ? (
                <p className="whitespace-pre-wrap">“{item.snapshot.signOff.feedback}”</p>
              ) : null}
              <p className="text-muted">{item.snapshot.signOff.criteria.length} criteria judged with the sign-off.</p>
            </div>
          ) : null}
          {item.snapshot.reportVersion ? (
            <p className="mt-2 text-sm">
              Report version {item.snapshot.reportVersion.number}:{' '}
              {formatNumber(item.snapshot.reportVersion.countedWords)} counted words (
              {formatNumber(item.snapshot.reportVersion.totalWords)} in all), hash{' '}
              <code className="break-all">{item.snapshot.reportVersion.contentHash}</code>
            </p>
          ) : null}
          {item.snapshot.evidence.length ? (
            <>
              <h3 className="mt-3 text-sm font-semibold">Evidence</h3>
              <ul className="mt-1 space-y-2">
                {item.snapshot.evidence.map((e) => (
                  <li key={e.id} className="rounded-lg bg-canvas px-3 py-2 text-sm">
                    {e.missing ? (
                      <span className="text-muted">Evidence no longer found.</span>
                    ) : (
                      <>
                        <p className="font-semibold">
                          {e.title}{' '}
                          {e.cited ? (
                            <Badge tone="brand" size="xs">
                              Cited
                            </Badge>
                          ) : null}
                        </p>
                        <p className="text-xs text-muted">
                          {e.kind} · {formatDay(e.occurredOn)} · version {e.version}
                        </p>
                        {e.description ? <p className="mt-1 whitespace-pre-wrap">{e.description}</p> : null}
                        {e.body ? <p className="mt-1 whitespace-pre-wrap">{e.body}</p> : null}
                        {e.url ? <p className="mt-1 break-all">{e.url}</p> : null}
                        {e.mappingNote ? <p className="mt-1 italic">Learner’s note: “{e.mappingNote}”</p> : null}
                        {item.witnessConfirmations[e.id] ? (
                          <p className="mt-1" data-testid="witness-confirmation">
                            Witness, now: {confirmationWords(item.witnessConfirmations[e.id]!)}
                          </p>
                        ) : null}
                        {e.file ? (
                          <p className="mt-1 text-xs">
                            File{' '}
                            {linkFiles ? (
                              <a href={`/api/files/${e.file.id}`} className="text-brand-700 underline">
                                {e.file.name}
                              </a>
                            ) : (
                              e.file.name
                            )}
                            , SHA-256 <code className="break-all">{e.file.sha256}</code>
                          </p>
                        ) : null}
                        {e.file && linkFiles ? <FilePreview file={e.file} title={e.title} /> : null}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {item.snapshot.judgements.length ? (
            <>
              <h3 className="mb-1 mt-3 text-sm font-semibold">Judgement history at the draw</h3>
              <Judgements list={item.snapshot.judgements} label="Judgement history at the draw" />
            </>
          ) : null}
        </section>

        <section aria-labelledby="now" className="min-w-0 rounded-xl border border-line bg-white p-4 shadow-sm">
          <h2 id="now" className="font-semibold text-brand-900">
            The record now
          </h2>
          {item.kind === 'judgement' ? (
            <>
              <h3 className="mb-1 mt-2 text-sm font-semibold">Judgements of this criterion, newest first</h3>
              <Judgements list={item.current.judgements} label="Judgements now" />
            </>
          ) : (
            <ul className="mt-2 space-y-2 text-sm">
              {item.current.reportDecisions.map((d) => (
                <li key={d.id} className="rounded-lg bg-canvas px-3 py-2">
                  <span className="font-semibold">{outcome(d.outcome)}</span> by {d.assessorName},{' '}
                  {formatDateTime(d.at)}: version {d.versionNumber}, {formatNumber(d.countedWords)} counted words, hash{' '}
                  <code className="break-all">{d.contentHash}</code>
                  {d.superseded ? (
                    <Badge tone="notyet" size="xs" className="ml-2">
                      Superseded by a QA disagreement
                    </Badge>
                  ) : d.countersigned ? (
                    <Badge tone="met" size="xs" className="ml-2">
                      Countersigned
                    </Badge>
                  ) : null}
                  {linkSignOffs && d.outcome === 'signed_off' ? (
                    <Link href={`/quality/sign-offs/${d.id}`} className="mt-1 block text-brand-700 underline">
                      {d.superseded || d.countersigned ? 'Open the sign-off' : 'Review and countersign'}
                      <span className="sr-only">: version {d.versionNumber}</span>
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="history" className="mt-6 rounded-xl border border-line bg-white p-4 shadow-sm">
        <h2 id="history" className="font-semibold text-brand-900">
          Quality assurance decisions
        </h2>
        {item.decisions.length ? (
          <ol className="mt-2 space-y-3">
            {item.decisions.map((d) => (
              <li
                key={d.id}
                className={`rounded-lg border px-3 py-2 text-sm ${d.id === item.currentDecisionId ? 'border-brand-500' : 'border-line opacity-90'}`}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <VerdictBadge verdict={d.verdict} />
                  <span>
                    by {d.iqaName}, {formatDateTime(d.at)}
                  </span>
                  {d.id === item.currentDecisionId ? (
                    <Badge tone="brand" size="xs">
                      Current
                    </Badge>
                  ) : (
                    <Badge tone="muted" size="xs">
                      Superseded
                    </Badge>
                  )}
                </div>
                {d.feedback ? <p className="mt-1 whitespace-pre-wrap">“{d.feedback}”</p> : null}
                {d.actions.length ? (
                  <ul className="mt-1 list-disc pl-5">
                    {d.actions.map((a) => (
                      <li key={a.id}>
                        {a.text}{' '}
                        <span className="text-muted">
                          (due {formatDay(a.dueOn)}
                          {a.closedAt ? `; closed ${formatDateTime(a.closedAt)}` : '; open'})
                        </span>
                        {a.responses.map((r) => (
                          <span key={r.id} className="mt-1 block rounded-md bg-canvas px-2 py-1">
                            <span className="font-semibold">{r.assessorName} responded</span>, {formatDateTime(r.at)}: “
                            {r.text}”
                            {r.rejudgement ? (
                              <span className="block text-muted">
                                Re-judged {outcome(r.rejudgement.outcome).toLowerCase()} on{' '}
                                {formatDateTime(r.rejudgement.at)} (see “The record now”).
                              </span>
                            ) : null}
                          </span>
                        ))}
                        {a.closingNote ? (
                          <span className="block text-muted">Closed with: “{a.closingNote}”</span>
                        ) : null}
                        {!a.closedAt && item.canDecide && closeAction ? (
                          <ActionForm
                            action={closeAction}
                            submitLabel="Close action"
                            pendingLabel={'Closing\u2026'}
                            success="Closed."
                            button={{ variant: 'secondary', size: 'sm' }}
                            className="mt-1 flex flex-wrap items-end gap-2"
                          >
                            <input type="hidden" name="actionId" value={a.id} />
                            <label htmlFor={`close-${a.id}`} className="sr-only">
                              Closing note for “{a.text}”
                            </label>
                            <input
                              id={`close-${a.id}`}
                              name="note"
                              type="text"
                              maxLength={2000}
                              placeholder="Closing note (optional)"
                              className={`${inputClass} max-w-sm py-1 text-sm`}
                            />
                          </ActionForm>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-1 text-sm text-muted">No verdict yet.</p>
        )}
      </section>
    </>
  );
}
