import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/admin/ActionForm';
import { inputClass, labelClass } from '@/components/ui/Field';
import { Card } from '@/components/ui/Card';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { listCohorts } from '@/lib/admin/cohorts';
import { requireAccess } from '@/lib/auth/session';
import { createCohortAction } from '../actions';

export const metadata: Metadata = { title: 'Cohorts' };

export default async function CohortsPage() {
  const user = await requireAccess('admin');
  const cohorts = await listCohorts(user);
  return (
    <>
      <PageHeader
        title="Cohorts"
        lead="Groups of learners who start together. Assign an assessor or coach to a cohort and every learner in it, now or later, is theirs."
      />
      <div className="grid gap-5 lg:grid-cols-[1fr_20rem]">
        <div>
          {cohorts.length ? (
            <div className="overflow-x-auto rounded-xl border border-line bg-white shadow-sm">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">Cohorts</caption>
                <thead className="bg-canvas text-muted">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Cohort
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium">
                      Learners
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Assessors and coaches
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {cohorts.map((c) => (
                    <tr key={c.id} className="border-t border-line hover:bg-canvas">
                      <th scope="row" className="px-4 py-2 font-medium">
                        <Link
                          href={`/admin/cohorts/${c.id}`}
                          className="text-brand-700 underline-offset-2 hover:underline"
                        >
                          {c.name}
                        </Link>
                      </th>
                      <td className="px-4 py-2 text-right tabular-nums">{c.members}</td>
                      <td className="px-4 py-2">
                        {c.staff.length ? (
                          c.staff.map((s) => `${s.name} (${s.role})`).join(', ')
                        ) : (
                          <span className="text-amber-800">None yet</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <EmptyState title="No cohorts yet">
              Create one here, or import learners from a CSV file with a cohort column.
            </EmptyState>
          )}
        </div>
        <Card title="New cohort">
          <ActionForm
            action={createCohortAction}
            submitLabel="Create cohort"
            success="Cohort created."
            className="space-y-3"
            resetOnSuccess
          >
            <div>
              <label htmlFor="cohort-name" className={labelClass}>
                Name
              </label>
              <input
                id="cohort-name"
                name="name"
                required
                maxLength={120}
                className={inputClass}
                placeholder="e.g. Start-up programme, autumn intake"
              />
            </div>
          </ActionForm>
        </Card>
      </div>
    </>
  );
}
