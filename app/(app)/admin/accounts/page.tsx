import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/Button';
import { inputClass, labelClass } from '@/components/ui/Field';
import { RoleBadge, StatusBadge } from '@/components/admin/Badges';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { listAccounts } from '@/lib/admin/accounts';
import { listAccountsInput } from '@/lib/admin/schemas';
import { requireAccess } from '@/lib/auth/session';
import { formatDate, plural } from '@/lib/format';

export const metadata: Metadata = { title: 'Accounts' };

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

const MISSING_TEXT = {
  assessor: 'without an assessor',
  coach: 'without a coach',
  modules: 'not enrolled on any module',
};

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireAccess('admin');
  const sp = await searchParams;
  const raw = {
    q: first(sp.q),
    role: first(sp.role),
    status: first(sp.status),
    missing: first(sp.missing),
    page: first(sp.page) || '1',
  };
  const parsed = listAccountsInput.safeParse(raw);
  const filters = parsed.success ? parsed.data : listAccountsInput.parse({});
  const list = await listAccounts(user, filters);
  const pageHref = (page: number) => {
    const qs = new URLSearchParams(
      Object.entries({ ...raw, page: String(page) }).filter(([, v]) => v) as [string, string][],
    );
    return `/admin/accounts?${qs.toString()}`;
  };
  return (
    <>
      <PageHeader
        title="Accounts"
        lead={filters.missing ? `Learners ${MISSING_TEXT[filters.missing]}.` : 'Everyone who can sign in to Criterion.'}
      >
        <Link href="/admin/accounts/new" className={buttonClass()}>
          New account
        </Link>
      </PageHeader>

      <form
        method="get"
        role="search"
        aria-label="Find accounts"
        className="mb-5 grid gap-3 rounded-xl border border-line bg-white p-4 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end"
      >
        {filters.missing ? <input type="hidden" name="missing" value={filters.missing} /> : null}
        <div>
          <label htmlFor="q" className={labelClass}>
            Name or email
          </label>
          <input id="q" name="q" type="search" defaultValue={filters.q} className={inputClass} />
        </div>
        <div>
          <label htmlFor="role" className={labelClass}>
            Role
          </label>
          <select id="role" name="role" defaultValue={filters.role ?? ''} className={inputClass}>
            <option value="">Any role</option>
            <option value="learner">Learner</option>
            <option value="assessor">Assessor</option>
            <option value="coach">Enterprise coach</option>
            <option value="admin">Administrator</option>
          </select>
        </div>
        <div>
          <label htmlFor="status" className={labelClass}>
            Status
          </label>
          <select id="status" name="status" defaultValue={filters.status ?? ''} className={inputClass}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass()}>
            Search
          </button>
          {raw.q || raw.role || raw.status || raw.missing ? (
            <Link href="/admin/accounts" className={buttonClass({ variant: 'secondary' })}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>

      <p className="mb-2 text-sm text-muted" role="status">
        {plural(list.total, 'account')}
        {list.pageCount > 1 ? `, page ${list.page} of ${list.pageCount}` : ''}
      </p>
      {list.rows.length ? (
        <div className="overflow-x-auto rounded-xl border border-line bg-white shadow-sm">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Accounts</caption>
            <thead className="bg-canvas text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Email
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((a) => (
                <tr key={a.id} className="border-t border-line hover:bg-canvas">
                  <th scope="row" className="px-4 py-2 font-medium">
                    <Link
                      href={`/admin/accounts/${a.id}`}
                      className="text-brand-700 underline-offset-2 hover:underline"
                    >
                      {a.name}
                    </Link>
                  </th>
                  <td className="px-4 py-2 break-all">{a.email}</td>
                  <td className="px-4 py-2">
                    <RoleBadge role={a.role} />
                  </td>
                  <td className="px-4 py-2">
                    <StatusBadge active={a.active} />
                  </td>
                  <td className="hidden px-4 py-2 text-muted md:table-cell">{formatDate(a.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title="No accounts match" action={{ href: '/admin/accounts', label: 'Show all accounts' }}>
          Try a shorter search or another role.
        </EmptyState>
      )}
      {list.pageCount > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
          {list.page > 1 ? (
            <Link href={pageHref(list.page - 1)} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
              &larr; Previous
            </Link>
          ) : (
            <span />
          )}
          {list.page < list.pageCount ? (
            <Link href={pageHref(list.page + 1)} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
              Next &rarr;
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
