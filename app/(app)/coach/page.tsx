import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Caseload' };

export default async function CoachHome() {
  await requireUser('coach');
  return (
    <>
      <PageHeader title="Your caseload" lead="Worksheets to review and how each of your learners is getting on." />
      <EmptyState title="No worksheets to review">When a learner hands you a worksheet, it appears here.</EmptyState>
    </>
  );
}
