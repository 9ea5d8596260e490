import { AppHeader } from '@/components/shell/AppHeader';
import { getCurrentUser } from '@/lib/auth/session';

/*
 * Pages anyone may read that still differ by reader (the module catalogue: a learner sees their progress, a visitor
 * the list and a way to sign in). Rendered per request, so the header comes from the session, not from /api/me.
 * Layouts do not re-run on navigation, so each page reads the user itself.
 */
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <>
      <AppHeader user={user} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">{children}</main>
    </>
  );
}
