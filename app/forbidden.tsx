import Link from 'next/link';
import { buttonClass } from '@/components/ui/Button';

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-20 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-notyet">403 · Not allowed</p>
      <h1 className="mt-2 text-2xl font-semibold text-brand-900">This page is not open to your account</h1>
      <p className="mt-3 text-muted">
        You are signed in, but your role does not give you access to this page or to this learner&apos;s work. If you
        think you should have access, ask your administrator to check your assignments.
      </p>
      <Link href="/" className={buttonClass({ size: 'lg', className: 'mt-6' })}>
        Go to your home page
      </Link>
    </main>
  );
}
