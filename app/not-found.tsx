import { buttonClass } from '@/components/ui/Button';

// A plain link, not next/link: these pages are server-only, and next/link would add a client chunk that every
// route's first-load JavaScript counts (scripts/js-budget.mjs). Leaving an error page may load the home page afresh.
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-20 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-muted">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-semibold text-brand-900">We could not find that page</h1>
      <p className="mt-3 text-muted">The address may be mistyped, or the item may have moved.</p>
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above: no client chunk on error pages */}
      <a href="/" className={buttonClass({ size: 'lg', className: 'mt-6' })}>
        Go to your home page
      </a>
    </main>
  );
}
