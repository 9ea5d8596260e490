import type { Metadata } from 'next';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Administration' };

export default async function AdminHome() {
  await requireUser('admin');
  return (
    <>
      <PageHeader title="Administration" lead="Accounts, cohorts, and who assesses or coaches whom." />
      <EmptyState title="Account management is on its way">The demo cohort is already set up.</EmptyState>
    </>
  );
}
