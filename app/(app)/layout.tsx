import { AppHeader } from '@/components/shell/AppHeader';
import { requireSignedIn } from '@/lib/auth/session';
import { PageShell } from '@/components/shell/PageShell';

// The shell only. Layouts do not re-run on navigation, so each page checks permission itself (requireUser, which also
// sends someone who must replace their password to /account, the one page here that lets them).
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSignedIn();
  return <PageShell header={<AppHeader user={user} />}>{children}</PageShell>;
}
