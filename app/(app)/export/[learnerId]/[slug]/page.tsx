import type { Metadata } from 'next';
import { confirmationWords } from '@/lib/links/words';
import Link from 'next/link';
import { PrintButton } from '@/components/export/PrintButton';
import { requireUser } from '@/lib/auth/session';
import { links } from '@/lib/dashboards/links';
import { orPageError } from '@/lib/errors';
import { portfolioExport } from '@/lib/export/record';
import type { ExportCriterion, PortfolioExport } from '@/lib/export/types';
import { formatDate, formatDateTime, formatNumber } from '@/lib/format';
import { STATUS_LABEL } from '@/lib/progress/labels';
import { buttonClass } from '@/components/ui/Button';

export const metadata: Metadata = { title: 'Portfolio record' };

// Print layout: A4, page numbers where the browser supports margin boxes, nothing split that reads badly split.
const PRINT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; color: #555; } }
@media print {
  .export-doc { font-size: 10pt; }
  .export-doc h2 { break-after: avoid; }
  .export-doc h3 { break-after: avoid; }
  .export-keep { break-inside: avoid; }
  .export-new-page { break-before: page; }
  .export-doc table { font-size: 9pt; }
  .export-doc thead { display: table-header-group; }
  .export-doc tr { break-inside: avoid; }
}`;

const STATUS_SYMBOL: Record<ExportCriterion['status'], string> = {
  met: '\u2713',
  not_yet_met: '!',
  evidence_submitted: '\u25F7',
  no_evidence: '\u2013',
};
const STATUS_STYLE: Record<ExportCriterion['status'], string> = {
  met: 'text-met',
  not_yet_met: 'text-notyet',
  evidence_submitted: 'text-pending',
  no_evidence: 'text-muted',
};

function Status({ status }: { status: ExportCriterion['status'] }) {
  return (
    <span className={`whitespace-nowrap font-semibold ${STATUS_STYLE[status]}`}>
      <span aria-hidden="true">{STATUS_SYMBOL[status]} </span>
      {STATUS_LABEL[status]}
    </span>
  );
}

export default async function ExportPage({ params }: { params: Promise<{ learnerId: string; slug: string }> }) {
  const user = await requireUser();
  const { learnerId, slug } = await params;
  const r = await orPageError(portfolioExport(user, learnerId, slug));
  const judged = (c: ExportCriterion) => c.judgements[0];

  return (
    <article className="export-doc mx-auto max-w-4xl">
      <style>{PRINT_CSS}</style>
      <div className="no-print mb-6 flex flex-wrap items-center gap-3 rounded-xl border border-line bg-white p-4 shadow-sm">
        <PrintButton />
        <a href={links.exportJson(r.learner.id, r.module.slug)} className={buttonClass({ variant: 'outline' })}>
          Download as JSON
        </a>
        <p className="text-sm text-muted">
          Each criterion with its evidence and every judgement, for external quality assurance. Printing gives numbered
          A4 pages.
        </p>
        {user.role !== 'learner' ? (
          <Link
            href={
              user.role === 'eqa'
                ? '/eqa'
                : user.role === 'coach'
                  ? links.coachLearner(r.learner.id)
                  : user.role === 'assessor'
                    ? links.learner(r.learner.id)
                    : `/admin/accounts/${r.learner.id}`
            }
            className="text-sm text-brand-700 underline"
          >
            {user.role === 'eqa' ? 'Back to your visit' : `Back to ${r.learner.name}`}
          </Link>
        ) : null}
      </div>

      <header className="border-b-2 border-brand-900 pb-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-muted">Portfolio record</p>
        <h1 className="text-2xl font-semibold text-brand-900 sm:text-3xl">{r.learner.name}</h1>
        <p className="text-lg">
          {r.module.code} {r.module.title}
        </p>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div>
            <dt className="inline font-medium">Learner: </dt>
            <dd className="inline break-all">
              {r.learner.name}, {r.learner.email}
            </dd>
          </div>
          <div>
            <dt className="inline font-medium">Assessor: </dt>
            <dd className="inline">{r.staff.assessors.join(', ') || 'none assigned'}</dd>
          </div>
          <div>
            <dt className="inline font-medium">Coach: </dt>
            <dd className="inline">{r.staff.coaches.join(', ') || 'none assigned'}</dd>
          </div>
          <div>
            <dt className="inline font-medium">Produced: </dt>
            <dd className="inline">
              {formatDateTime(new Date(r.generatedAt))} by {r.generatedBy.name}
            </dd>
          </div>
        </dl>
      </header>

      {r.criteria.length ? <Summary r={r} judged={judged} /> : null}
      {r.criteria.map((c, i) => (
        <Criterion key={c.id} c={c} first={i === 0} />
      ))}
      {r.report ? <Report report={r.report} /> : null}
      {r.worksheet ? <Worksheet worksheet={r.worksheet} /> : null}

      <footer className="mt-10 border-t border-line pt-3 text-xs text-muted">
        Produced by Criterion from the portfolio record on {formatDateTime(new Date(r.generatedAt))}. Judgements and
        submitted report versions are stored unchangeably; a version&rsquo;s SHA-256 hash identifies its exact text.
      </footer>
    </article>
  );
}

function Summary({
  r,
  judged,
}: {
  r: PortfolioExport;
  judged: (c: ExportCriterion) => ExportCriterion['judgements'][number] | undefined;
}) {
  const s = r.summary;
  return (
    <section aria-labelledby="summary-heading" className="mt-6">
      <h2 id="summary-heading" className="text-xl font-semibold text-brand-900">
        Summary
      </h2>
      <p className="mt-1 text-sm">
        <strong>{s.met}</strong> of {s.total} criteria met; {s.notYetMet} not yet met; {s.submitted} with evidence
        awaiting judgement; {s.noEvidence} with no evidence.
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Each criterion, its status and its latest judgement</caption>
          <thead className="border-b-2 border-line">
            <tr>
              <th scope="col" className="py-1 pr-3">
                Criterion
              </th>
              <th scope="col" className="py-1 pr-3">
                Status
              </th>
              <th scope="col" className="py-1 pr-3">
                Evidence
              </th>
              <th scope="col" className="py-1 pr-3">
                Latest judgement
              </th>
            </tr>
          </thead>
          <tbody>
            {r.criteria.map((c) => {
              const j = judged(c);
              return (
                <tr key={c.id} className="border-b border-line/70">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    <a href={`#${anchor(c.id)}`} className="underline-offset-2 hover:underline">
                      {c.label}
                    </a>
                  </th>
                  <td className="py-1 pr-3">
                    <Status status={c.status} />
                  </td>
                  <td className="py-1 pr-3 tabular-nums">{c.evidence.length}</td>
                  <td className="py-1 pr-3">{j ? `${formatDate(new Date(j.at))}, ${j.assessor}` : '\u2013'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const anchor = (id: string) => `c-${id.replace(/[^a-z0-9]+/gi, '-')}`;

function Criterion({ c, first }: { c: ExportCriterion; first: boolean }) {
  return (
    <section
      id={anchor(c.id)}
      aria-labelledby={`${anchor(c.id)}-h`}
      className={`mt-8 ${first ? 'export-new-page' : ''}`}
    >
      <div className="export-keep border-b border-line pb-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={`${anchor(c.id)}-h`} className="text-lg font-semibold text-brand-900">
            {c.label}
          </h2>
          <Status status={c.status} />
        </div>
        {c.group ? <p className="text-xs text-muted">{c.group}</p> : null}
        <p className="mt-1">{c.text}</p>
      </div>

      <h3 className="mt-3 text-sm font-semibold uppercase tracking-wide text-muted">Evidence ({c.evidence.length})</h3>
      {c.evidence.length ? (
        <ol className="mt-1 space-y-3">
          {c.evidence.map((e) => (
            <li key={e.id} className="export-keep rounded-lg border border-line bg-white p-3">
              <p className="font-semibold">{e.title}</p>
              <p className="text-xs text-muted">
                {e.kindLabel} &middot; dated {formatDate(e.occurredOn)} &middot; recorded by {e.recordedBy},{' '}
                {formatDateTime(new Date(e.recordedAt))}
                {e.version > 1 ? ` \u00b7 version ${e.version}` : ''}
              </p>
              {e.rationale ? (
                <p className="mt-1 text-sm">
                  <span className="font-medium">Why it meets this criterion: </span>
                  {e.rationale}
                </p>
              ) : null}
              {e.description ? <p className="mt-1 whitespace-pre-line text-sm">{e.description}</p> : null}
              {e.text ? <p className="mt-1 whitespace-pre-line border-l-2 border-line pl-3 text-sm">{e.text}</p> : null}
              {e.witness ? (
                <p className="mt-1 text-sm">
                  Witness: {e.witness.name}
                  {e.witness.role ? `, ${e.witness.role}` : ''}
                  {e.witness.contact ? ` (${e.witness.contact})` : ''}
                  {e.witness.confirmation ? `. ${confirmationWords(e.witness.confirmation)}.` : ''}
                </p>
              ) : null}
              {e.url ? <p className="mt-1 break-all text-sm">Link: {e.url}</p> : null}
              {e.file ? (
                <p className="mt-1 break-all text-sm">
                  File: {e.file.name} ({Math.ceil(e.file.sizeBytes / 1024)} KB), SHA-256{' '}
                  <code className="text-xs">{e.file.sha256}</code>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-1 text-sm text-muted">No evidence mapped to this criterion.</p>
      )}

      <h3 className="mt-3 text-sm font-semibold uppercase tracking-wide text-muted">
        Judgements ({c.judgements.length})
      </h3>
      {c.judgements.length ? (
        <div className="mt-1 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Judgements of {c.label}, newest first</caption>
            <thead className="border-b border-line">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Date
                </th>
                <th scope="col" className="py-1 pr-3">
                  Assessor
                </th>
                <th scope="col" className="py-1 pr-3">
                  Outcome
                </th>
                <th scope="col" className="py-1">
                  Feedback and evidence cited
                </th>
              </tr>
            </thead>
            <tbody>
              {c.judgements.map((j, i) => (
                <tr key={`${j.at}-${i}`} className="border-b border-line/70 align-top">
                  <td className="whitespace-nowrap py-1 pr-3">{formatDateTime(new Date(j.at))}</td>
                  <td className="py-1 pr-3">{j.assessor}</td>
                  <td className="py-1 pr-3">
                    <Status status={j.outcome} />
                  </td>
                  <td className="py-1">
                    {j.feedback ? (
                      <p className="whitespace-pre-line">{j.feedback}</p>
                    ) : (
                      <p className="text-muted">No feedback written.</p>
                    )}
                    {j.citedEvidence.length ? (
                      <p className="text-xs text-muted">Cited: {j.citedEvidence.map((e) => e.title).join('; ')}</p>
                    ) : null}
                    {j.learnerReplies.map((rep, k) => (
                      <p key={k} className="mt-1 text-xs">
                        Reply from {rep.by}, {formatDate(new Date(rep.at))}: {rep.note}
                      </p>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-1 text-sm text-muted">Not judged yet.</p>
      )}
    </section>
  );
}

function Report({ report }: { report: NonNullable<PortfolioExport['report']> }) {
  const s = report.signedOff;
  return (
    <section aria-labelledby="report-heading" className="export-new-page mt-10">
      <h2 id="report-heading" className="text-xl font-semibold text-brand-900">
        Portfolio report
      </h2>
      <p className="mt-1 text-sm">
        Word range {formatNumber(report.minWords)}&ndash;{formatNumber(report.maxWords)} words, counted by the
        unit&rsquo;s rules.
      </p>
      {report.versions.length ? (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Submitted versions of the report</caption>
            <thead className="border-b-2 border-line">
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Version
                </th>
                <th scope="col" className="py-1 pr-3">
                  Submitted
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  Words counted
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  Total words
                </th>
                <th scope="col" className="py-1 pr-3">
                  Decision
                </th>
                <th scope="col" className="py-1">
                  SHA-256
                </th>
              </tr>
            </thead>
            <tbody>
              {report.versions.map((v) => (
                <tr key={v.number} className="border-b border-line/70 align-top">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {v.number}
                  </th>
                  <td className="whitespace-nowrap py-1 pr-3">{formatDateTime(new Date(v.submittedAt))}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{formatNumber(v.countedWords)}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{formatNumber(v.totalWords)}</td>
                  <td className="py-1 pr-3">
                    {v.decision
                      ? `${v.decision.outcome === 'signed_off' ? 'Signed off' : 'Referred'} by ${v.decision.assessor}, ${formatDate(new Date(v.decision.decidedAt))}`
                      : 'Awaiting decision'}
                  </td>
                  <td className="py-1">
                    <code className="break-all text-xs">{v.contentHash}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-2 text-sm text-muted">No version has been submitted.</p>
      )}
      {report.versions
        .filter((v) => v.decision?.feedback)
        .map((v) => (
          <div key={`fb-${v.number}`} className="export-keep mt-3 text-sm">
            <p className="font-medium">Feedback on version {v.number}</p>
            <p className="whitespace-pre-line">{v.decision!.feedback}</p>
          </div>
        ))}
      {s?.decision ? (
        <div className="export-keep mt-5 rounded-lg border-2 border-met p-4" data-testid="sign-off">
          <h3 className="text-base font-semibold text-met">
            <span aria-hidden="true">{'\u2713 '}</span>Signed off
          </h3>
          <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="font-medium">Version</dt>
            <dd>
              {s.number}, {formatNumber(s.decision.countedWords)} words counted
            </dd>
            <dt className="font-medium">Assessor</dt>
            <dd>{s.decision.assessor}</dd>
            <dt className="font-medium">Date</dt>
            <dd>{formatDateTime(new Date(s.decision.decidedAt))}</dd>
            <dt className="font-medium">Content hash</dt>
            <dd>
              <code className="break-all text-xs">{s.decision.contentHash}</code>
            </dd>
            {s.decision.declaration ? (
              <>
                <dt className="font-medium">Declaration</dt>
                <dd>{s.decision.declaration}</dd>
              </>
            ) : null}
          </dl>
          {s.decision.criteria.length ? (
            <ul className="mt-2 grid gap-x-4 text-sm sm:grid-cols-2">
              {s.decision.criteria.map((c) => (
                <li key={c.acId}>
                  <Status status={c.outcome} /> {c.label}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Worksheet({ worksheet }: { worksheet: NonNullable<PortfolioExport['worksheet']> }) {
  return (
    <section aria-labelledby="ws-heading" className="mt-8">
      <h2 id="ws-heading" className="text-xl font-semibold text-brand-900">
        Worksheet hand-ins
      </h2>
      {worksheet.submissions.length ? (
        worksheet.submissions.map((s) => (
          <div key={s.number} className="mt-4">
            <h3 className="font-semibold">
              Hand-in {s.number}, {formatDateTime(new Date(s.submittedAt))}
            </h3>
            {s.sections.map((sec) => (
              <div key={sec.title} className="export-keep mt-2 text-sm">
                <p className="font-medium">{sec.title}</p>
                {sec.answer.length ? (
                  <ul className="ml-4 list-disc">
                    {sec.answer.map((line, i) => (
                      <li key={i} className="whitespace-pre-line">
                        {line}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-muted">Not answered.</p>
                )}
              </div>
            ))}
            {s.comments.length ? (
              <div className="mt-2 text-sm">
                <p className="font-medium">Coach&rsquo;s comments</p>
                <ul className="ml-4 list-disc">
                  {s.comments.map((c, i) => (
                    <li key={i}>
                      {c.section ? `${c.section}: ` : ''}
                      {c.body}{' '}
                      <span className="text-muted">
                        ({c.by}, {formatDate(new Date(c.at))})
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        ))
      ) : (
        <p className="mt-2 text-sm text-muted">Not handed in yet.</p>
      )}
    </section>
  );
}
