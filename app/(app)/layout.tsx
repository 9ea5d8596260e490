import { AppHeader } from '@/components/shell/AppHeader';
import { requireSignedIn } from '@/lib/auth/session';
import { QUALITY_NAV } from '@/lib/navigation';
import { isIqa } from '@/lib/permissions';
import { PageShell } from '@/components/shell/PageShell';

// The shell only. Layouts do not re-run on navigation, so each page checks permission itself (requireUser, which also
// sends someone who must replace their password to /account, the one page here that lets them). Whether the account
// is an internal quality assurer is read here, server-side, only to offer the Quality link; /quality checks again.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignedIn();
  const extraNav = (await isIqa(user)) ? [QUALITY_NAV] : [];
  return <PageShell header={<AppHeader user={user} extraNav={extraNav} />}>{children}</PageShell>;
}
