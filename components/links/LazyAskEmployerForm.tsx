'use client';
import { Suspense, type ComponentProps } from 'react';
import { lazyPanel } from '@/components/ui/lazy-panel';
import { PanelLoading } from '@/components/ui/PanelLoading';
import type { AskEmployerForm as Form } from './AskEmployerForm';

const AskEmployerForm = lazyPanel(() => import('./AskEmployerForm').then((m) => m.AskEmployerForm));

/**
 * <AskEmployerForm> with its code fetched just after the review page's: the page keeps its recorded first-load
 * ceiling (tests/system/js-budget.test.ts), and the form, rendered on the server, works a moment after it is drawn.
 */
export function LazyAskEmployerForm(props: ComponentProps<typeof Form>) {
  return (
    <Suspense fallback={<PanelLoading className="min-h-40" label="Loading the employer's signature…" />}>
      <AskEmployerForm {...props} />
    </Suspense>
  );
}
