import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { VersionPage } from '@/components/report/VersionPage';
import { requireAccess } from '@/lib/auth/session';
import { getVersionView } from '@/lib/reports/assess';
import { orPageError } from '@/lib/errors';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Report version' };

export default async function LearnerVersionPage({
  params,
  searchParams,
}: {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ view?: string }>;
}) {
  const user = await requireAccess('own.report.versions');
  const { number } = await params;
  const { view } = await searchParams;
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) notFound();
  const data = await orPageError(getVersionView(user, user.id, n));
  return (
    <>
      <BackLink href="/learner/report">Back to my report</BackLink>
      <VersionPage
        data={data}
        view={view === 'changes' ? 'changes' : 'text'}
        hrefBase={`/learner/report/versions/${n}`}
        who="You"
      />
    </>
  );
}
