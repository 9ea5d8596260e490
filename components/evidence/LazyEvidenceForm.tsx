'use client';
import { lazyPanel } from '@/components/ui/lazy-panel';
import { LazyBoundary } from '@/components/ui/LazyBoundary';
import { PanelLoading } from '@/components/ui/PanelLoading';
import type { EvidenceFormProps } from './EvidenceForm';

const EvidenceForm = lazyPanel(() => import('./EvidenceForm').then((m) => m.EvidenceForm));

/**
 * <EvidenceForm> for a page where it is not the main thing (the assessor's record form below a learner's portfolio):
 * its code is fetched just after the page's (issue #19's first-load JavaScript budget). Rendered on the server, so
 * the form is on the page from the start and becomes usable a moment later.
 */
export function LazyEvidenceForm(props: EvidenceFormProps) {
  return (
    <LazyBoundary fallback={<PanelLoading className="min-h-96" label="Loading the form…" />}>
      <EvidenceForm {...props} />
    </LazyBoundary>
  );
}
