import { LiveHeader } from '@/components/shell/LiveHeader';
import { PageShell } from '@/components/shell/PageShell';

/*
 * Module and item pages: the standards are public documents and every reader sees the same page, so these are
 * built once at build time and served as static files (tests/bench/module-page.bench.ts). Nothing here reads the
 * session; what is a learner's own comes from route handlers that check it (LiveHeader, live-statuses.tsx).
 */
export default function StudyLayout({ children }: { children: React.ReactNode }) {
  return <PageShell header={<LiveHeader />}>{children}</PageShell>;
}
