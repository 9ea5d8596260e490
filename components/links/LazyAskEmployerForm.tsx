'use client';
import type { ComponentProps } from 'react';
import { lazyPanel } from '@/components/ui/lazy-panel';
import { LazyBoundary } from '@/components/ui/LazyBoundary';
import { PanelLoading } from '@/components/ui/PanelLoading';
import type { AskEmployerForm as Form } from './AskEmployerForm';

const AskEmployerForm = lazyPanel(() => import('./AskEmployerForm').then((m) => m.AskEmployerForm));

/**
 * <AskEmployerForm> with its code fetched just after the review page's (the 150 kB first-load budget,
 * tests/system/js-budget.test.ts). Rendered on the server; its controls wait, disabled, until its code has arrived.
 */
export function LazyAskEmployerForm(props: ComponentProps<typeof Form>) {
  return (
    <LazyBoundary fallback={<PanelLoading className="min-h-40" label="Loading the employer's signature…" />}>
      <AskEmployerForm {...props} />
    </LazyBoundary>
  );
}
