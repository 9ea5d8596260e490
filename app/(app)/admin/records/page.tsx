import type { Metadata } from 'next';
import Link from 'next/link';
import { RecordImportForm } from '@/components/record/RecordImportForm';
import { buttonClass } from '@/components/ui/button-class';
import { Card } from '@/components/ui/Card';
import { hintClass, inputClass, labelClass } from '@/components/ui/field-class';
import { PageHeader } from '@/components/ui/PageHeader';
import { listCohorts } from '@/lib/admin/cohorts';
import { requireAccess } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { listRecordImports } from '@/lib/record/imports';

export const metadata: Metadata = { title: 'Learner records' };

export default async function RecordsPage() {
  const user = await requireAccess('admin');
  const [imports, cohorts] = await Promise.all([listRecordImports(user), listCohorts(user)]);
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
      <Card title="Export records in bulk" className="mt-5">
        {/* A plain GET form: the answer is a download (Content-Disposition), so the page stays as it is. */}
        <form method="get" action="/api/admin/records/export" className="space-y-4">
          <div>
            <label htmlFor="bulk-cohort" className={labelClass}>
              Whose records
            </label>
            <select
              id="bulk-cohort"
              name="cohort"
              defaultValue="all"
              aria-describedby="bulk-cohort-hint"
              className={`${inputClass} sm:max-w-md`}
            >
              <option value="all">Every learner</option>
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.members} {c.members === 1 ? 'learner' : 'learners'})
                </option>
              ))}
            </select>
            <p id="bulk-cohort-hint" className={hintClass}>
              One ZIP holding each learner’s signed record, exactly as a single export gives it, and{' '}
              <code>index.csv</code> listing each learner, their file and its SHA-256. Large cohorts take a while; the
              command line does the same into a folder (<code>npm run -s record -- export --cohort …</code>).
            </p>
          </div>
          <button type="submit" className={buttonClass({})}>
            Download the records
          </button>
        </form>
      </Card>
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
