import type { Metadata } from 'next';
import Link from 'next/link';
import { DecisionCard } from '@/components/report/DecisionCard';
import { LockIcon } from '@/components/report/icons';
import { ReportText } from '@/components/report/ReportText';
import { ReportWorkspace } from '@/components/report/ReportWorkspace';
import { StatusBadge } from '@/components/report/StatusBadge';
import { VersionHistory } from '@/components/report/VersionHistory';
import { WordCountPanel } from '@/components/report/WordCountPanel';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess, type SessionUser } from '@/lib/auth/session';
import { EmptyState } from '@/components/ui/EmptyState';
import { formatDateTime, formatNumber } from '@/lib/format';
import { getLearnerReport } from '@/lib/reports/drafts';
import type { LearnerReport } from '@/lib/reports/types';
import { getVersionView } from '@/lib/reports/assess';
import { countReport } from '@/lib/wordcount';
import { submitReportAction } from './actions';

export const metadata: Metadata = { title: 'Portfolio report' };

export default async function LearnerReportPage() {
  const user = await requireAccess('own.report');
  const report = await getLearnerReport(user, user.id);
  const { unit } = report;
  const latest = report.versions[0] ?? null;
  const signed =
    report.status === 'signed_off' || report.status === 'awaiting_countersignature'
      ? (report.versions.find((v) => v.decision?.outcome === 'signed_off') ?? null)
      : null;

  return (
    <>
      <PageHeader
        title="Portfolio report"
        lead={
          <>
            Unit {unit.code} · {unit.title}. A report of {formatNumber(unit.rules.minWords)}–
            {formatNumber(unit.rules.maxWords)} words showing your understanding of each learning outcome.
          </>
        }
      >
        <StatusBadge status={report.status} />
      </PageHeader>

      <StatusBanner report={report} />

      {!report.enrolled && !report.draft && report.versions.length === 0 ? (
        <EmptyState
          title={`You are not enrolled on unit ${unit.code}`}
          action={{ href: '/modules', label: 'Browse your modules' }}
        >
          The portfolio report belongs to unit {unit.code}. If you think you should be enrolled, ask your coach.
        </EmptyState>
      ) : signed ? (
        <SignedOff actor={user} number={signed.number} report={report} />
      ) : (
        <ReportWorkspace
          unit={unit}
          learnerId={user.id}
          draft={report.draft}
          latest={latest ? { number: latest.number, contentHash: latest.contentHash } : null}
          latestDecision={report.latestDecision}
          draftCount={countReport(report.draft?.content ?? '', unit.rules)}
          submit={submitReportAction}
        />
      )}

      <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start">
        <VersionHistory versions={report.versions} hrefFor={(n) => `/learner/report/versions/${n}`} />
        <Guidance guidance={unit.guidance} />
      </div>
    </>
  );
}

