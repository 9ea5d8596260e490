'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { NavItem } from '@/lib/navigation';

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  // Only the most specific matching link is current (/coach/worksheets, not also /coach).
  const matches = items.filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
  const currentHref = matches.sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className="flex gap-1 whitespace-nowrap">
      {items.map((item) => {
        const current = item.href === currentHref;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? 'page' : undefined}
              className={`block rounded-md px-3 py-1.5 text-sm font-medium ${current ? 'bg-white/15 text-white' : 'text-brand-50 hover:bg-white/10'}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
