import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/admin/ActionForm';
import { ReportText } from '@/components/report/ReportText';
import { Alert } from '@/components/ui/Alert';
import { Badge } from '@/components/ui/Badge';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import { describeItem } from '@/lib/evidence/criteria';
import { formatDateTime, formatNumber } from '@/lib/format';
import { UNIT_COMPLETION_LABEL } from '@/lib/progress/labels';
import { COUNTERSIGN_DECLARATION, getSignOffForQa } from '@/lib/qa/countersign';
import { reportUnit } from '@/lib/reports/unit';
import { countersignAction } from '../../actions';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Sign-off to countersign' };

/** One sign-off as the IQA reviews it: the version it binds (text and SHA-256), the decision, and the countersignature. */
export default async function SignOffPage({ params }: { params: Promise<{ decisionId: string }> }) {
  const user = await requireAccess('quality');
  const { decisionId } = await params;
  const s = await orPageError(getSignOffForQa(user, decisionId));
  const status = s.superseded
    ? { tone: 'notyet' as const, text: 'Superseded by a quality assurance disagreement' }
    : s.countersignature
      ? { tone: 'met' as const, text: 'Countersigned' }
      : s.countersignRequired
        ? { tone: 'pending' as const, text: UNIT_COMPLETION_LABEL.awaiting_countersignature }
        : { tone: 'muted' as const, text: 'Not countersigned (not required for this cohort)' };
  return (
    <>
      <BackLink href="/quality">Quality assurance</BackLink>
      <PageHeader
        title="Sign-off"
        lead={`${s.unit}: ${s.learner.name}’s report, version ${s.versionNumber}, signed off by ${s.assessor.name} on ${formatDateTime(s.decidedAt)}.`}
      >
        <Badge tone={status.tone}>{status.text}</Badge>
      </PageHeader>

      <section aria-labelledby="countersign" className="mb-6 rounded-xl border border-line bg-white p-4 shadow-sm">
        <h2 id="countersign" className="mb-2 font-semibold text-brand-900">
          Countersignature
        </h2>
        <p className="text-sm">
          Version {s.versionNumber}, {formatNumber(s.countedWords)} counted words, SHA-256{' '}
          <code className="break-all">{s.contentHash}</code>
        </p>
        {/* Present before and after countersigning, so the form's refresh is announced: the form itself is gone by then. */}
        <div role="status" aria-live="polite">
          {s.countersignature && !s.superseded ? (
            <p className="mt-2 text-sm">
              Countersigned by {s.countersignature.by} on {formatDateTime(s.countersignature.at)}, binding SHA-256{' '}
              <code className="break-all">{s.countersignature.contentHash}</code>.
            </p>
          ) : null}
        </div>
        {s.superseded ? (
          <Alert tone="warning" role={null} className="mt-3">
            {s.superseded.by} disagreed with this sign-off on {formatDateTime(s.superseded.at)}: “{s.superseded.reason}
            ”. It stays on the record but is no longer in force; the assessor decides the version again.{' '}
            <Link href={`/quality/items/${s.superseded.itemId}`} className="font-semibold underline">
              Open the sampled decision
            </Link>
          </Alert>
        ) : s.countersignature ? null : s.own ? (
          <Alert tone="warning" role={null} className="mt-3">
            This is your own sign-off: another internal quality assurer must countersign it.
          </Alert>
        ) : s.canCountersign ? (
          <ActionForm
            action={countersignAction}
            submitLabel="Countersign"
            pendingLabel={'Countersigning\u2026'}
            success="Countersigned."
            className="mt-3 space-y-3"
          >
            <input type="hidden" name="reportDecisionId" value={s.decisionId} />
            <input type="hidden" name="contentHash" value={s.contentHash} />
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="declared" className="mt-0.5 h-4 w-4 accent-brand-600" />
              <span>{COUNTERSIGN_DECLARATION}</span>
            </label>
          </ActionForm>
        ) : (
          <p className="mt-2 text-sm text-muted">
            Only an internal quality assurer of the learner’s cohort countersigns; you can read the sign-off.
          </p>
        )}
        {s.itemIds.length ? (
          <p className="mt-3 text-sm">
            Sampled:{' '}
            {s.itemIds.map((id, i) => (
              <span key={id}>
                {i ? ', ' : ''}
                <Link href={`/quality/items/${id}`} className="text-brand-700 underline">
                  sampled decision {i + 1}
                </Link>
              </span>
            ))}
          </p>
        ) : null}
      </section>

      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section aria-labelledby="text" className="min-w-0 rounded-xl border border-line bg-white p-4 shadow-sm">
          <h2 id="text" className="mb-2 font-semibold text-brand-900">
            The signed-off version
          </h2>
          <ReportText content={s.content} rules={reportUnit().rules} baseLevel={3} idPrefix="signed" />
        </section>
        <section aria-labelledby="decision" className="min-w-0 rounded-xl border border-line bg-white p-4 shadow-sm">
          <h2 id="decision" className="mb-2 font-semibold text-brand-900">
            The assessor’s decision
          </h2>
          {s.feedback ? <p className="whitespace-pre-wrap text-sm">“{s.feedback}”</p> : null}
          <ul className="mt-2 space-y-1 text-sm" aria-label="Criteria judged">
            {s.criteria.map((c) => (
              <li key={c.acId}>
                <span className="font-semibold">{describeItem(c.acId).label}</span>:{' '}
                {c.outcome === 'met' ? 'Met' : 'Not yet met'}
                {c.feedback ? <span className="text-muted"> — {c.feedback}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
