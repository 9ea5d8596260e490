import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { VersionPage } from '@/components/report/VersionPage';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { getVersionView } from '@/lib/reports/assess';

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
      <Link
        href={`/reports/${learnerId}`}
        className="text-sm font-semibold text-brand-700 underline-offset-2 hover:underline"
      >
        ← {data.learner.name}&apos;s report
      </Link>
      <VersionPage
        data={data}
        view={view === 'changes' ? 'changes' : 'text'}
        hrefBase={`/reports/${learnerId}/versions/${n}`}
        who={data.learner.name}
      />
    </>
  );
}
