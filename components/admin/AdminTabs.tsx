'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/admin', label: 'Overview', exact: true },
  { href: '/admin/accounts', label: 'Accounts' },
  { href: '/admin/cohorts', label: 'Cohorts' },
  { href: '/admin/import', label: 'Import learners' },
  { href: '/admin/records', label: 'Learner records' },
  { href: '/admin/badges', label: 'Badges' },
  { href: '/admin/eqa', label: 'External QA' },
  { href: '/admin/outbox', label: 'Outbox' },
  { href: '/admin/audit', label: 'Audit log' },
];

export function AdminTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className="no-print -mt-2 mb-6 overflow-x-auto border-b border-line">
      <ul className="flex gap-1 whitespace-nowrap">
        {TABS.map((t) => {
          const current = t.exact ? pathname === t.href : pathname === t.href || pathname.startsWith(`${t.href}/`);
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={current ? 'page' : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm font-medium ${current ? 'border-brand-600 text-brand-700' : 'border-transparent text-muted hover:text-ink'}`}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
