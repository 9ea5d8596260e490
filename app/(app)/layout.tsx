import { AppHeader } from '@/components/shell/AppHeader';
import { requireUser } from '@/lib/auth/session';
import { PageShell } from '@/components/shell/PageShell';

// The shell only. Layouts do not re-run on navigation, so each page checks permission itself.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return <PageShell header={<AppHeader user={user} />}>{children}</PageShell>;
}
