import { AppHeader } from '@/components/shell/AppHeader';
import { getCurrentUser } from '@/lib/auth/session';
import { PageShell } from '@/components/shell/PageShell';

/*
 * Pages anyone may read that still differ by reader (the module catalogue: a learner sees their progress, a visitor
 * the list and a way to sign in). Rendered per request, so the header comes from the session, not from /api/me.
 * Layouts do not re-run on navigation, so each page reads the user itself.
 */
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return <PageShell header={<AppHeader user={user} />}>{children}</PageShell>;
}
