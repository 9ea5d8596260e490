import type { Metadata } from 'next';
import Link from 'next/link';
import { RecordImportForm } from '@/components/record/RecordImportForm';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { listRecordImports } from '@/lib/record/imports';

export const metadata: Metadata = { title: 'Learner records' };

export default async function RecordsPage() {
  const user = await requireAccess('admin');
  const imports = await listRecordImports(user);
  return (
    <>
      <PageHeader
        title="Learner records"
        lead="Bring in a signed learner record exported from another Criterion. The learner, their evidence and files come in; the other centre’s decisions are kept as recognised prior decisions, shown with who made them, where and when, never as this centre’s own."
      />
      <div className="grid gap-5 lg:grid-cols-[1fr_20rem]">
        <Card title="Import a record">
          <RecordImportForm />
        </Card>
        <Card title="Trusted centres">
          <p className="text-sm text-muted">
            A record is accepted when it is signed with this Criterion’s own key or a key listed in{' '}
            <code>RECORD_TRUSTED_KEYS</code>: ask the sending centre for the address of its keys (
            <code>/.well-known/criterion-keys.json</code>) and add them to the configuration.
          </p>
        </Card>
      </div>
      <Card title="Imported so far" className="mt-5">
        {imports.length === 0 ? (
          <p className="text-sm text-muted">No record has been imported yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-line text-muted">
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    Learner
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    From
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    Exported
                  </th>
                  <th scope="col" className="py-2 font-semibold">
                    Imported
                  </th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id} className="border-b border-line last:border-0">
                    <td className="py-2 pr-4">
                      <Link href={`/learners/${i.learnerId}`} className="text-brand-700 hover:underline">
                        {i.learnerName}
                      </Link>
                    </td>
                    <td className="py-2 pr-4">{i.centre ?? i.issuerName}</td>
                    <td className="py-2 pr-4">{formatDateTime(i.exportedAt)}</td>
                    <td className="py-2">{formatDateTime(i.importedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
