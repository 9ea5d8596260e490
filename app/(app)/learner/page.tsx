import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'My progress' };

export default async function LearnerHome() {
  const user = await requireUser('learner');
  return (
    <>
      <PageHeader title={`Welcome, ${user.name.split(' ')[0]}`} lead="Your modules, the evidence you have recorded and what your assessor has said about it." />
      <EmptyState title="No evidence recorded yet" action={{ href: '/modules', label: 'Browse your modules' }}>
        Start by reading a module, then record evidence against each criterion. Your progress appears here.
      </EmptyState>
    </>
  );
}
