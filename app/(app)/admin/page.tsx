import type { Metadata } from 'next';
import Link from 'next/link';
import { StatCard } from '@/components/admin/StatCard';
import { buttonClass } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { describeAction, getAdminOverview } from '@/lib/admin/overview';
import { requireAccess } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Administration' };

export default async function AdminHome() {
  const user = await requireAccess('admin');
  const o = await getAdminOverview(user);
  const todo = [
    {
      n: o.learnersWithoutAssessor,
      text: 'without an assessor',
      href: '/admin/accounts?missing=assessor&status=active',
    },
    { n: o.learnersWithoutCoach, text: 'without a coach', href: '/admin/accounts?missing=coach&status=active' },
    {
      n: o.learnersWithoutModules,
      text: 'not enrolled on any module',
      href: '/admin/accounts?missing=modules&status=active',
    },
  ].filter((t) => t.n > 0);
  return (
    <>
      <PageHeader
        title="Administration"
        lead="Accounts, cohorts, and who assesses or coaches whom. Every change here is recorded in the audit log."
      >
        <Link href="/admin/accounts/new" className={buttonClass()}>
          New account
        </Link>
        <Link href="/admin/import" className={buttonClass({ variant: 'secondary' })}>
          Import learners
        </Link>
      </PageHeader>

      <section aria-labelledby="todo-heading" className="mb-6">
        <h2 id="todo-heading" className="mb-2 text-base font-semibold text-brand-900">
          Needs your attention
        </h2>
        {todo.length ? (
          <ul className="space-y-2">
            {todo.map((t) => (
              <li key={t.href}>
                <Link
                  href={t.href}
                  className="flex items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 hover:bg-amber-100"
                >
                  <span
                    aria-hidden="true"
                    className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-amber-500 font-bold text-white"
                  >
                    !
                  </span>
                  <span>
                    <strong className="tabular-nums">{t.n}</strong> active learner{t.n === 1 ? '' : 's'} {t.text}
                  </span>
                  <span className="ml-auto text-sm font-medium text-brand-700">
                    Review<span aria-hidden="true"> &rarr;</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="rounded-lg border border-line bg-white px-4 py-3 text-met">
            <span aria-hidden="true">{'\u2713 '}</span>Every active learner has an assessor, a coach and at least one
            module.
          </p>
        )}
      </section>

      <section aria-label="Accounts" className="mb-8 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <StatCard label="Learners" value={o.active.learner} href="/admin/accounts?role=learner&status=active" />
        <StatCard label="Assessors" value={o.active.assessor} href="/admin/accounts?role=assessor&status=active" />
        <StatCard label="Coaches" value={o.active.coach} href="/admin/accounts?role=coach&status=active" />
        <StatCard label="Administrators" value={o.active.admin} href="/admin/accounts?role=admin&status=active" />
        <StatCard label="Cohorts" value={o.cohorts} href="/admin/cohorts" />
        <StatCard label="Disabled accounts" value={o.disabled} href="/admin/accounts?status=disabled" />
      </section>

      <Card title="Recent changes">
        {o.recent.length ? (
          <ol className="divide-y divide-line">
            {o.recent.map((r) => (
              <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 py-2 text-sm">
                <time dateTime={r.at.toISOString()} className="w-40 shrink-0 tabular-nums text-muted">
                  {formatDateTime(r.at)}
                </time>
                <span className="min-w-0 flex-1">
                  <strong className="font-medium">{r.actorName ?? 'The system'}</strong> {describeAction(r.action)}
                  {r.learnerName ? (
                    <>
                      {' '}
                      for <strong className="font-medium">{r.learnerName}</strong>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-muted">Nothing has changed yet.</p>
        )}
      </Card>
    </>
  );
}
