import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { VersionPage } from '@/components/report/VersionPage';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { getVersionView } from '@/lib/reports/assess';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Report version' };

export default async function StaffVersionPage({
  params,
  searchParams,
}: {
  params: Promise<{ learnerId: string; number: string }>;
  searchParams: Promise<{ view?: string }>;
}) {
  const user = await requireAccess('reports.view');
  const { learnerId, number } = await params;
  const { view } = await searchParams;
  const n = Number(number);
  if (!isUuid(learnerId) || !Number.isInteger(n) || n < 1) notFound();
  const data = await orPageError(getVersionView(user, learnerId, n));
  return (
    <>
      <BackLink href={`/reports/${learnerId}`}>{data.learner.name}&apos;s report</BackLink>
      <VersionPage
        data={data}
        view={view === 'changes' ? 'changes' : 'text'}
        hrefBase={`/reports/${learnerId}/versions/${n}`}
        who={data.learner.name}
      />
    </>
  );
}
