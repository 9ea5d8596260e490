import { LiveHeader } from '@/components/shell/LiveHeader';

/*
 * Module and item pages: the standards are public documents and every reader sees the same page, so these are
 * built once at build time and served as static files (tests/bench/module-page.bench.ts). Nothing here reads the
 * session; what is a learner's own comes from route handlers that check it (LiveHeader, live-statuses.tsx).
 */
export default function StudyLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <LiveHeader />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">{children}</main>
    </>
  );
}
