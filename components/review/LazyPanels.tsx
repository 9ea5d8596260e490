'use client';
import type { ComponentProps } from 'react';
import { lazyPanel } from '@/components/ui/lazy-panel';
import { LazyBoundary } from '@/components/ui/LazyBoundary';
import { PanelLoading } from '@/components/ui/PanelLoading';
import type { ReviewForm as ReviewFormType } from './ReviewForm';
import type { SignPanel as SignPanelType } from './SignPanel';

// A review's form and its signatures are most of the review page's code: fetched just after the page's own (issue
// #19's first-load JavaScript budget). Both are rendered on the server, so they are on the page from the start; their
// controls wait, disabled, until their code has arrived.
const ReviewForm = lazyPanel(() => import('./ReviewForm').then((m) => m.ReviewForm));
const SignPanel = lazyPanel(() => import('./SignPanel').then((m) => m.SignPanel));

export function LazyReviewForm(props: ComponentProps<typeof ReviewFormType>) {
  return (
    <LazyBoundary fallback={<PanelLoading className="min-h-96" label="Loading the review form…" />}>
      <ReviewForm {...props} />
    </LazyBoundary>
  );
}

export function LazySignPanel(props: ComponentProps<typeof SignPanelType>) {
  return (
    <LazyBoundary fallback={<PanelLoading className="min-h-40" label="Loading the signatures…" />}>
      <SignPanel {...props} />
    </LazyBoundary>
  );
}