function StatusBanner({ report }: { report: LearnerReport }) {
  const latest = report.versions[0];
  const signed = report.versions.find((v) => v.decision?.outcome === 'signed_off');
  if (report.status === 'signed_off' && signed?.decision) {
    return (
      <div
        role="note"
        className="mb-6 flex items-start gap-2 rounded-xl border border-met/40 bg-met/5 px-4 py-3 text-[15px]"
        data-testid="report-banner"
      >
        <LockIcon className="mt-0.5 size-5 text-met" />
        <p>
          <strong>Your report is complete.</strong> {signed.decision.assessorName} signed off version {signed.number} on{' '}
          {formatDateTime(signed.decision.decidedAt)}. A signed-off report is final: it can no longer be edited or
          resubmitted.
        </p>
      </div>
    );
  }
  if (report.status === 'awaiting_countersignature' && signed?.decision) {
    return (
      <div
        role="note"
        className="mb-6 flex items-start gap-2 rounded-xl border border-pending/40 bg-pending/5 px-4 py-3 text-[15px]"
        data-testid="report-banner"
      >
        <LockIcon className="mt-0.5 size-5 text-pending" />
        <p>
          <strong>Signed off, awaiting countersignature.</strong> {signed.decision.assessorName} signed off version{' '}
          {signed.number} on {formatDateTime(signed.decision.decidedAt)}. Your centre’s internal quality assurer checks
          and countersigns it before the unit counts as complete. The report can no longer be edited or resubmitted.
        </p>
      </div>
    );
  }
  if (report.status === 'submitted' && latest) {
    return (
      <div
        role="note"
        className="mb-6 rounded-xl border border-pending/30 bg-pending/5 px-4 py-3 text-[15px]"
        data-testid="report-banner"
      >
        <strong>Version {latest.number} is with your assessor</strong> (submitted {formatDateTime(latest.submittedAt)},{' '}
        {formatNumber(latest.countedWords)} counted words). You can keep working here; if you submit again, your
        assessor will assess the newer version instead.
      </div>
    );
  }
  if (report.status === 'referred' && report.latestDecision && latest) {
    const d = report.latestDecision;
    const notMet = d.acJudgements.filter((j) => j.outcome === 'not_yet_met').length;
    return (
      <div
        role="note"
        className="mb-6 rounded-xl border border-notyet/40 bg-notyet/5 px-4 py-3 text-[15px]"
        data-testid="report-banner"
      >
        <p>
          <strong>
            {d.assessorName} referred version {latest.number} back
          </strong>{' '}
          on {formatDateTime(d.decidedAt)}
          {notMet ? ` (${notMet} ${notMet === 1 ? 'criterion' : 'criteria'} not yet met)` : ''}. Revise your report
          below and submit it again.
        </p>
        {d.feedback ? (
          <blockquote
            className="mt-2 whitespace-pre-line border-l-4 border-notyet/50 pl-3"
            data-testid="referral-feedback"
          >
            {d.feedback}
          </blockquote>
        ) : null}
        <Link
          href={`/learner/report/versions/${latest.number}`}
          className="mt-2 inline-block font-semibold text-brand-700 underline underline-offset-2"
        >
          Read all feedback on version {latest.number}
        </Link>
      </div>
    );
  }
  return null;
}

async function SignedOff({ actor, number, report }: { actor: SessionUser; number: number; report: LearnerReport }) {
  const view = await getVersionView(actor, actor.id, number);
  const v = view.version;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" data-testid="signed-off">
      <div className="min-w-0 space-y-6">
        {v.decisionDetail ? (
          <DecisionCard decision={v.decisionDetail} unit={report.unit} versionNumber={v.number} />
        ) : null}
        <section aria-labelledby="signed-text" className="rounded-xl border border-line bg-white p-4 shadow-sm sm:p-6">
          <h2 id="signed-text" className="text-base font-semibold text-brand-900">
            Your signed-off report (version {v.number})
          </h2>
          <p className="mt-1 text-sm text-muted">
            Signed-off reports are final and cannot be edited. This is exactly the text your assessor signed off.
          </p>
          <div className="mt-4">
            <ReportText
              content={v.content}
              rules={report.unit.rules}
              tags={v.sectionTags}
              criterionNumbers={numbers(report)}
            />
          </div>
        </section>
      </div>
      <aside className="space-y-6" aria-label="Word count">
        <WordCountPanel
          counted={v.countedWords}
          total={v.totalWords}
          excluded={v.excluded}
          rules={report.unit.rules}
          final
          caption={`Version ${v.number}`}
        />
      </aside>
    </div>
  );
}

function numbers(report: LearnerReport): Record<string, string> {
  return Object.fromEntries(report.unit.outcomes.flatMap((o) => o.criteria.map((c) => [c.id, c.number])));
}

function Guidance({ guidance }: { guidance: string[] }) {
  return (
    <section
      aria-labelledby="guidance-title"
      className="rounded-xl border border-line bg-white p-4 text-sm shadow-sm sm:p-5"
    >
      <h2 id="guidance-title" className="text-base font-semibold text-brand-900">
        How the report is assessed
      </h2>
      <ul className="mt-2 list-disc space-y-1.5 pl-5 text-ink">
        {guidance.map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ul>
    </section>
  );
}
