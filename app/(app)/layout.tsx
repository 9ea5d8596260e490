import { AppHeader } from '@/components/shell/AppHeader';
import { requireUser } from '@/lib/auth/session';

// The shell only. Layouts do not re-run on navigation, so each page checks permission itself.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <AppHeader user={user} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">{children}</main>
    </>
  );
}
