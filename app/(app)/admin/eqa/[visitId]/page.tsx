import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/admin/ActionForm';
import { VisitStateBadge } from '@/components/admin/VisitStateBadge';
import { buttonClass } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { orPageError } from '@/lib/errors';
import { formatDateTime, formatDay } from '@/lib/format';
import { getEqaVisitAdmin } from '@/lib/qa/eqa';
import { endEqaVisitAction, shareSampleAction, unshareSampleAction } from '../actions';
import { BackLink } from '@/components/ui/BackLink';

export const metadata: Metadata = { title: 'Visit' };

const lastDay = (to: string) => formatDay(new Date(Date.parse(to) - 1).toISOString().slice(0, 10));

export default async function EqaVisitPage({ params }: { params: Promise<{ visitId: string }> }) {
  const user = await requireAccess('admin');
  const { visitId } = await params;
  const { visit, samples } = await orPageError(getEqaVisitAdmin(user, visitId));
  return (
    <>
      <BackLink href="/admin/eqa">External quality assurance</BackLink>
      <PageHeader
        title={visit.title}
        lead={`${visit.eqa.name} (${visit.eqa.email}) for ${visit.organisation}: from ${formatDay(visit.firstDay)} to ${formatDay(visit.lastDay)}, UK time.`}
      >
        <VisitStateBadge state={visit.state} />
      </PageHeader>
      <div className="grid gap-5 lg:grid-cols-[1fr_20rem]">
        <section aria-labelledby="samples-heading">
          <h2 id="samples-heading" className="mb-2 text-lg font-semibold text-brand-900">
            Samples to share
          </h2>
          {samples.length ? (
            <ul className="space-y-2">
              {samples.map((s) => (
                <li
                  key={s.id}
                  className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-line bg-white p-3 text-sm shadow-sm"
                >
                  <div className="min-w-0">
                    <p className="font-medium">
                      {s.cohortName}: drawn {formatDateTime(s.drawnAt)} by {s.drawnBy}
                    </p>
                    <p className="text-muted">
                      {s.items} decisions, from {formatDay(s.periodFrom.slice(0, 10))} to {lastDay(s.periodTo)}, plan
                      version {s.planVersion}
                      {s.shared ? ' · shared with this visit' : ''}
                    </p>
                  </div>
                  {visit.state === 'ended' ? null : (
                    <ActionForm
                      action={s.shared ? unshareSampleAction : shareSampleAction}
                      submitLabel={s.shared ? 'Stop sharing' : 'Share'}
                      pendingLabel={'Saving\u2026'}
                      success={s.shared ? 'No longer shared.' : 'Shared.'}
                      button={{ variant: s.shared ? 'secondary' : 'primary', size: 'sm' }}
                    >
                      <input type="hidden" name="visitId" value={visit.id} />
                      <input type="hidden" name="sampleId" value={s.id} />
                    </ActionForm>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="No samples drawn yet">
              An internal quality assurer draws samples on the quality assurance page.
            </EmptyState>
          )}
        </section>
        <Card className="space-y-4 self-start">
          <div>
            <h2 className="text-lg font-semibold text-brand-900">The pack</h2>
            <p className="mt-1 text-sm text-muted">What the assurer reads: the shared samples as one record.</p>
            <Link
              href={`/eqa/visits/${visit.id}/pack`}
              className={buttonClass({ variant: 'outline', className: 'mt-2' })}
            >
              Open the pack
            </Link>
          </div>
          {visit.state === 'open' ? (
            <div>
              <h2 className="text-lg font-semibold text-brand-900">End the visit</h2>
              <p className="mt-1 text-sm text-muted">
                The assurer&rsquo;s access ends at once, in every session they have open.
              </p>
              <ActionForm
                action={endEqaVisitAction}
                submitLabel="End the visit now"
                pendingLabel={'Ending\u2026'}
                success="The visit has ended."
                confirm={`End ${visit.eqa.name}'s access now?`}
                button={{ variant: 'danger' }}
                className="mt-2"
              >
                <input type="hidden" name="visitId" value={visit.id} />
              </ActionForm>
            </div>
          ) : visit.state === 'ended' ? (
            // Said from the visit as stored, so the outcome of "End the visit now" is still there after a reload.
            <div role="status">
              <h2 className="text-lg font-semibold text-brand-900">The visit has ended</h2>
              <p className="mt-1 text-sm text-muted">
                It ended {formatDateTime(visit.endsAt)}. {visit.eqa.name} can no longer sign in or read anything.
              </p>
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}
