'use client';
import { lazyPanel } from '@/components/ui/lazy-panel';
import { LazyBoundary } from '@/components/ui/LazyBoundary';
import { PanelLoading } from '@/components/ui/PanelLoading';

const WorksheetSection = lazyPanel(() => import('./WorksheetSection').then((m) => m.WorksheetSection));

/**
 * <WorksheetSection> with its code fetched just after the page's (issue #19's first-load JavaScript budget: the
 * fields, the response table and the section cards are most of the worksheet's code). Rendered on the server, so
 * every section is on the page with the learner's answers from the start and becomes editable a moment later.
 */
export function LazyWorksheetSection({ id }: { id: string }) {
  return (
    <LazyBoundary fallback={<PanelLoading className="my-6 min-h-40" label="Loading this section…" />}>
      <WorksheetSection id={id} />
    </LazyBoundary>
  );
}
