'use client';
import { Suspense, type ComponentProps } from 'react';
import { lazyPanel } from '@/components/ui/lazy-panel';
import { PanelLoading } from '@/components/ui/PanelLoading';
import type { SignPanel as SignPanelType } from './SignPanel';

const SignPanel = lazyPanel(() => import('./SignPanel').then((m) => m.SignPanel));

/**
 * <SignPanel> fetched just after the page's own code (issue #19's first-load JavaScript budget): it is read after the
 * review above it. Rendered on the server, so the signatures are on the page from the start and signing works a
 * moment later.
 */
export function LazySignPanel(props: ComponentProps<typeof SignPanelType>) {
  return (
    <Suspense fallback={<PanelLoading className="min-h-40" label="Loading the signatures…" />}>
      <SignPanel {...props} />
    </Suspense>
  );
}
