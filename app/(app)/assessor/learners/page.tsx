import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { requireAccess } from '@/lib/auth/session';
import { links } from '@/lib/dashboards/links';
import { assignedLearners } from '@/lib/evidence/portfolio';
import { plural } from '@/lib/format';

export const metadata: Metadata = { title: 'My learners' };

export default async function AssessorLearners() {
  const user = await requireAccess('learners.assigned');
  const learners = await assignedLearners(user);
  const waiting = learners.reduce((n, l) => n + l.awaiting, 0);

  return (
    <>
      <PageHeader
        title="My learners"
        lead={
          learners.length
            ? `${plural(waiting, 'criterion', 'criteria')} with evidence awaiting judgement across ${plural(learners.length, 'learner')}. Learners with the most waiting come first.`
            : undefined
        }
      />
      {learners.length === 0 ? (
        <EmptyState title="No learners are assigned to you">
          When an administrator assigns learners to you, they appear here.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-line overflow-hidden rounded-xl border border-line bg-white shadow-sm">
          {learners.map((l) => (
            <li key={l.id}>
              <Link
                href={links.learner(l.id)}
                className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 hover:bg-canvas"
              >
                <span className="w-full min-w-0 sm:w-auto sm:flex-1">
                  <span className="block font-semibold text-brand-700">{l.name}</span>
                  <span className="block truncate text-xs text-muted">{l.email}</span>
                </span>
                <span className="flex flex-wrap gap-2 text-xs">
                  {l.awaiting ? (
                    <span className="rounded-full border border-pending/40 bg-pending/10 px-2 py-0.5 font-semibold text-pending">
                      <span aria-hidden="true">◷ </span>
                      {l.awaiting} awaiting judgement
                    </span>
                  ) : (
                    <span className="rounded-full border border-line px-2 py-0.5 text-muted">Nothing awaiting</span>
                  )}
                  {l.notYetMet ? (
                    <span className="rounded-full border border-notyet/40 bg-notyet/10 px-2 py-0.5 font-semibold text-notyet">
                      <span aria-hidden="true">! </span>
                      {l.notYetMet} not yet met
                    </span>
                  ) : null}
                  <span className="rounded-full border border-met/40 bg-met/10 px-2 py-0.5 font-semibold text-met">
                    <span aria-hidden="true">✓ </span>
                    {l.met} of {l.total} met
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
