import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { VersionPage } from '@/components/report/VersionPage';
import { requireAccess } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { getVersionView } from '@/lib/reports/assess';

export const metadata: Metadata = { title: 'Report version' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function StaffVersionPage({ params, searchParams }: {
  params: Promise<{ learnerId: string; number: string }>;
  searchParams: Promise<{ view?: string }>;
}) {
  const user = await requireAccess('reports.view');
  const { learnerId, number } = await params;
  const { view } = await searchParams;
  const n = Number(number);
  if (!UUID.test(learnerId) || !Number.isInteger(n) || n < 1) notFound();
  const data = await getVersionView(user, learnerId, n).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  });
  return (
    <>
      <Link href={`/reports/${learnerId}`} className="text-sm font-semibold text-brand-700 underline-offset-2 hover:underline">
        ← {data.learner.name}&apos;s report
      </Link>
      <VersionPage data={data} view={view === 'changes' ? 'changes' : 'text'} hrefBase={`/reports/${learnerId}/versions/${n}`} who={data.learner.name} />
    </>
  );
}
