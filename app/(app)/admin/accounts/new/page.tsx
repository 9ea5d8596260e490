import type { Metadata } from 'next';
import { CreateAccountForm } from '@/components/admin/CreateAccountForm';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { createAccountAction } from '../../actions';

export const metadata: Metadata = { title: 'New account' };

export default async function NewAccountPage() {
  await requireAccess('admin');
  return (
    <>
      <PageHeader
        title="New account"
        lead="For one person. To add a whole group of learners, import a CSV file instead."
      />
      <Card className="max-w-3xl">
        <CreateAccountForm action={createAccountAction} />
      </Card>
    </>
  );
}
