import type { Metadata } from 'next';
import Link from 'next/link';
import { SampledItemRecord } from '@/components/quality/SampledItemRecord';
import { VerdictBadge } from '@/components/quality/VerdictBadge';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { learnerRecordHref } from '@/lib/qa/eqa';
import { getSampledItem } from '@/lib/qa/pages';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Sampled decision' };

/** The IQA's view of a sampled item, read-only: the EQA of a visit it is shared with (lib/qa/pages.ts asks). */
export default async function EqaSampledItemPage({ params }: { params: Promise<{ itemId: string }> }) {
  const user = await requireAccess('eqa');
  const { itemId } = await params;
  const item = await orPageError(getSampledItem(user, itemId));
  const current = item.decisions.find((d) => d.id === item.currentDecisionId);
  return (
    <>
      <BackLink href="/eqa">Your visit</BackLink>
      <PageHeader
        title="Sampled decision"
        lead={`${item.subject.replace(/\.$/, '')}. Assessor ${item.assessor.name}, learner ${item.learner.name}, decided ${formatDateTime(item.decidedAt)} (${item.cohortName}).`}
      >
        <VerdictBadge verdict={current?.verdict ?? null} />
      </PageHeader>
      <p className="mb-4 text-sm">
        <Link href={learnerRecordHref(item.learner.id, item.moduleSlug)} className="text-brand-700 underline">
          {item.learner.name}’s record of this unit
        </Link>
      </p>
      <SampledItemRecord item={item} linkFiles />
    </>
  );
}
