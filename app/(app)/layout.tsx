import { AppHeader } from '@/components/shell/AppHeader';
import { requireSignedIn } from '@/lib/auth/session';
import { QUALITY_NAV } from '@/lib/navigation';
import { isIqa } from '@/lib/permissions';
import { PageShell } from '@/components/shell/PageShell';
import { unreadCount } from '@/lib/notifications/inbox';

// The shell only. Layouts do not re-run on navigation, so each page checks permission itself (requireUser, which also
// sends someone who must replace their password to /account, the one page here that lets them). Whether the account
// is an internal quality assurer is read here, server-side, only to offer the Quality link; /quality checks again.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignedIn();
  const [iqa, unread] = await Promise.all([isIqa(user), unreadCount(user)]);
  const extraNav = iqa ? [QUALITY_NAV] : [];
  return <PageShell header={<AppHeader user={user} extraNav={extraNav} unread={unread} />}>{children}</PageShell>;
}
