import Link from 'next/link';
import { buttonClass } from '@/components/ui/Button';

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-20 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-muted">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-semibold text-brand-900">We could not find that page</h1>
      <p className="mt-3 text-muted">The address may be mistyped, or the item may have moved.</p>
      <Link href="/" className={buttonClass({ size: 'lg', className: 'mt-6' })}>
        Go to your home page
      </Link>
    </main>
  );
}
