import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AssessmentForm } from '@/components/report/AssessmentForm';
import { AuthorshipTimeline } from '@/components/report/AuthorshipTimeline';
import { DecisionCard } from '@/components/report/DecisionCard';
import { SupersededSignOffs } from '@/components/report/SupersededSignOffs';
import { DiffView } from '@/components/report/DiffView';
import { ReportText } from '@/components/report/ReportText';
import { StatusBadge } from '@/components/report/StatusBadge';
import { VersionHistory } from '@/components/report/VersionHistory';
import { WordCountPanel } from '@/components/report/WordCountPanel';
import { DocIcon } from '@/components/report/icons';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { isUuid } from '@/lib/ids';
import { getAssessorView } from '@/lib/reports/assess';
import { reportAuthorshipFor } from '@/lib/reports/authorship';
import { rangeProblem, shortHash } from '@/lib/reports/format';
import { coverageByCriterion, taggableSections } from '@/lib/reports/sections';
import { countReport } from '@/lib/wordcount';
import { confirmAllAction, decideAction, saveAssessmentAction } from './actions';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Assess report' };

export default async function AssessReportPage({ params }: { params: Promise<{ learnerId: string }> }) {
  const user = await requireAccess('reports.view');
  const { learnerId } = await params;
  if (!isUuid(learnerId)) notFound();
  const view = await orPageError(getAssessorView(user, learnerId));
  const { report, latest } = view;
  const { unit } = report;
  const first = report.learner.name.split(' ')[0];

  if (!latest) {
    return (
      <>
        <PageHeader title={`${report.learner.name}: portfolio report`} lead={`Unit ${unit.code} · ${unit.title}`}>
          <StatusBadge status={report.status} />
        </PageHeader>
        <EmptyState
          title={`${first} has not submitted a report yet`}
          action={{ href: '/assessor/reports', label: 'Back to reports' }}
        >
          {report.status === 'draft'
            ? `${first} is drafting. You can assess the report once it is submitted.`
            : 'Nothing has been written yet.'}
        </EmptyState>
      </>
    );
  }

  const authorship = await reportAuthorshipFor(user, learnerId);
  // The text as submitted, recounted here with the same counter the server uses to sign off.
  const count = countReport(latest.content, unit.rules);
  const links = Object.fromEntries(
    [...coverageByCriterion(taggableSections(count), latest.sectionTags)].map(([acId, headings]) => [acId, headings]),
  );
  const numbers = Object.fromEntries(unit.outcomes.flatMap((o) => o.criteria.map((c) => [c.id, c.number])));
  const problem = rangeProblem(count.counted, unit.rules, unit.code, 'This report');

  return (
    <>
      <BackLink href="/assessor/reports">All reports</BackLink>
      <PageHeader
        title={`${report.learner.name}: portfolio report`}
        lead={
          <>
            Unit {unit.code} · version {latest.number}, submitted {formatDateTime(latest.submittedAt)}
          </>
        }
      >
        <StatusBadge status={report.status} />
      </PageHeader>

      {view.diffFromPrevious && view.previousDecision ? (
        <details className="mb-6 rounded-xl border border-line bg-white p-4 shadow-sm" open={view.canAssess}>
          <summary className="cursor-pointer font-semibold text-brand-900">
            What changed since version {view.diffFromPrevious.fromNumber} (
            {view.previousDecision.outcome === 'referred' ? 'referred back' : 'decided'}{' '}
            {formatDateTime(view.previousDecision.decidedAt)})
          </summary>
          {view.previousDecision.feedback ? (
            <p className="mt-3 text-sm">
              <span className="font-semibold">Your feedback then:</span> {view.previousDecision.feedback}
            </p>
          ) : null}
          <div
            className="mt-3 max-h-[28rem] overflow-y-auto"
            tabIndex={0}
            role="region"
            aria-label={`Changes from version ${view.diffFromPrevious.fromNumber}`}
          >
            <DiffView diff={view.diffFromPrevious} />
          </div>
        </details>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="report-title" className="min-w-0 lg:sticky lg:top-4 lg:self-start">
          <div className="rounded-xl border border-line bg-white shadow-sm">
            <div className="flex flex-wrap items-center justify-between gap-2 border-b border-line px-4 py-3">
              <h2 id="report-title" className="text-base font-semibold text-brand-900">
                Version {latest.number} as submitted
              </h2>
              <span className="text-xs text-muted" title={latest.contentHash}>
                fingerprint <code className="font-mono">{shortHash(latest.contentHash)}</code>
              </span>
            </div>
            <div
              tabIndex={0}
              role="region"
              aria-label={`Text of version ${latest.number}`}
              className="max-h-[70vh] overflow-y-auto px-4 py-2 sm:px-6 lg:max-h-[calc(100vh-9rem)]"
            >
              <ReportText
                content={latest.content}
                rules={unit.rules}
                tags={latest.sectionTags}
                criterionNumbers={numbers}
                idPrefix="r"
              />
            </div>
            {latest.upload ? (
              <p className="border-t border-line px-4 py-2 text-sm">
                <a
                  href={`/api/reports/uploads/${latest.upload.id}?learner=${learnerId}`}
                  className="inline-flex items-center gap-1 font-semibold text-brand-700 underline underline-offset-2"
                >
                  <DocIcon /> Download the uploaded document ({latest.upload.fileName})
                </a>
              </p>
            ) : null}
          </div>
        </section>

        <div className="min-w-0 space-y-6">
          <WordCountPanel
            counted={count.counted}
            total={count.total}
            excluded={count.excluded}
            rules={unit.rules}
            caption="Recounted by the server"
            final
          />
          <p className="rounded-xl border border-line bg-white px-4 py-3 text-sm shadow-sm">
            <span className="font-semibold">{first}&apos;s declaration:</span> {latest.declaration}
          </p>
          <AuthorshipTimeline points={authorship} />
          <SupersededSignOffs list={latest.supersededSignOffs} versionNumber={latest.number} />
          {view.canAssess ? (
            <AssessmentForm
              unit={unit}
              learnerId={learnerId}
              learnerName={report.learner.name}
              version={{
                id: latest.id,
                number: latest.number,
                contentHash: latest.contentHash,
                countedWords: count.counted,
              }}
              rangeProblem={problem ? `${problem} It cannot be signed off.` : null}
              draft={view.assessmentDraft}
              links={links}
              previous={view.previousDecision}
              basis={view.basis ?? {}}
              save={saveAssessmentAction}
              decide={decideAction}
              confirmAll={confirmAllAction}
            />
          ) : latest.decisionDetail ? (
            <DecisionCard decision={latest.decisionDetail} unit={unit} versionNumber={latest.number} />
          ) : (
            <p className="rounded-xl border border-line bg-white px-4 py-3 text-[15px] shadow-sm">
              {user.role === 'assessor'
                ? 'This version is waiting for a decision.'
                : `Waiting for the assessor. You can read the report; only ${first}'s assessor can assess it.`}
            </p>
          )}
        </div>
      </div>

      <div className="mt-8">
        <VersionHistory versions={report.versions} hrefFor={(n) => `/reports/${learnerId}/versions/${n}`} />
      </div>
    </>
  );
}
