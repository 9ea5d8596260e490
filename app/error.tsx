'use client';
import { buttonClass } from '@/components/ui/Button';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-20 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-notyet">Something went wrong</p>
      <h1 className="mt-2 text-2xl font-semibold text-brand-900">This page could not be shown</h1>
      <p className="mt-3 text-muted">Nothing you had saved is lost. Try again in a moment.</p>
      <button type="button" onClick={reset} className={buttonClass({ size: 'lg', className: 'mt-6' })}>
        Try again
      </button>
    </main>
  );
}
