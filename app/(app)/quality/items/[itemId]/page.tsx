import type { Metadata } from 'next';
import { DecisionForm } from '@/components/quality/DecisionForm';
import { SampledItemRecord } from '@/components/quality/SampledItemRecord';
import { VerdictBadge } from '@/components/quality/VerdictBadge';
import { Alert } from '@/components/ui/Alert';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { orPageError } from '@/lib/errors';
import { getSampledItem } from '@/lib/qa/pages';
import { closeActionAction, recordDecisionAction } from '../../actions';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Sampled decision' };

export default async function SampledItemPage({ params }: { params: Promise<{ itemId: string }> }) {
  const user = await requireAccess('quality');
  const { itemId } = await params;
  const item = await orPageError(getSampledItem(user, itemId));
  const current = item.decisions.find((d) => d.id === item.currentDecisionId);
  return (
    <>
      <BackLink href="/quality">Quality assurance</BackLink>
      <PageHeader
        title="Sampled decision"
        lead={`${item.subject.replace(/\.$/, '')}. Assessor ${item.assessor.name}, learner ${item.learner.name}, decided ${formatDateTime(item.decidedAt)} (${item.cohortName}).`}
      >
        <VerdictBadge verdict={current?.verdict ?? null} />
      </PageHeader>

      <SampledItemRecord item={item} closeAction={closeActionAction} linkSignOffs linkFiles />

      <section aria-labelledby="decide" className="mt-6 rounded-xl border border-line bg-white p-4 shadow-sm">
        <h2 id="decide" className="mb-3 font-semibold text-brand-900">
          {item.currentDecisionId ? 'Record a new verdict' : 'Record your verdict'}
        </h2>
        {item.own ? (
          <Alert tone="warning" role={null}>
            This is your own assessment decision: another internal quality assurer must review it.
          </Alert>
        ) : !item.canDecide ? (
          <p className="text-sm text-muted">
            Only an internal quality assurer for this cohort records verdicts; you can read the sample.
          </p>
        ) : (
          <DecisionForm
            itemId={item.id}
            supersedesId={item.currentDecisionId}
            defaultDue={item.defaultDue}
            action={recordDecisionAction}
          />
        )}
      </section>
    </>
  );
}
