import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Assessment queue' };

export default async function AssessorHome() {
  await requireUser('assessor');
  return (
    <>
      <PageHeader title="Assessment queue" lead="Evidence awaiting your judgement and reports awaiting sign-off, oldest first." />
      <EmptyState title="Nothing is waiting for you">When your learners submit evidence or a report, it appears here.</EmptyState>
    </>
  );
}
