import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateEqaVisitForm } from '@/components/admin/CreateEqaVisitForm';
import { VisitStateBadge } from '@/components/admin/VisitStateBadge';
import { Card } from '@/components/ui/Card';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { formatDay, ukDayOf } from '@/lib/format';
import { listEqaVisits } from '@/lib/qa/eqa';
import { createEqaVisitAction } from './actions';

export const metadata: Metadata = { title: 'External quality assurance' };

export default async function EqaVisitsPage() {
  const user = await requireAccess('admin');
  const visits = await listEqaVisits(user);
  return (
    <>
      <PageHeader
        title="External quality assurance"
        lead="An awarding body’s external quality assurer gets an account for the visit’s dates only, and reads only the samples you share with the visit: read-only, and refused on every page before and after the visit."
      />
      <div className="grid gap-5 lg:grid-cols-[1fr_24rem]">
        {/* min-w-0: the table scrolls inside its box at phone width instead of widening the page. */}
        <div className="min-w-0">
          {visits.length ? (
            <div className="overflow-x-auto rounded-xl border border-line bg-white shadow-sm">
              <table className="min-w-full text-left text-sm">
                <caption className="sr-only">Visits</caption>
                <thead className="bg-canvas text-muted">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Visit
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Dates
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      State
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium">
                      Samples shared
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {visits.map((v) => (
                    <tr key={v.id} className="border-t border-line hover:bg-canvas">
                      <th scope="row" className="px-4 py-2 font-medium">
                        <Link href={`/admin/eqa/${v.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                          {v.title}
                        </Link>
                        <span className="block font-normal text-muted">
                          {v.eqa.name}, {v.eqa.email}
                        </span>
                      </th>
                      <td className="whitespace-nowrap px-4 py-2">
                        {formatDay(v.firstDay)} to {formatDay(v.lastDay)}
                      </td>
                      <td className="px-4 py-2">
                        <VisitStateBadge state={v.state} />
                      </td>
                      <td className="px-4 py-2 text-right tabular-nums">{v.sharedSamples}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <EmptyState title="No visits yet">
              Create one when an awarding body tells you the dates of its external quality assurer&rsquo;s visit.
            </EmptyState>
          )}
        </div>
        <Card>
          <h2 className="mb-3 text-lg font-semibold text-brand-900">New visit</h2>
          <CreateEqaVisitForm action={createEqaVisitAction} today={ukDayOf(new Date())} />
        </Card>
      </div>
    </>
  );
}
