import Link from 'next/link';
import type { SessionUser } from '@/lib/auth/session';
import { NAV_BY_ROLE, ROLE_LABEL, type NavItem } from '@/lib/navigation';
import { NavLinks } from './NavLinks';
import { HeaderIconLink } from './HeaderIconLink';
import { NotificationBell } from './NotificationBell';
import { SignOutButton } from '@/components/auth/SignOutButton';

/**
 * The header: the brand, the role's navigation and who is signed in. `user` null is a visitor (a module page read
 * without signing in), shown a sign-in link, or, with `pending`, a header still finding out who is reading.
 */
export function AppHeader({
  user,
  pending = false,
  extraNav = [],
  unread,
}: {
  user: Pick<SessionUser, 'name' | 'role'> | null;
  pending?: boolean;
  extraNav?: NavItem[];
  /** Unread notifications (the bell); undefined: no bell (not known on this page). */
  unread?: number;
}) {
  return (
    <header role="banner" className="border-b border-brand-900/10 bg-brand-700 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <Logo />
          Criterion
        </Link>
        {user ? (
          <>
            <nav aria-label="Main" className="order-3 w-full overflow-x-auto sm:order-none sm:w-auto sm:flex-1">
              <NavLinks items={[...NAV_BY_ROLE[user.role], ...extraNav]} />
            </nav>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <SearchLink />
              {unread === undefined ? null : <NotificationBell unread={unread} />}
              <Link href="/account" className="rounded-md px-1 text-right leading-tight hover:underline">
                <div className="font-medium">
                  <span className="sr-only">Account settings for </span>
                  {user.name}
                </div>
                <div className="text-brand-100">{ROLE_LABEL[user.role]}</div>
              </Link>
              <SignOutButton />
            </div>
          </>
        ) : pending ? null : (
          <div className="ml-auto flex items-center gap-3">
            <SearchLink />
            <a
              href="/signin"
              className="rounded-md border border-white/30 px-3 py-1.5 text-sm font-medium hover:bg-white/10"
            >
              Sign in
            </a>
          </div>
        )}
      </div>
    </header>
  );
}

/**
 * The way to the module search (/search), as an icon like the bell: the header has no room for a box beside the
 * longest role's navigation. A plain link, so it works on the prebuilt module pages too.
 */
function SearchLink() {
  return (
    <HeaderIconLink href="/search" label="Search the modules">
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-4-4" />
    </HeaderIconLink>
  );
}

function Logo() {
  return (
    <svg aria-hidden="true" width="26" height="26" viewBox="0 0 26 26" className="shrink-0">
      <rect width="26" height="26" rx="7" fill="#f2b705" />
      <path
        d="M7 13.5l4 4 8-9"
        stroke="#0a2e2f"
        strokeWidth="2.6"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
