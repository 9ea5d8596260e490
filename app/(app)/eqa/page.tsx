import type { Metadata } from 'next';
import Link from 'next/link';
import { EqaPackView } from '@/components/quality/EqaPackView';
import { buttonClass } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import { formatDay } from '@/lib/format';
import { getEqaHome, learnerRecordHref } from '@/lib/qa/eqa';

export const metadata: Metadata = { title: 'Your visit' };

export default async function EqaHomePage() {
  const user = await requireAccess('eqa');
  const packs = await orPageError(getEqaHome(user));
  if (!packs.length)
    return (
      <EmptyState title="No visit is open">
        Your access is open only during your visit. Ask the centre if the dates need to change.
      </EmptyState>
    );
  return (
    <div className="space-y-12">
      {packs.map((pack) => (
        <section key={pack.visit.id} aria-label={pack.visit.title}>
          <PageHeader
            title={pack.visit.title}
            lead={
              <>
                {pack.visit.organisation}. Your access is open from {formatDay(pack.visit.firstDay)} to{' '}
                {formatDay(pack.visit.lastDay)} (UK time), to read the samples the centre shares with you and the
                records of their learners; it ends with the visit.
              </>
            }
          >
            <Link href={`/eqa/visits/${pack.visit.id}/pack`} className={buttonClass()}>
              Pack to print
            </Link>
            <a href={`/api/eqa/visits/${pack.visit.id}/pack`} className={buttonClass({ variant: 'outline' })}>
              Pack as JSON
            </a>
          </PageHeader>
          <EqaPackView pack={pack} itemHref={(id) => `/eqa/items/${id}`} learnerHref={learnerRecordHref} />
        </section>
      ))}
    </div>
  );
}
